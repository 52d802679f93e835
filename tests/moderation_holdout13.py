"""A fourteenth functional set, the same two functionalities as tests/moderation_holdout12.py (conspiracy
narratives debunked or refuted: not conspiracy; asserted: conspiracy), in other words and other narratives.

Written on 2026-12-05 at the same time as holdout 12, before any change to the rules of that day, and not run
until the changes guided by holdout 12's failures are committed: it measures whether they carry over. Its first
run is recorded in bench/results/moderation-holdout13-first-run.txt. Written by the person who writes the rules.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT13: dict[str, list[Case]] = {
    "conspiracy narratives debunked, refuted or denied: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "Flat earthers are wrong: ships disappear hull first over the horizon.",
            "The Sandy Hook shooting was real and those parents have been through hell.",
            "I looked into the 'birds aren't real' thing and it's a parody, folks.",
            "Contrary to what you read online, 5G masts do not spread viruses.",
            "That the moon landings were staged is a claim no serious person accepts.",
            "Vaccines don't contain tracking chips; the needle is too small for that anyway.",
            "The fires in Maui were caused by downed power lines, not a space laser.",
            "There was no secret plot behind the pandemic, whatever the Telegram channels say.",
            "Election officials from both parties confirmed the count was accurate.",
            "Conspiracy theorists keep saying the Titanic was sunk on purpose, which is absurd.",
            "It's a myth that the government puts mind-control drugs in tap water.",
            "Pizzagate was a lie that nearly got people killed.",
        ],
    ),
    "conspiracy narratives asserted: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "The Maui fires were started by a directed energy weapon to clear land for the rich.",
            "Pizzagate is real and the elites are protecting each other.",
            "They faked the Apollo missions because the Van Allen belts would have killed the astronauts.",
            "Sandy Hook was staged with crisis actors to take our guns.",
            "The globalists are poisoning the water supply to keep us docile.",
            "The pandemic was planned years in advance by the people at Davos.",
            "Don't let them fool you, the vaccine is a depopulation weapon.",
            "Princess Diana was assassinated because she knew too much.",
            "They released the virus on purpose to crash the economy and buy everything cheap.",
            "The weather is being controlled by the military with HAARP.",
            "JFK Jr. is alive and will return to expose the cabal.",
            "The mainstream media is run by the same cabal that started every war.",
        ],
    ),
}
