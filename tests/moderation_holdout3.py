"""A fourth functional set, written on 2026-12-02 before the rule changes made after holdout 2's first run, and
not run until those changes were committed.

Holdout 2's failures guided those changes, so holdout 2 no longer measures generalisation; this set does. Its
first run is recorded in bench/results/moderation-holdout3-first-run.txt. Same format as
tests/moderation_suite.py.

Its first-run failures then guided further rule changes, so it too is now a regression set; holdout 4 is not.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT3: dict[str, list[Case]] = {
    "identity mentions, praise, negation and counter-speech: not hate": _cases(
        "hate",
        False,
        [
            "Turkish families run most of the bakeries on this street.",
            "The Somali community raised money for the flood victims.",
            "My grandmother survived the Holocaust and taught me to speak up.",
            "Arabs and Jews played football together at the festival.",
            "It's a lie that immigrants are criminals, the data show the opposite.",
            "People who say women are inferior are simply wrong.",
            "Refugees are not invaders, they are people fleeing war.",
            "Saying Jews control the media is an old antisemitic trope.",
            "The Muslim mayor opened the new library.",
            "Indian engineers built half of the software we use at work.",
        ],
    ),
    "hate against a group: hate": _cases(
        "hate",
        True,
        [
            "Nigerians are scammers and liars, all of them.",
            "Arabs are terrorists by nature.",
            "Gays are degenerates who should be locked away.",
            "Mexicans are animals, send them back.",
            "Refugees are rats that breed like crazy.",
            "Black people are inferior, science proves it.",
            "Muslims are a cancer on Europe.",
            "Women are worthless and belong in the kitchen.",
        ],
    ),
    "antisemitic tropes and denial: hate against Jewish people": _cases(
        "hate",
        True,
        [
            "The gas chambers were a hoax invented after the war.",
            "The Holocaust was exaggerated to get money from Germany.",
            "Jews control the media and Hollywood, open your eyes.",
            "Hitler did nothing wrong.",
            "The Zionist lobby owns Congress.",
            "Jews killed Jesus and never paid for it.",
            "The Rothschilds run the central banks.",
            "Jews are behind the pandemic.",
        ],
        target="Jewish people",
    ),
    "threats and incitement: violence": _cases(
        "violence",
        True,
        [
            "I'm gonna shoot you if I see you again.",
            "We should burn their houses down.",
            "Somebody needs to put a bullet in that politician.",
            "I will smash your face in.",
            "Let's go and beat up the protesters tonight.",
            "They all deserve to be hanged.",
        ],
    ),
    "violent words that are not threats: not violence": _cases(
        "violence",
        False,
        [
            "Two soldiers were killed in the attack, the ministry said.",
            "The film's final shootout is brilliantly staged.",
            "Our team got destroyed in the second half.",
            "He was shot by police during the raid, witnesses said.",
            "That joke killed me.",
            "The company is killing it this quarter.",
        ],
    ),
    "conspiracy narratives: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "The earth is flat and NASA is lying to us.",
            "The vaccines contain microchips to track us.",
            "9/11 was an inside job.",
            "The deep state is running the country behind the scenes.",
            "The pandemic was planned to usher in the new world order.",
            "Reptilian elites are ruling the world in secret.",
        ],
    ),
    "criticism, doubt and reporting: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "The minister misled parliament about the costs, the inquiry found.",
            "I don't trust the polling companies this year.",
            "The piece explains why the flat earth movement grew on YouTube.",
            "Big companies lobby hard for tax breaks, that's no secret.",
            "Fact-checkers found no evidence that the election was rigged.",
            "The government should publish the full contracts.",
        ],
    ),
    "insults at a person vs disagreement": [
        *_cases(
            "harassment",
            True,
            [
                "You are an absolute clown.",
                "Nobody asked you, you worthless troll.",
                "This journalist is a disgusting liar.",
                "Get lost, idiot.",
            ],
        ),
        *_cases(
            "harassment",
            False,
            [
                "You make a fair point about the rents.",
                "I disagree with the journalist's conclusion.",
                "The minister's answer was evasive.",
                "Your comment ignores the second study.",
            ],
        ),
    ],
    "spam vs ordinary links": [
        *_cases(
            "spam",
            True,
            [
                "Earn $300 a day working from home, click here http://jobs.example.top",
                "Cheap viagra without prescription www.pills.example.ru",
                "Double your bitcoin in 24 hours! DM me for details",
            ],
        ),
        *_cases(
            "spam",
            False,
            [
                "The bill's text is on https://www.congress.gov if you want to read it.",
                "Source: https://www.bbc.co.uk/news/uk-politics",
                "I subscribed to the paper for ten years before this.",
            ],
        ),
    ],
}
