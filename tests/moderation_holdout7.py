"""An eighth functional set, written on 2026-12-03 right after holdout 6's first run and before any change guided
by holdout 6's failures; not run until those changes are committed.

Holdout 6's failures guide those changes; this set measures whether they generalise. Its first run is recorded in
bench/results/moderation-holdout7-first-run.txt (48/72). After it, one case was read: a false positive of a rule
added for holdout 6 ("... deliberately to kill the men who ..."), which now needs a call's context. Then the
violence and insult vocabulary was broadened with its failures in view (see holdout 8's header), so it is no
longer a measure (51/72 after that, below 0.80 in five functionalities, so not a regression set either). Same format as tests/moderation_suite.py. Cases are written as
readers write under news articles; no phrasing copied from the earlier sets.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT7: dict[str, list[Case]] = {
    "identity mentions, praise, negation and counter-speech: not hate": _cases(
        "hate",
        False,
        [
            "The Polish builders who did our extension were quick, tidy and cheap.",
            "Labelling all refugees as criminals only helps the people who profit from fear.",
            "The article forgets that Jewish families have lived in this city since the 1600s.",
            "As a disabled woman I found the new station completely inaccessible.",
            "Muslim taxi drivers ran free lifts to the hospital during the snow.",
            "Nobody here is saying Romanians are thieves, we are talking about one gang.",
            "The Black firefighters' association is holding its awards night on Friday.",
            "I was raised Catholic, became an atheist and my wife is Hindu, and we get along fine.",
        ],
    ),
    "hate against a group: hate": _cases(
        "hate",
        True,
        [
            "Refugees are a plague of locusts eating this country alive.",
            "Every Muslim is a terrorist waiting for the right moment.",
            "Gays are sick degenerates and should be kept away from schools.",
            "Africans are just not intelligent enough to run a country.",
            "Women are worthless outside the kitchen, always have been.",
            "The Roma are filthy thieves and everyone knows it.",
            "Asians are rats who will eat anything, that's where the virus came from.",
            "Immigrants are vermin and we should treat them that way.",
        ],
    ),
    "antisemitic tropes and denial: hate against Jewish people": _cases(
        "hate",
        True,
        [
            "Jews control the banks and they always have, look at who runs the Fed.",
            "The so-called Holocaust is a fairy tale told to milk the Germans.",
            "Zionists run Hollywood and push their filth on our children.",
            "The Jewish lobby decides who wins every election in this country.",
            "Six million is a made-up number, nobody has ever proved it.",
            "The Rothschild family funds both sides of every war.",
            "Jews were behind the slave trade and they are behind the migrant crisis now.",
            "Heil Hitler, the only man who saw them for what they are.",
        ],
        target="Jewish people",
    ),
    "threats and incitement: violence": _cases(
        "violence",
        True,
        [
            "That councillor should be dragged out of his house and beaten.",
            "If the verdict goes the wrong way we will burn this city to the ground.",
            "I hope someone puts that minister in the ground.",
            "People like the author need a bullet in the head.",
            "We should string up every one of those traitors from the lampposts.",
            "Find out where she lives and make her pay for what she wrote.",
            "Blow up the mosque and be done with it.",
            "If I ever meet the editor I will knock his teeth out.",
        ],
    ),
    "violent words that are not threats: not violence": _cases(
        "violence",
        False,
        [
            "The opposition will crush the government in the by-election.",
            "This budget is going to slaughter pensioners' savings.",
            "The police said the man was stabbed twice and is in a stable condition.",
            "Our team got absolutely hammered on Saturday.",
            "The comedian's set killed, I have not laughed like that in years.",
            "The article is a hatchet job on the union.",
            "We should kill the proposal before it gets to committee.",
            "The fire destroyed three warehouses but nobody was hurt.",
        ],
    ),
    "conspiracy narratives: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "Covid was released on purpose to crash the economy and bring in digital IDs.",
            "Bill Gates wants to put tracking chips in everyone through the jabs.",
            "The Titanic was sunk deliberately to kill the men who opposed the Federal Reserve.",
            "Smart meters are spying on us and reporting everything to the government.",
            "The royal family are shape-shifting lizards, look at their eyes.",
            "They are spraying the sky to control the weather and make us sick.",
            "The election was stolen by voting machines programmed abroad.",
            "The banks and the media are all owned by the same secret cabal that runs the world.",
        ],
    ),
    "criticism, doubt and reporting: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "A poll this week found one in five adults think the election was rigged.",
            "The podcast host claims vaccines cause autism, which the studies do not support.",
            "Some readers are convinced 9/11 was an inside job, but the commission's report says otherwise.",
            "I have questions about how the contract was awarded, and so should the auditors.",
            "The company did hide the emissions data, as the court found.",
            "My gran thinks the moon landing was faked, bless her.",
            "The lizard people stuff is a joke that got out of hand on the internet.",
            "The new book traces the history of the New World Order myth.",
        ],
    ),
    "insults at a person vs disagreement": [
        *_cases(
            "harassment",
            True,
            [
                "The reporter who wrote this garbage is a spineless coward.",
                "You are thick as a brick and twice as useful.",
                "Honestly you are the dumbest person on this comment section.",
                "Get off the internet, you sad little loser.",
            ],
        ),
        *_cases(
            "harassment",
            False,
            [
                "The reporter got the council's budget figures wrong.",
                "You have a point, but the second half of your comment is off.",
                "I think the columnist is mistaken about the rail strike.",
                "Thanks for the reply, I see it differently.",
            ],
        ),
    ],
    "spam vs ordinary links": [
        *_cases(
            "spam",
            True,
            [
                "Want free followers? Click here http://insta-boost.example.top/free",
                "Casino bonus 200% today only, promo code LUCKY at www.spin-win.example.xyz",
                "I earn $4000 a month working from home, message me on WhatsApp +44 7700 900123",
                "Crypto signals that never lose, join my channel now http://signals.example.ru",
            ],
        ),
        *_cases(
            "spam",
            False,
            [
                "The council's minutes are here: https://democracy.example.gov.uk/meeting/2026-11-30",
                "The judgment is on the court's website if anyone wants to read it.",
                "Full data from the ONS: https://www.ons.gov.uk/economy",
                "I wrote to my MP about this last week and got a reply today.",
            ],
        ),
    ],
}
