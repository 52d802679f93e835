"""A fifteenth functional set, written on 2026-12-05 after holdout 13's first run (16/24) and before any change
guided by its failures; not run until such changes are committed. Its first run goes to
bench/results/moderation-holdout14-first-run.txt.

Two functionalities: conspiracy narratives asserted that no earlier set names (conspiracy), and documented
wrongdoing, crime reports and policy criticism that share their shape, someone powerful doing harm on purpose and
hiding it (not conspiracy). The second guards against a rule that reads any secret harmful plan as a conspiracy
theory. Written by the person who writes the rules, from general knowledge, with the lexicon not open.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT14: dict[str, list[Case]] = {
    "conspiracy narratives asserted: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "Big Pharma invented autism to sell more drugs.",
            "The banks crashed the economy in 2008 on purpose so they could buy up all the houses.",
            "The Freemasons run every police force in the country and protect their own.",
            "Wind turbines are built to make people sick with infrasound so the elites can empty the countryside.",
            "The Notre-Dame fire was set deliberately by the government to push through a redevelopment.",
            "The bird flu scare was cooked up by the WHO to force a new round of lockdowns.",
            "Those aren't contrails, they're dumping nanoparticles to block the sun and starve the crops.",
            "The war in Ukraine is a money laundering scheme run by the same people who own the banks.",
            "The moon is a hollow base built by aliens and NASA knows it.",
            "Cancer is caused by a fungus and doctors are paid to keep quiet about it.",
            "Gates is buying up the farmland to control the food supply and starve us.",
            "The Ohio train derailment was done on purpose to poison the town.",
        ],
    ),
    "documented wrongdoing, crime reports and policy criticism: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "Tobacco companies hid their own research showing that smoking causes cancer.",
            "Volkswagen faked its emissions tests and paid billions in fines.",
            "The Nixon White House covered up its role in the Watergate break-in.",
            "Police say the warehouse fire was started deliberately and have arrested a man.",
            "The NSA collected Americans' phone records in secret, as Snowden revealed.",
            "Purdue Pharma downplayed how addictive OxyContin was to boost sales.",
            "The company poisoned the river with chemical waste for decades, a court found.",
            "I think the government handled the pandemic badly and the lockdowns lasted too long.",
            "The minister lied to parliament about the contracts and should resign.",
            "Enron's executives hid billions in debt from investors.",
            "The arsonist admitted he set the fires on purpose to cover up a burglary.",
            "Lobbyists for the oil industry spent millions to delay climate laws.",
        ],
    ),
}
