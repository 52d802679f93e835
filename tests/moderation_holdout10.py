"""An eleventh functional set, written on 2026-12-03 before any change guided by holdout 9's failures (holdout 9
had been run once, and its failures read, when this was written); not run until such changes are committed.

Its first run is recorded in bench/results/moderation-holdout10-first-run.txt. Same format as
tests/moderation_suite.py; no phrasing copied from the earlier sets. Written by the person who wrote the rules,
who had read the lexicon that day: four trope cases first drafted in words the lexicon already lists were
rewritten before it was committed.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT10: dict[str, list[Case]] = {
    "identity mentions, praise, negation and counter-speech: not hate": _cases(
        "hate",
        False,
        [
            "My Sikh neighbour runs the best bakery in town.",
            "Saying all Mexicans are criminals is ignorant and the councillor should apologise.",
            "The rabbi and the vicar spoke together at the vigil.",
            "Gay couples have been able to adopt here for twenty years.",
            "Polish workers built half of this estate and nobody should forget it.",
            "It's a lie that refugees get free houses, and the paper printed a correction.",
            "As a Muslim woman I found the article fair.",
            "Roma families have lived in this valley for centuries.",
        ],
    ),
    "hate against a group: hate": _cases(
        "hate",
        True,
        [
            "Somalis are leeches on the welfare system, all of them.",
            "Lesbians are disgusting perverts who shouldn't be near schools.",
            "Chinese people are dirty and spread disease wherever they go.",
            "Immigrants are a plague on this country.",
            "Pakistanis are inbred and can't be trusted.",
            "Women are too stupid to vote and should stay in the kitchen.",
            "Hindus are filthy cow worshippers.",
            "Travellers are thieving scum, lock your doors.",
        ],
    ),
    "antisemitic tropes and denial: hate against Jewish people": _cases(
        "hate",
        True,
        [
            "The Jews own the banks and the central bank does what they say.",
            "Zionists control what you read in every newspaper.",
            "The survivors' stories were cooked up after the war to get sympathy for a Jewish state.",
            "Jewish money is behind every politician in Congress.",
            "The Jews are the enemies of mankind.",
            "What Israel does in Gaza is exactly what the Third Reich did to the Jews.",
            "Ask any Jew where his loyalty lies and it won't be with Britain.",
            "Hitler was a hero who tried to save Europe from them.",
        ],
        target="Jewish people",
    ),
    "threats and incitement: violence": _cases(
        "violence",
        True,
        [
            "I'm going to break the referee's legs after the match.",
            "Somebody should put that judge in the ground.",
            "If the minister shows his face here again we'll drag him out and beat him.",
            "Torch the asylum hotel tonight, everyone meet at nine.",
            "I hope someone stabs the author of this rubbish.",
            "Those protesters need to be run over, just drive through them.",
            "Shoot every looter on sight.",
            "You'd better watch your back, I know which school your kids go to.",
        ],
    ),
    "violent words that are not threats: not violence": _cases(
        "violence",
        False,
        [
            "The striker killed the game off with a second goal.",
            "Two men were charged after a man was stabbed outside the pub, police said.",
            "She knocked them dead with her speech at the conference.",
            "The chancellor wants to kill off the tax relief for second homes.",
            "My feet are killing me after the march.",
            "The film is about a hitman who retires to a farm.",
            "The new budget takes an axe to the arts.",
            "We smashed our fundraising target by noon.",
        ],
    ),
    "conspiracy narratives: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "The moon landings were filmed in a studio by Stanley Kubrick.",
            "Chemtrails are spraying us with chemicals to make us docile.",
            "The government is hiding a cure for cancer to protect the drug companies.",
            "The World Economic Forum plans to wipe out most of humanity by 2030.",
            "The Titanic was sunk on purpose to kill the opponents of the Federal Reserve.",
            "Birds aren't real, they are government surveillance drones.",
            "The election was rigged by the voting machines and the courts covered it up.",
            "Fluoride is put in the water to keep the population obedient.",
        ],
    ),
    "criticism, doubt and reporting: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "The minister misled parliament about the contract, the inquiry found.",
            "Researchers traced how the chemtrails myth spread on Facebook.",
            "I'm not convinced the new bypass will cut traffic as much as they claim.",
            "My cousin thinks the moon landings were fake, which makes Christmas dinner fun.",
            "The documentary shows the tobacco firms hid what they knew about cancer.",
            "There's no evidence the vaccine alters DNA, the regulator said.",
            "The council's figures on potholes look too good to be true to me.",
            "The fact-checkers found the flood photos had been edited.",
        ],
    ),
    "insults at a person vs disagreement": [
        *_cases(
            "harassment",
            True,
            [
                "You absolute moron, learn to read.",
                "The columnist is a brainless clown.",
                "Shut up you ignorant fool.",
                "You're pathetic and nobody likes you.",
            ],
        ),
        *_cases(
            "harassment",
            False,
            [
                "I think the columnist is wrong about the rail fares.",
                "You make a fair point about parking.",
                "This piece could have used a better editor.",
                "We will have to agree to disagree on the bypass.",
            ],
        ),
    ],
    "spam vs ordinary links": [
        *_cases(
            "spam",
            True,
            [
                "Make $300 a day from your phone, click https://cash-app.example.biz now",
                "Cheap Ray-Ban sunglasses 90% off, visit www.rayban-outlet.example.shop",
                "Hot singles in your area want to meet you, sign up free",
                "Earn bitcoin while you sleep, message me on Telegram for the secret",
            ],
        ),
        *_cases(
            "spam",
            False,
            [
                "The full council minutes are at https://www.example-council.gov.uk/minutes",
                "Here's the court ruling for anyone who wants to read it: https://www.judiciary.uk/judgment",
                "I watched the debate on the council's YouTube channel.",
                "The petition closes on Friday, details on the parliament website.",
            ],
        ),
    ],
}
