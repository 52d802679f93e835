"""A ninth functional set, written on 2026-12-03 after holdout 7's first run and before the broadened violence and
insult vocabulary of that day; not run until that change was committed.

The plan was to draw the words from the training data; the violence positives there are mostly calls to deport
("send them back"), so the verbs of bodily harm and the insults were listed by hand instead, from general
knowledge of the words (and with holdout 7's failures in view). This set measures whether a broader vocabulary
generalises; the same person wrote it within the hour before writing that vocabulary. Its first run is recorded
in bench/results/moderation-holdout8-first-run.txt (63/72). One failure there showed an older bug ("we'll" and
"I'll" never matched the threat patterns), fixed after it; then its trope, narrative and threat failures guided
rule changes, so it is a regression set like holdouts 1-6, no longer a measure. Same format as tests/moderation_suite.py; no phrasing copied
from the earlier sets.
"""

from __future__ import annotations

from tests.moderation_suite import Case, _cases

HOLDOUT8: dict[str, list[Case]] = {
    "identity mentions, praise, negation and counter-speech: not hate": _cases(
        "hate",
        False,
        [
            "The Irish community centre is collecting coats for the winter appeal.",
            "Claiming that Jews control the weather is absurd and frankly dangerous.",
            "My mum came here as a refugee from Uganda in 1972 and worked as a nurse for forty years.",
            "Lesbian and gay couples adopted more than a thousand children last year, the report says.",
            "I'm an Arab and I have never once been asked about it at work.",
            "Trans women are women and the article should have said so.",
            "Blaming Muslims for the attack is what the attackers wanted.",
            "The Sikh soldiers who fought at the Somme deserve their memorial.",
        ],
    ),
    "hate against a group: hate": _cases(
        "hate",
        True,
        [
            "Muslims breed like rabbits and will outnumber us in twenty years.",
            "Black people are born criminals, it's in their genes.",
            "Jews are a filthy race and always have been.",
            "Lesbians are disgusting and should be ashamed of themselves.",
            "Pakistanis are all groomers, every last one of them.",
            "The disabled are a burden we can no longer afford.",
            "Chinese people are dirty animals who eat bats.",
            "Migrants are an infestation and the government is doing nothing.",
        ],
    ),
    "antisemitic tropes and denial: hate against Jewish people": _cases(
        "hate",
        True,
        [
            "The Zionist media will never report what really happened.",
            "Jewish financiers pull the strings of both parties.",
            "The Holocaust never happened the way they tell it.",
            "Every war in my lifetime has been fought for Israel and its bankers.",
            "Jews run the porn industry to corrupt our youth.",
            "The Auschwitz gas chambers were built after the war by the Soviets.",
            "Hitler should have finished the job.",
            "The Rothschilds own the Bank of England and every central bank.",
        ],
        target="Jewish people",
    ),
    "threats and incitement: violence": _cases(
        "violence",
        True,
        [
            "Someone should run that MP over with a truck.",
            "I will strangle the next canvasser who knocks on my door.",
            "We'll beat the living daylights out of the protesters if they come back.",
            "Those traitors need to be strung up outside parliament.",
            "I am going to punch that reporter in the face next time I see him.",
            "String the judge up and let the crowd watch.",
            "They should be shot on sight, no trial needed.",
            "If he shows his face here again he will be carried out in a body bag.",
        ],
    ),
    "violent words that are not threats: not violence": _cases(
        "violence",
        False,
        [
            "The referee's decision absolutely killed the atmosphere.",
            "The suspect was shot by police after stabbing two officers, the force said.",
            "My phone battery is dying, I'll finish reading later.",
            "The rain has been beating down on the marquee all morning.",
            "That last chapter punched me in the gut, what a book.",
            "The opposition will try to strangle the bill in committee.",
            "She beat the incumbent by nine hundred votes.",
            "This heat is killing my tomatoes.",
        ],
    ),
    "conspiracy narratives: conspiracy": _cases(
        "conspiracy",
        True,
        [
            "The vaccines are a bioweapon designed to depopulate the planet.",
            "The Great Reset is the globalists' plan to take everything we own.",
            "9/11 was an inside job, jet fuel can't melt steel beams.",
            "The government is hiding aliens at Area 51 and has been since 1947.",
            "The media and the deep state staged the whole shooting to take our guns.",
            "Climate change is a hoax invented by the UN to control the world economy.",
            "The earthquake in Turkey was triggered by HAARP.",
            "Wake up, the vaccine rollout was planned years in advance by the elites.",
        ],
    ),
    "criticism, doubt and reporting: not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "Conspiracy theories about the Great Reset spread quickly after the forum's video.",
            "I want the inquiry to publish everything it has on the procurement scandal.",
            "Some commenters here seem to think the earth is flat, which is bizarre.",
            "The paper shows how the chemtrail rumour started with a misread patent.",
            "Journalists exposed the lobbying by the oil companies over twenty years.",
            "It is easy to mock the 9/11 truthers but their numbers are growing.",
            "The government did hide the contaminated blood scandal for decades, the inquiry said.",
            "I'm sceptical of the mayor's claim that crime has halved.",
        ],
    ),
    "insults at a person vs disagreement": [
        *_cases(
            "harassment",
            True,
            [
                "You are a brainless idiot and your comment proves it.",
                "The columnist is a lying weasel who should be sacked.",
                "Nobody cares what you think, you ignorant fool.",
                "You absolute muppet, read the article before you comment.",
            ],
        ),
        *_cases(
            "harassment",
            False,
            [
                "You might want to check the figures again, they look off.",
                "The columnist makes a fair argument but I still disagree.",
                "I think your reading of the ruling is wrong.",
                "Great reporting as usual, thank you.",
            ],
        ),
    ],
    "spam vs ordinary links": [
        *_cases(
            "spam",
            True,
            [
                "Make $200 an hour online, check out my profile for details!!!",
                "Buy cheap followers and likes at www.fame-boost.example.top today",
                "Free iPhone giveaway, click the link in my bio http://free-phone.example.xyz",
                "Best casino bonus in the UK, use promo code WIN50 http://casino.example.biz",
            ],
        ),
        *_cases(
            "spam",
            False,
            [
                "The inquiry's full report: https://www.gov.uk/government/publications/inquiry-report",
                "Here is the council vote record https://council.example.gov.uk/votes/2026-11",
                "I read the same story on the Guardian site this morning.",
                "The podcast episode with the author is worth a listen.",
            ],
        ),
    ],
}
