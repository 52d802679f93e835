"""A seventh functional set, written on 2026-12-03 right after holdout 5's first run and before any change guided
by holdout 5's failures; not run until those changes are committed.

Holdout 5's failures guide those changes; this set measures whether they generalise. Its first run is recorded in
bench/results/moderation-holdout6-first-run.txt (57/72). Since then its failures have guided rule changes, so it is
a regression set like holdouts 1-5, no longer a measure. Same format as tests/moderation_suite.py. Cases are written as
readers write under news articles (long, informal, some in reply to the article), no phrasing copied from the
earlier sets.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT6: dict[str, list[Case]] = {
    "identity mentions, praise, negation and counter-speech: not hate": _cases(
        "hate",
        False,
        [
            "My daughter married a Pakistani man last year and he is the kindest person I know.",
            "Calling every Muslim a terrorist is exactly the kind of lazy hate this town has to stop.",
            "Our synagogue was vandalised again and the police still have no suspects.",
            "The Black Lives Matter march went past my shop and it was entirely peaceful.",
            "Gypsies were persecuted by the Nazis too, and that history is rarely taught.",
            "I grew up in a Chinese family that ran a takeaway, we worked seven days a week.",
            "It is not true that immigrants commit more crime, the figures in this article show the opposite.",
            "The gay rugby club raised two thousand pounds for the hospice.",
        ],
    ),
    "hate against a group: hate": _cases(
        "hate",
        True,
        [
            "Muslims are a cancer on this country and the sooner people admit it the better.",
            "Blacks are animals, just look at the crime statistics in any city.",
            "Immigrants are parasites living off our taxes and laughing at us.",
            "Trannies are mentally ill perverts and should be kept away from children.",
            "Gypsies are thieves, every single one of them, lock your doors.",
            "Women are too stupid to be allowed anywhere near politics.",
            "Somalis are savages who will never fit into a civilised society.",
            "These Mexicans are nothing but criminals and rapists flooding across the border.",
        ],
    ),
    "antisemitic tropes and denial: hate against Jewish people": _cases(
        "hate",
        True,
        [
            "The Jews own the media, that is why you never read the truth about Israel.",
            "Follow the money and you always end up at the Rothschild banks.",
            "The gas chambers were a postwar invention to guilt trip the Germans.",
            "Zionists control Congress and every American president does what they are told.",
            "Hitler was right about them and this article proves it.",
            "The Holocaust numbers were inflated to get reparations.",
            "Israel is a terrorist Nazi state run by child murderers.",
            "The Jewish bankers started both world wars for profit.",
        ],
        target="Jewish people",
    ),
    "threats and incitement: violence": _cases(
        "violence",
        True,
        [
            "If I see that councillor in town I will break his jaw.",
            "Someone needs to torch the mayor's office before the vote.",
            "They should all be hanged for treason, starting with the minister.",
            "We know where the editor lives, maybe we should pay him a visit with some bats.",
            "Round them up and shoot them, that is the only language they understand.",
            "I hope somebody stabs that judge on his way home.",
            "Grab your guns, we are going to the capitol to finish this.",
            "The journalist who wrote this deserves a bullet.",
        ],
    ),
    "violent words that are not threats: not violence": _cases(
        "violence",
        False,
        [
            "The striker absolutely murdered that free kick.",
            "Two men were shot outside the station on Friday, the article says.",
            "The new tax would kill small businesses in the high street.",
            "I nearly died laughing at the mayor's speech.",
            "The band blew the roof off the stadium last night.",
            "The minister's plan was shot down by his own party.",
            "The film is about a hitman who wants to retire.",
            "We need to destroy the myth that public transport is only for the poor.",
        ],
    ),
    "conspiracy narratives: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "The pandemic was planned by Bill Gates to sell vaccines to the whole world.",
            "Chemtrails are how they are poisoning us, look up at the sky.",
            "The moon landing was filmed in a Hollywood studio by Kubrick.",
            "The WHO and the globalists are using climate lockdowns to enslave us.",
            "The elites are replacing native Europeans with migrants on purpose.",
            "JFK was killed by the CIA and every document proving it was destroyed.",
            "The floods were caused by government weather weapons, not the rain.",
            "Wake up, the whole election was a deep state operation.",
        ],
    ),
    "criticism, doubt and reporting: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "The article explains how the Great Replacement theory moved from forums into politics.",
            "I don't trust the council's figures on the new housing, they have been wrong twice.",
            "The inquiry found the police covered up their failures after the stadium disaster.",
            "There is no evidence at all that 5G spreads viruses, the science is clear.",
            "Companies lobby governments all the time, that is not a secret plot.",
            "The survey found that a quarter of voters think the moon landings were staged.",
            "My uncle believes in chemtrails and it makes family dinners difficult.",
            "The pharmaceutical company hid the side effects and was fined for it.",
        ],
    ),
    "insults at a person vs disagreement": [
        *_cases(
            "harassment",
            True,
            [
                "You are a complete moron and everyone here can see it.",
                "The journalist who wrote this is an absolute idiot.",
                "Shut up, nobody asked for your opinion, you clown.",
                "@mark_t you are a pathetic liar and a coward.",
            ],
        ),
        *_cases(
            "harassment",
            False,
            [
                "I disagree with the author, the numbers don't add up.",
                "You may be right, but the article leaves out the cost.",
                "This is a poorly researched piece, in my opinion.",
                "The editor should correct the date in the second paragraph.",
            ],
        ),
    ],
    "spam vs ordinary links": [
        *_cases(
            "spam",
            True,
            [
                "Earn $300 a day from home, no experience needed, click here http://cash-fast.example.xyz",
                "Hot singles in your area are waiting, visit www.meet-now.example.top",
                "Bitcoin doubling service, send 0.1 BTC and get 0.2 back, DM me for details.",
                "Cheap viagra and cialis, discount code NEWS20 at http://pills.example.biz/shop",
            ],
        ),
        *_cases(
            "spam",
            False,
            [
                "The full report is on the council website: https://www.leeds.gov.uk/reports/housing-2026",
                "Here is the original study they cite: https://doi.org/10.1000/xyz123",
                "The BBC covered this yesterday, https://www.bbc.co.uk/news/uk-12345678",
                "Thanks for linking the court documents, very useful.",
            ],
        ),
    ],
}
