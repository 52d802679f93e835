"""A fifth functional set, written on 2026-12-02 before the rule changes made after holdout 3's first run, and not
run until those changes were committed.

Holdout 3's failures guided those changes; this set measures whether they generalise. Its first run is recorded
in bench/results/moderation-holdout4-first-run.txt (49/58). Since 2026-12-03 its failures have guided rule changes
(Holocaust-denial and Hitler variants, bombs and arson, vaccine and fluoride narratives, reported belief), so it is
now a regression set like holdouts 1-3, no longer a measure. Same format as tests/moderation_suite.py.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT4: dict[str, list[Case]] = {
    "identity mentions, praise, negation and counter-speech: not hate": _cases(
        "hate",
        False,
        [
            "The Hindu temple hosts a free lunch every Sunday.",
            "Those who claim Muslims are terrorists are spreading hate.",
            "Anyone who thinks Black people are inferior is a bigot.",
            "My Jewish grandfather fought in the war.",
            "Romanians and Bulgarians can work here without a visa since 2014.",
            "Immigrants are not vermin, and saying so is disgusting.",
            "Gay couples have been able to marry here since 2013.",
            "The idea that Jews run the banks is a conspiracy theory with a long, ugly history.",
        ],
    ),
    "hate against a group: hate": _cases(
        "hate",
        True,
        [
            "Albanians are criminals, all of them.",
            "Muslims are rats and we should treat them like rats.",
            "Lesbians are disgusting perverts.",
            "Jews are vermin.",
            "Immigrants are a plague on this country.",
            "Disabled people are a burden on everyone.",
        ],
    ),
    "antisemitic tropes and denial: hate against Jewish people": _cases(
        "hate",
        True,
        [
            "The Holocaust is the biggest lie ever told.",
            "Auschwitz was a work camp, nobody was gassed there.",
            "Hitler had the right idea about the Jews.",
            "The Jews control the banks and the press.",
            "Zionists run Hollywood and the news.",
            "Jewish bankers caused the financial crisis on purpose.",
        ],
        target="Jewish people",
    ),
    "threats and incitement: violence": _cases(
        "violence",
        True,
        [
            "I'm going to burn your house down.",
            "Someone should put a bomb in that building.",
            "We will kill every one of you.",
            "Shoot them all at the border.",
            "I'll beat the crap out of you next time.",
            "They should be lined up against a wall and shot.",
        ],
    ),
    "violent words that are not threats: not violence": _cases(
        "violence",
        False,
        [
            "The soldier was killed by a roadside bomb, officials said.",
            "The new album kills, go listen.",
            "Our defence got absolutely destroyed tonight.",
            "The shooting happened shortly after midnight, police said.",
            "I'm dying to see the sequel.",
            "The fire destroyed three homes on Elm Street.",
        ],
    ),
    "conspiracy narratives: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "The Apollo moon landings were staged by Kubrick.",
            "The earth is flat, wake up.",
            "Covid vaccines contain nanobots that control your mind.",
            "The world is secretly run by lizard people.",
            "The government is putting fluoride in the water to make us docile.",
            "Princess Diana was murdered by the royal family and they covered it up.",
        ],
    ),
    "criticism, doubt and reporting: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "I'm sceptical of the government's new housing figures.",
            "Reporters uncovered how the firm hid its losses from investors.",
            "The programme looked at why people believe the earth is flat.",
            "The inquiry found the police had withheld evidence.",
            "I don't think the new policy will work.",
            "Critics say the deal was rushed through parliament.",
        ],
    ),
    "insults at a person vs disagreement": [
        *_cases(
            "harassment",
            True,
            [
                "You're a worthless idiot.",
                "This reporter is a total moron.",
                "The writer is an ignorant clown.",
                "Shut up, nobody cares what you think, loser.",
            ],
        ),
        *_cases(
            "harassment",
            False,
            [
                "I don't agree with the reporter at all.",
                "The writer misses the main point.",
                "You might want to check the date on that study.",
                "That's an interesting take, but I'm not convinced.",
            ],
        ),
    ],
    "spam vs ordinary links": [
        *_cases(
            "spam",
            True,
            [
                "Get rich quick with crypto signals, join now http://signals.example.top",
                "Buy Instagram likes cheap at www.likes.example.biz",
                "Click here for free iPhone giveaway http://win.example.xyz",
            ],
        ),
        *_cases(
            "spam",
            False,
            [
                "The study is here: https://www.nature.com/articles/s41586-023-0000-0",
                "Council minutes are at https://www.leeds.gov.uk/meetings",
                "I posted about this on the forum last week and got no answer.",
            ],
        ),
    ],
}
