"""A third functional set, written on 2026-12-02 before it was first run and before the rule changes of that day.

The first holdout (tests/moderation_holdout.py) had been read for its failures, so it no longer measures
generalisation; this one does, until someone tunes on it. Its first run is recorded in
bench/results/moderation-holdout2-first-run.txt. Same format and labels as tests/moderation_suite.py.

Its first-run failures then guided the rule changes of that day, so it too is now a regression set.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT2: dict[str, list[Case]] = {
    "identity mentions, praise, negation and counter-speech: not hate": _cases(
        "hate",
        False,
        [
            "The new rabbi at our synagogue used to be a teacher.",
            "Polish builders renovated our kitchen and did a great job.",
            "My Nigerian colleague got promoted this week, well deserved.",
            "The Pakistani restaurant on the corner has the best curry in town.",
            "Jewish and Muslim students organised the vigil together.",
            "Not every immigrant is a criminal, most just want to work.",
            "Saying gay people are sick is bigoted nonsense.",
            "The claim that Jews poison wells is a medieval antisemitic lie.",
            "Calling refugees vermin is dehumanising and wrong.",
            "Mexicans are not rapists, that slur was always racist.",
            "Israel's parliament passed the budget after a long debate.",
            "Roma families have lived in this valley for centuries.",
        ],
    ),
    "hate against a group: hate": _cases(
        "hate",
        True,
        [
            "Somalis are parasites living off our taxes.",
            "Pakistanis are all groomers and should be deported.",
            "Muslims are animals and should be banned from this country.",
            "Gypsies are thieves, every last one of them.",
            "Trans people are mentally ill freaks.",
            "Jews are greedy parasites who control the banks.",
            "Africans are savages who will never be civilised.",
            "Chinese people are dirty and spread disease.",
            "Immigrants are an invasion and must be sent back.",
            "Women are too stupid to vote.",
        ],
    ),
    "antisemitic tropes and denial: hate against Jewish people": _cases(
        "hate",
        True,
        [
            "The Holocaust never happened, it was invented for sympathy.",
            "Six million is a lie made up by the Zionists.",
            "Zionists control every government in the West.",
            "The Jews were behind 9/11 and everybody knows it.",
            "Rothschild bankers fund both sides of every war.",
            "Hitler was right about the Jews.",
            "Jewish elites are flooding our countries with migrants.",
            "Jews have dual loyalty and can't be trusted in government.",
        ],
        target="Jewish people",
    ),
    "threats and incitement: violence": _cases(
        "violence",
        True,
        [
            "I will find where you live and break your legs.",
            "Someone should shoot that judge.",
            "Let's torch the mosque on Friday.",
            "Hang the traitors from the nearest tree.",
            "We need to bomb their offices until nothing is left.",
            "I'm going to stab the next one I see.",
            "Kill them all, every single one.",
            "You deserve to be beaten to death.",
        ],
    ),
    "violent words that are not threats: not violence": _cases(
        "violence",
        False,
        [
            "The striker shot wide in the last minute.",
            "Police said the man was stabbed outside the pub on Saturday.",
            "This heat is killing my tomatoes.",
            "The band absolutely murdered that song, brilliant gig.",
            "The report says the bombing killed twelve civilians.",
            "I could kill for a coffee right now.",
            "The minister's plan was shot down by the committee.",
            "She beat the record by two seconds.",
        ],
    ),
    "conspiracy narratives: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "The moon landing was faked in a studio.",
            "Chemtrails are poisoning us and the government knows.",
            "5G towers spread the virus, that's why they built them during lockdown.",
            "The elections were stolen by a secret cabal of globalists.",
            "Bill Gates wants to microchip everyone with the vaccine.",
            "The Great Replacement is real and it's being done on purpose.",
            "The government is hiding the cure for cancer to protect big pharma.",
            "The climate hoax is a plan by the elites to control us.",
        ],
    ),
    "criticism, doubt and reporting: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "I doubt the minister's figures add up.",
            "The audit found the council overpaid for the contract.",
            "The article explains how the 5G conspiracy theory spread online.",
            "Lobbyists spent millions to influence the bill, according to filings.",
            "Scientists say the vaccine trial data are solid.",
            "I think the government handled the pandemic badly.",
            "The documentary debunks the moon landing hoax claims.",
            "Several outlets reported the same leak from the ministry.",
        ],
    ),
    "insults at a person vs disagreement": [
        *_cases(
            "harassment",
            True,
            [
                "You are a pathetic idiot and everyone knows it.",
                "Shut up, you brainless moron.",
                "The author is a lying piece of garbage.",
                "Go away you ugly loser.",
                "You're too stupid to understand basic maths.",
            ],
        ),
        *_cases(
            "harassment",
            False,
            [
                "I think you are wrong about the tax figures.",
                "The author makes a weak argument, in my view.",
                "Respectfully, your numbers are out of date.",
                "This is the worst policy idea I have read this year.",
                "You clearly didn't read the second half of the article.",
            ],
        ),
    ],
    "spam vs ordinary links": [
        *_cases(
            "spam",
            True,
            [
                "Make $5000 a week from home!!! Click here http://cash-now.example.biz",
                "Buy cheap followers at www.fastfollowers.example.com, best prices",
                "Hot singles in your area, visit http://dating.example.xyz now",
                "CRYPTO GIVEAWAY send 1 BTC get 2 back http://btc-double.example.io",
            ],
        ),
        *_cases(
            "spam",
            False,
            [
                "The full report is at https://www.gov.uk/government/publications for anyone interested.",
                "Here is the court ruling: https://www.supremecourt.gov/opinions/23pdf/22-451.pdf",
                "I wrote about this on my blog last year, the council never replied.",
                "The figures come from https://www.ons.gov.uk, table 4.",
            ],
        ),
    ],
}
