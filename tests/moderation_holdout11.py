"""A twelfth functional set, written on 2026-12-03 before any change guided by holdout 10's failures (holdout 10
had been run, and its failures read, when this was written); not run until such changes are committed.

Its first run is recorded in bench/results/moderation-holdout11-first-run.txt. Same format as
tests/moderation_suite.py; no phrasing copied from the earlier sets. Written by the person who writes the rules,
from memory of the news and comment sections rather than from the lexicon, which was not opened while writing.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT11: dict[str, list[Case]] = {
    "identity mentions, praise, negation and counter-speech: not hate": _cases(
        "hate",
        False,
        [
            "The Bangladeshi restaurant on the corner has the friendliest staff in the city.",
            "My daughter married a Nigerian man and he is the kindest son-in-law anyone could wish for.",
            "Calling Jews greedy is an old slur and the club was right to ban him.",
            "Trans people are not a threat to anyone in a changing room.",
            "The synagogue opened its doors to the flood victims last night.",
            "Being Catholic doesn't make the teacher biased, whatever the parents say.",
            "Afghan interpreters risked their lives for our soldiers and deserve visas.",
            "I'm deaf and the subtitles on this video are missing.",
        ],
    ),
    "hate against a group: hate": _cases(
        "hate",
        True,
        [
            "Nigerians are all scammers, every single one of them.",
            "Trans women are mentally ill men in dresses.",
            "Arabs are savages who only understand force.",
            "Gypsies are a plague of thieves on every town they camp in.",
            "Muslims breed like rats and will outnumber us soon.",
            "Black people are genetically less intelligent, it's just science.",
            "Feminists are ugly hags who hate men.",
            "Indians stink of curry and ruin every neighbourhood they move into.",
        ],
    ),
    "antisemitic tropes and denial: hate against Jewish people": _cases(
        "hate",
        True,
        [
            "Hollywood is run by Jews who push their agenda on our kids.",
            "The Zionist lobby decides who wins every election in America.",
            "Jews secretly run the slave trade and the porn industry, look it up.",
            "The gas chambers at Auschwitz were built after the war for tourists.",
            "Israeli soldiers are the new SS and Gaza is their Warsaw ghetto.",
            "Every war of the last century was started by Jewish bankers for profit.",
            "The Jews always play the victim while they rob everyone blind.",
            "British Jews care more about Israel than about this country.",
        ],
        target="Jewish people",
    ),
    "threats and incitement: violence": _cases(
        "violence",
        True,
        [
            "Someone needs to put a brick through that MP's window.",
            "I'll be waiting outside the studio for that presenter with a baseball bat.",
            "Burn the mosque down and the problem goes away.",
            "The journalist who wrote this should be strung up from a lamp post.",
            "Next time I see that councillor I'm going to smash his face in.",
            "Round up the traitors and line them against a wall.",
            "Go to the clinic on Saturday and make sure the doctors never work again.",
            "I know where you park your car, enjoy your last week.",
        ],
    ),
    "violent words that are not threats: not violence": _cases(
        "violence",
        False,
        [
            "The comedian absolutely murdered it at the festival.",
            "A 34-year-old man died after being shot in the city centre, detectives said.",
            "The rain has killed off any chance of a barbecue.",
            "The opposition tore the budget to shreds in the debate.",
            "The band's drummer beats the kit like it owes him money.",
            "Her new novel is a thriller about a poisoning in a country house.",
            "Ministers want to axe the old rail line to the coast.",
            "We destroyed them 5-0 in the cup final.",
        ],
    ),
    "conspiracy narratives: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "The towers came down because of explosives planted weeks before, not planes.",
            "5G masts are what really made people sick in 2020.",
            "The royal family are shape-shifting lizards, wake up.",
            "Bill Gates puts tracking chips in the vaccines to monitor everyone.",
            "The floods were caused by weather weapons the government controls.",
            "Paul McCartney died in 1966 and the Beatles hired a lookalike.",
            "They are poisoning the food supply on purpose to shorten our lives.",
            "Princess Diana was murdered by MI6 on orders from the palace.",
        ],
    ),
    "criticism, doubt and reporting: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "The report found the police covered up failings after the stadium disaster.",
            "A poll found one in five voters believe the moon landing was staged.",
            "I doubt the council's timetable for the tram extension is realistic.",
            "Historians have debunked the myth that the king was poisoned.",
            "The company lied about emissions and was fined billions for it.",
            "My uncle swears 5G causes headaches, I just nod along.",
            "The minister's story keeps changing and I want to see the emails.",
            "The programme explains how the lizard people theory spread online.",
        ],
    ),
    "insults at a person vs disagreement": [
        *_cases(
            "harassment",
            True,
            [
                "You are a complete idiot and everyone here knows it.",
                "The reporter is a spineless weasel.",
                "Go away, you worthless troll.",
                "You're too thick to understand basic maths.",
            ],
        ),
        *_cases(
            "harassment",
            False,
            [
                "I disagree with the reporter's reading of the figures.",
                "You might want to check the date on that study.",
                "The headline oversells what the research found.",
                "Thanks for the reply, I see where you're coming from.",
            ],
        ),
    ],
    "spam vs ordinary links": [
        *_cases(
            "spam",
            True,
            [
                "Lose 10kg in a week with this one weird trick: www.slimfast-miracle.example.top",
                "Get a free iPhone 16, just enter your details at https://free-phones.example.xyz",
                "Work from home and earn $5000 a month, DM me for details",
                "Best crypto signals, 500% profit guaranteed, join our Telegram group today",
            ],
        ),
        *_cases(
            "spam",
            False,
            [
                "The inquest report is published at https://www.gov.uk/government/publications",
                "The original study is here: https://www.nature.com/articles/example",
                "I read the full interview on the BBC website this morning.",
                "The consultation is open until March, see the council's site for the form.",
            ],
        ),
    ],
}
