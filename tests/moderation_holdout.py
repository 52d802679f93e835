"""A second, smaller functional set, written after the rules were frozen and never used to tune them.

tests/moderation_suite.py was used while developing the rules, so its scores are optimistic; this set is run
as-is and its figures are reported beside the suite's (bench/moderation.py). Same format and labels.

Its four first-run failures (bench/results/moderation-holdout-first-run.txt) guided the rule changes of
2026-12-02, so since then it is a regression set; tests/moderation_holdout3.py is the one not tuned on.
"""

from __future__ import annotations

from tests.moderation_suite import Case

HOLDOUT: dict[str, list[Case]] = {
    "identity, positive, negated and counter-speech: not hate": [
        Case(t, {"hate": False})
        for t in [
            "My best friend is a Sikh and a nurse.",
            "Our Jewish neighbours brought us soup when we were ill.",
            "Hindus celebrate Diwali next week.",
            "Muslim doctors kept the ward running during the strike.",
            "Lesbian couples can now adopt in this state.",
            "Immigrants are not a burden, they pay taxes like everyone.",
            "Jews are not responsible for the actions of the Israeli government.",
            "Calling Mexicans rapists is racist garbage.",
            "The 'Jewish world conspiracy' is a lie that led to genocide.",
            "It is antisemitic to say that Jews control Hollywood.",
            "Israel's foreign minister resigned today.",
            "I visited the Auschwitz memorial with my class.",
        ]
    ],
    "hate and antisemitism: hate": [
        Case(t, {"hate": True})
        for t in [
            "Mexicans are rapists and criminals.",
            "Muslims are savages who don't belong in Europe.",
            "Jews own the banks and the newspapers.",
            "Black people are apes.",
            "Gays are a disease spreading through our schools.",
            "The Holocaust is a myth made up by Zionists.",
            "Refugees are cockroaches.",
            "Women are useless outside the kitchen.",
            "The world is run by the Rothschilds.",
            "These Jewish globalists are destroying the West.",
        ]
    ],
    "violence: threats vs idioms": [
        *(
            Case(t, {"violence": True})
            for t in [
                "I'm going to shoot up the school tomorrow.",
                "Someone needs to kill the senator.",
                "Burn down the refugee centre.",
                "They should all be executed for treason.",
                "We will hang you from a lamppost.",
            ]
        ),
        *(
            Case(t, {"violence": False})
            for t in [
                "The comedian killed it at the festival.",
                "Three people were killed in the crash on the A1.",
                "My phone battery is killing me.",
                "We shot the wedding video in one take.",
                "The storm destroyed the old pier.",
            ]
        ),
    ],
    "conspiracy vs criticism": [
        *(
            Case(t, {"conspiracy": True})
            for t in [
                "Covid was planned by the globalist elite to control us.",
                "The Sandy Hook shooting was staged with crisis actors.",
                "They are replacing white people with immigrants on purpose.",
                "The deep state rigged everything, wake up people.",
                "Vaccines are a bioweapon for depopulation.",
            ]
        ),
        *(
            Case(t, {"conspiracy": False})
            for t in [
                "The inquiry found failures in how the contracts were awarded.",
                "I'm sceptical of the company's safety claims.",
                "The government should publish the full report.",
                "Polls were wrong about the election result again.",
                "Pharmaceutical companies lobby heavily, which deserves scrutiny.",
            ]
        ),
    ],
    "harassment vs disagreement": [
        *(
            Case(t, {"harassment": True})
            for t in [
                "You are an idiot and everyone knows it.",
                "Shut up you ignorant troll.",
                "You're a disgusting liar.",
                "@sarah_k is a pathetic clown.",
                "You absolute moron.",
            ]
        ),
        *(
            Case(t, {"harassment": False})
            for t in [
                "You're mistaken about the date, it was 2016.",
                "I think your reading of the law is too narrow.",
                "Fair enough, you convinced me.",
                "You seem to have missed the point of the article.",
                "Thanks, you're right about the numbers.",
            ]
        ),
    ],
    "spam vs links": [
        *(
            Case(t, {"spam": True})
            for t in [
                "Make $300 daily from home, click here https://jobs-now.xyz",
                "Cheap replica watches at www.replica-store.top",
                "Subscribe to my channel for crypto investment tips https://yt.example.com/c",
            ]
        ),
        *(
            Case(t, {"spam": False})
            for t in [
                "The full judgment is at https://www.supremecourt.uk/cases/",
                "Original interview here: https://www.theguardian.com/politics",
                "I emailed the council and got a reply within a day.",
            ]
        ),
    ],
}
