"""A sixth functional set, written on 2026-12-02 (evening session) before any change made after holdout 4's first
run, and not run until those changes were committed.

Holdout 4's failures guide those changes; this set measures whether they generalise. Its first run is recorded in
bench/results/moderation-holdout5-first-run.txt (58/72). Since then its failures have guided rule changes (dual
loyalty in other words, threats to a home or family, taking up arms, climate-hoax narratives, a narrative named as
a myth, "no evidence that", insults with "what a"), so it is a regression set like holdouts 1-4, no longer a
measure. Same format as tests/moderation_suite.py. The cases are longer and closer to news-site comments than the
earlier sets, and no phrasing was copied from them.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT5: dict[str, list[Case]] = {
    "identity mentions, praise, negation and counter-speech: not hate": _cases(
        "hate",
        False,
        [
            "As a Sikh I was glad to see the gurdwara open its kitchen to the flood victims.",
            "Saying all Mexicans are rapists is a lie and it was a lie in 2015 too.",
            "Jewish and Muslim volunteers cooked together at the shelter last night.",
            "The article about the Holocaust survivor who turned 100 made me cry.",
            "My neighbours are a lesbian couple and they run the best bakery in town.",
            "Nobody should call refugees cockroaches, they are people fleeing a war.",
            "The rabbi and the imam spoke together at the vigil.",
            "Trans people deserve the same healthcare as everyone else.",
        ],
    ),
    "hate against a group: hate": _cases(
        "hate",
        True,
        [
            "Pakistanis are all groomers and should be sent back.",
            "Gays are sick degenerates who prey on children.",
            "Africans are savages, look at any of their countries.",
            "Muslims are a cancer spreading through Europe.",
            "Women are too stupid to be allowed to vote.",
            "Gypsies are thieves, every single one of them.",
            "Trannies are mentally ill freaks.",
            "Chinese people are filthy animals who eat bats.",
        ],
    ),
    "antisemitic tropes and denial: hate against Jewish people": _cases(
        "hate",
        True,
        [
            "Six million is a made up number, the camps had showers not gas chambers.",
            "The Holocaust never happened the way they tell it, it was exaggerated for money.",
            "Rothschilds own every central bank on the planet.",
            "Jews are more loyal to Israel than to this country.",
            "The Jewish lobby buys every politician in Washington.",
            "Hitler should have finished the job.",
            "Every war is started by Jewish bankers to make a profit.",
            "Soros and his Jewish friends are flooding Europe with migrants.",
        ],
        target="Jewish people",
    ),
    "threats and incitement: violence": _cases(
        "violence",
        True,
        [
            "If I ever see that judge in the street I will stab him.",
            "Somebody needs to shoot the mayor before he ruins the city.",
            "Burn down their mosque and see how they like it.",
            "Let's go to the reporter's house tonight and teach her a lesson she won't forget.",
            "Hang the traitors from the nearest lamp post.",
            "We should firebomb the refugee centre.",
            "I'm going to find where you live and hurt your kids.",
            "Time to take up arms and kill the politicians who did this.",
        ],
    ),
    "violent words that are not threats: not violence": _cases(
        "violence",
        False,
        [
            "Two people were stabbed outside the club on Saturday, police said.",
            "The comedian absolutely murdered the crowd last night.",
            "That penalty miss killed our season.",
            "The film depicts the bombing of Dresden in brutal detail.",
            "I could kill for a cup of tea right now.",
            "The suspect was shot by officers after a chase.",
            "The storm destroyed the pier and killed two fishermen.",
            "The prosecutor said the attacker had threatened his wife before.",
        ],
    ),
    "conspiracy narratives: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "Chemtrails are spraying us with chemicals to keep the population sick.",
            "The towers were brought down by controlled demolition, 9/11 was an inside job.",
            "5G masts are what really caused covid, the virus is a cover story.",
            "The elites are deliberately replacing white Europeans with migrants.",
            "Bill Gates wants to microchip everyone through the vaccine.",
            "The climate change hoax was invented to tax us into poverty.",
            "Sandy Hook was staged with crisis actors.",
            "The deep state rigged the election and the media is covering it up.",
        ],
    ),
    "criticism, doubt and reporting: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "The documentary explains how the 9/11 conspiracy theories spread online.",
            "I'd like to see the raw data before I believe the company's emissions figures.",
            "The minister lied about the contracts and the report proves it.",
            "Researchers studied why the chemtrails myth persists.",
            "The council covered up the damp problem for years until tenants went to the press.",
            "Polls have been wrong before, so I'll wait for the result.",
            "Fact-checkers found no evidence that the vaccine contains a microchip.",
            "The bank was fined for rigging interest rates.",
        ],
    ),
    "insults at a person vs disagreement": [
        *_cases(
            "harassment",
            True,
            [
                "You are a pathetic little troll with no life.",
                "The author is a brain-dead hack.",
                "Go back to your basement, you useless idiot.",
                "What a stupid woman, she should never have been given a column.",
            ],
        ),
        *_cases(
            "harassment",
            False,
            [
                "The author's figures on housing are out of date.",
                "I think you have misread the article.",
                "Sorry, but this column makes no sense to me.",
                "She made a fair point about the budget.",
            ],
        ),
    ],
    "spam vs ordinary links": [
        *_cases(
            "spam",
            True,
            [
                "I make $500 a day working from home, see how at http://easy-money.example.top",
                "Cheap replica watches, free shipping worldwide www.watches.example.shop",
                "Hot singles in your area are waiting, click http://date.example.xyz",
                "DM me for followers and likes, best prices!!! http://boost.example.biz",
            ],
        ),
        *_cases(
            "spam",
            False,
            [
                "The full judgement is at https://www.judiciary.uk/judgments/",
                "The ONS data is here: https://www.ons.gov.uk/employmentandlabourmarket",
                "My brother works from home and says it suits him.",
                "The watch in the photo is a Rolex, according to the caption.",
            ],
        ),
    ],
}
