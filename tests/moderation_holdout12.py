"""A thirteenth functional set, on one functionality the issue names and the earlier sets touched little:
conspiracy narratives that a comment debunks, refutes or denies (not conspiracy) beside the same kinds of
narrative asserted (conspiracy), including assertions that something real "is not real".

Written on 2026-12-05, together with tests/moderation_holdout13.py, before any change to the rules of that day.
Ten of its cases were probes run once before it was written (three of them failed: a debunk sent to review as
conspiracy); the rest were not run before it was committed. Its failures guide that day's changes; holdout 13,
written at the same time, stays unrun until those changes are committed and measures whether they carry over.
Written by the person who writes the rules; the lexicon's CONSPIRACY_REPORTED and COUNTER_SPEECH patterns had been
read that day, the conspiracy narrative patterns had not.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT12: dict[str, list[Case]] = {
    "conspiracy narratives debunked, refuted or denied: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "Many people believe the moon landing was faked, but the evidence is overwhelming that it happened.",
            "No, chemtrails are not real, they are condensation trails.",
            "Claims that the election was rigged by voting machines were rejected by every court.",
            "Some claim 5G spreads covid; that is nonsense.",
            "The idea that vaccines contain microchips is a baseless conspiracy theory.",
            "My uncle thinks the earth is flat, which is ridiculous.",
            "Believing that Bill Gates wants to depopulate the world is a dangerous myth.",
            "The theory that 9/11 was an inside job has been debunked many times.",
            "There are no lizard people running the government, get a grip.",
            "Fact check: the vaccines do not alter your DNA.",
            "Nobody is hiding a cure for cancer; drug trials are public.",
            "Scientists have shown again and again that fluoride at these levels is safe.",
        ],
    ),
    "conspiracy narratives asserted: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "Covid isn't real, it's just the flu rebranded to control us.",
            "Wake up, the vaccines are designed to sterilise the population.",
            "The moon landing never happened, it was shot in a Hollywood studio.",
            "Chemtrails are real and they are poisoning our kids.",
            "The elites planned the pandemic to usher in the Great Reset.",
            "9/11 was an inside job, jet fuel can't melt steel beams.",
            "The government is hiding the cure for cancer to protect pharma profits.",
            "The media won't tell you but 5G towers are what made people sick in Wuhan.",
            "The election was stolen by rigged Dominion machines, everyone knows it.",
            "They are spraying us from planes to control the weather.",
            "Bill Gates put nanochips in the jab so they can track us.",
            "There is no climate change, it's a hoax invented by globalists to tax us.",
        ],
    ),
}
