"""A tenth functional set, written on 2026-12-03 after holdout 8's first run and before the trope and narrative
changes guided by holdout 8's failures; not run until those changes are committed.

Its first run is recorded in bench/results/moderation-holdout9-first-run.txt. Same format as
tests/moderation_suite.py; no phrasing copied from the earlier sets.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT9: dict[str, list[Case]] = {
    "identity mentions, praise, negation and counter-speech: not hate": _cases(
        "hate",
        False,
        [
            "Hindu and Muslim shopkeepers on the high street closed early together for the funeral.",
            "Writing that Gypsies steal is the oldest slur there is, and the paper should know better.",
            "The Jewish Chronicle broke this story first.",
            "Disabled people are not a burden, they are taxpayers and voters like everyone else.",
            "Being Nigerian, I can tell you the article gets the election history right.",
            "Our mosque's open day had more visitors than ever.",
            "I don't believe for a second that immigrants are to blame for the housing crisis.",
            "The women's team has won more trophies than the men's in the last ten years.",
        ],
    ),
    "hate against a group: hate": _cases(
        "hate",
        True,
        [
            "Muslims are backward savages who should never have been let in.",
            "Gay people are an abomination and a danger to children.",
            "Jews are rats, plain and simple.",
            "Romanians are all beggars and pickpockets.",
            "Black men are violent thugs by nature.",
            "Refugees are scroungers and rapists, send the lot back.",
            "Transgender people are sick freaks who need locking up.",
            "Arabs are terrorists, every one of them.",
        ],
    ),
    "antisemitic tropes and denial: hate against Jewish people": _cases(
        "hate",
        True,
        [
            "Jews have always profited from other people's wars.",
            "The Israel lobby owns both parties in Washington.",
            "Nobody was ever gassed at Auschwitz, it's all Zionist propaganda.",
            "The Jewish elite are poisoning our culture with their filth.",
            "It was the Jews who brought communism to Russia and murdered millions.",
            "The Holocaust industry is just a way to extort money from Europe.",
            "Zionists are the real Nazis of our time.",
            "Follow who owns the newspapers and you'll see it's always the same tribe.",
        ],
        target="Jewish people",
    ),
    "threats and incitement: violence": _cases(
        "violence",
        True,
        [
            "The councillor needs a good kicking and I know where he drinks.",
            "Every one of those traitors should face a firing squad.",
            "I'll shoot the next politician who knocks on my door.",
            "Let's burn their houses down and see who's laughing then.",
            "Someone ought to slit that journalist's throat.",
            "We will hunt them down one by one.",
            "Blow the whole parliament up, they deserve it.",
            "Hang the lot of them from the nearest tree.",
        ],
    ),
    "violent words that are not threats: not violence": _cases(
        "violence",
        False,
        [
            "The critics absolutely slaughtered the new musical.",
            "Police said the victim was beaten and robbed on Tuesday night.",
            "This cold is killing me, I can't stop sneezing.",
            "The new stadium will blow the old one out of the water.",
            "The report shot holes in the government's figures.",
            "I could murder a curry after that match.",
            "The book is about a man who survives a shooting at his school.",
            "We have to attack the problem of child poverty head on.",
        ],
    ),
    "conspiracy narratives: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "The fires in Hawaii were started on purpose with energy weapons to grab the land.",
            "Covid tests are secretly collecting everyone's DNA for the government.",
            "The Queen's death was announced weeks after it really happened, they are hiding something.",
            "The whole Ukraine war is staged with actors for the cameras.",
            "Paul McCartney died in 1966 and was replaced by a lookalike.",
            "The CIA invented the term conspiracy theory to silence people who ask questions.",
            "The migrant boats are organised by the EU to replace us.",
            "The bird flu scare is being manufactured to sell more vaccines.",
        ],
    ),
    "criticism, doubt and reporting: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "A new study looks at who shares 5G conspiracy theories and why.",
            "The company lied to regulators about its safety tests, the court ruled.",
            "My neighbour keeps saying the moon landing was fake, I just nod.",
            "I don't think the figures add up, and I'd like to see the methodology.",
            "The article debunks the claim that the floods were caused by cloud seeding.",
            "Intelligence agencies have run real covert operations, as the Church Committee showed.",
            "Online rumours that the Queen died earlier were false, the palace said.",
            "There's a difference between asking questions and believing the earth is flat.",
        ],
    ),
    "insults at a person vs disagreement": [
        *_cases(
            "harassment",
            True,
            [
                "You're a waste of oxygen and everyone knows it.",
                "The editor is a gutless hack who should be fired.",
                "What an idiot, you clearly didn't read past the headline.",
                "Go away you pathetic little worm.",
            ],
        ),
        *_cases(
            "harassment",
            False,
            [
                "I don't agree with your reading of the figures.",
                "The editor made the right call publishing this.",
                "You are right about the bus routes, I hadn't thought of that.",
                "The article is too long but the argument is sound.",
            ],
        ),
    ],
    "spam vs ordinary links": [
        *_cases(
            "spam",
            True,
            [
                "Lose 10kg in a week with this one trick, buy now at http://slim-fast.example.top",
                "Work from home and earn $5000 a month, DM me for the link",
                "Free money for everyone who clicks here: www.free-cash.example.xyz",
                "Crypto investment returns guaranteed 300%, WhatsApp +1 555 0100 now",
            ],
        ),
        *_cases(
            "spam",
            False,
            [
                "The original survey is here: https://www.ipsos.com/en-uk/latest-poll",
                "Link to the planning application: https://planning.example.gov.uk/app/123",
                "I'll wait for the official figures before I decide.",
                "The radio interview with the minister is on the BBC Sounds app.",
            ],
        ),
    ],
}
