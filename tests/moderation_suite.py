"""newssift's functional test suite for comment moderation, grouped by functionality.

Written for newssift (in the spirit of HateCheck, whose cases are not used here): each case is a comment, an
optional parent comment it replies to, and what must (True) or must not (False) be labelled. A label counts as
given when its score reaches 0.5. Run by tests/test_moderation_suite.py and bench/moderation.py (`run_suite`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    expect: dict[str, bool]
    parent: str | None = None
    target: str | None = None  # the hate target that must be named, when given


def _cases(label: str, value: bool, texts: list[str], target: str | None = None) -> list[Case]:
    return [Case(t, {label: value}, target=target) for t in texts]


SUITE: dict[str, list[Case]] = {
    "neutral identity mentions are not hate": _cases(
        "hate",
        False,
        [
            "I am Jewish.",
            "I am a Muslim and I live in Leeds.",
            "My neighbours are Jewish and they invited us for Shabbat dinner.",
            "She is a black woman who runs the bakery on Main Street.",
            "The mosque on our street opened its doors to visitors on Saturday.",
            "As a gay man I found the article interesting.",
            "Many immigrants work in the city's hospitals.",
            "The synagogue is holding a concert for Hanukkah.",
            "My wife is Chinese and my kids speak both languages.",
            "Our rabbi spoke at the interfaith meeting last week.",
            "Trans people were part of the panel discussion.",
            "The Jewish community centre offers free language classes.",
            "Muslims around the world are celebrating Eid this week.",
            "Refugees from Ukraine arrived at the station this morning.",
            "Two women were elected to the council.",
            "I grew up in a Jewish family in Brooklyn.",
            "He converted to Islam last year.",
            "The Roma festival takes place in June.",
            "Israelis vote again in November.",
            "Disabled people can use the ramp at the north entrance.",
        ],
    ),
    "positive statements about groups are not hate": _cases(
        "hate",
        False,
        [
            "Black people deserve equal rights and equal pay.",
            "Immigrants make this country stronger.",
            "Jewish people have enriched our culture for centuries.",
            "I love my Muslim neighbours.",
            "Women are brilliant scientists and engineers.",
            "Gay couples are as good parents as anyone else.",
            "Refugees deserve safety and respect.",
            "Muslims are welcome here.",
            "Jews are welcome here and always will be.",
            "Trans women are women.",
            "Asian Americans have contributed so much to this city.",
            "The Roma community has a rich musical tradition.",
            "Disabled people should have full access to public transport.",
            "Israelis and Palestinians both deserve to live in peace.",
            "Christians, Muslims and Jews marched together for peace.",
        ],
    ),
    "negated hate is not hate": _cases(
        "hate",
        False,
        [
            "Muslims are not terrorists.",
            "Jews don't control the media.",
            "Immigrants are not criminals.",
            "Black people are not inferior to anyone.",
            "Women are not stupid, that is an absurd thing to say.",
            "Gay people are not a danger to children.",
            "No, refugees are not invaders.",
            "Jews do not run the banks.",
            "I don't think Muslims are a threat to this country.",
            "Trans people are not mentally ill.",
            "It is not true that Jews control the government.",
            "Asians are not a disease.",
            "Never say that immigrants are vermin.",
            "Nobody should believe that Jews are greedy, because they are not.",
            "Roma are not thieves.",
        ],
    ),
    "counter-speech that quotes hate to reject it is not hate": _cases(
        "hate",
        False,
        [
            "Saying 'Jews control the banks' is an antisemitic myth.",
            "Calling your opponents 'ZioNazis' is antisemitic and you should stop.",
            "The claim that Muslims are terrorists is racist nonsense.",
            "Stop saying immigrants are vermin. It's dehumanising.",
            "'The Holocaust never happened' is Holocaust denial and it is antisemitic.",
            "People who say women are too stupid to vote are wrong.",
            "The idea that Jews run the world is an old antisemitic conspiracy theory.",
            "Calling black people animals is racist and I won't stand for it.",
            "I condemn anyone who says gay people are a disease.",
            "The myth that Jews killed Jesus has fuelled centuries of persecution.",
            "Comparing refugees to rats is what the Nazis did. Shame on you.",
            "This is an antisemitic trope: 'Rothschilds control the world'.",
            "When he wrote that Muslims should be deported, that was blatantly racist.",
            "It's islamophobic to claim all Muslims are extremists.",
            "There is no evidence that immigrants are criminals more often than anyone else.",
            "'Jews are greedy' is a vile antisemitic slur.",
            "Anyone repeating that the Zionist lobby rules Europe is spreading an antisemitic myth.",
            "Dual loyalty accusations against Jewish politicians are an antisemitic trope.",
            "It is wrong to say that trans people are freaks.",
            "I reject the lie that refugees are invaders.",
            "Saying that women belong in the kitchen is sexist.",
        ],
    ),
    "reclaimed terms are not hate": _cases(
        "hate",
        False,
        [
            "As a queer woman I loved this article.",
            "The queer film festival starts on Friday.",
            "We're here, we're queer, get used to it!",
            "I'm a proud dyke and I vote.",
            "Queer theory was on the reading list.",
            "The Queer Eye cast visited our town.",
            "Black and proud, always.",
            "Proud to be Jewish, proud to be British.",
            "I call myself a crip, as many disabled activists do.",
            "Our Pride march had thousands of queer and trans people.",
        ],
    ),
    "profanity without a target is profanity, not hate": [
        Case(t, {"profanity": True, "hate": False})
        for t in [
            "This fucking weather is ruining my weekend.",
            "Holy shit, what a goal!",
            "Damn, I missed the bus again.",
            "What the fuck happened to the trains today?",
            "This traffic is bullshit.",
            "Oh crap, I forgot my keys.",
            "Fuck yes, we won the final!",
            "This shitty printer never works.",
            "Well that was a damn good article.",
            "Bloody hell, the prices are insane. Fucking inflation.",
            "That's some good shit right there.",
            "I'm so pissed off about the delays.",
            "Goddamn it, the site is down again.",
            "Fucking finally, the bridge is open.",
            "Shit happens, move on.",
        ]
    ],
    "explicit hate against a group is hate": _cases(
        "hate",
        True,
        [
            "Muslims are a disease that must be wiped out.",
            "Immigrants are rats who breed like vermin.",
            "Jews are vermin.",
            "Black people are animals and should be treated like animals.",
            "Women are too stupid to vote.",
            "Gay people are disgusting perverts.",
            "Refugees are parasites living off our taxes.",
            "Trans people are mentally ill freaks.",
            "All Muslims are terrorists.",
            "Gypsies are thieves, every single one of them.",
            "Immigrants are invaders and should be deported.",
            "Those kikes are ruining everything.",
            "Asians are a plague on this country.",
            "Jews are greedy liars, all of them.",
            "Women are inferior to men in every way.",
            "Black people are criminals by nature.",
            "Muslims should not be allowed to vote.",
            "Faggots should not be allowed near children.",
            "Refugees are subhuman.",
            "Disabled people are a useless burden on society.",
        ],
    ),
    "antisemitic tropes and coded language are hate against Jewish people": _cases(
        "hate",
        True,
        [
            "The Jews control the media and the banks.",
            "The Zionist lobby rules Europe and forbids peace.",
            "The Rothschilds own every central bank in the world.",
            "The Holocaust never happened.",
            "The Holocaust is a hoax invented for money.",
            "Jewish bankers are behind every war.",
            "Zionists pull the strings in Washington.",
            "Wake up: ZOG runs this country.",
            "(((They))) are behind the open borders.",
            "The Ashkenazi neocons brought us 9/11 and every war since.",
            "Khazars are not real Jews and they run the world.",
            "Jewish politicians have dual loyalty to Israel.",
            "The Jews killed Jesus and never paid for it.",
            "Israel is a nazi state, the Zionazis are worse than Hitler.",
            "Typical ZioNazism, they lie about everything.",
            "Another Zionazist in Congress doing the bidding of his masters.",
            "The Jewish elite manipulate governments from the shadows.",
            "The Talmudic supremacist state of Israel controls our foreign policy.",
            "Zionists orchestrated 9/11.",
            "Every government in the West is run by Jews.",
            "The Jewish lobby owns Congress.",
            "The 6 million lie is used to silence us.",
        ],
        target="Jewish people",
    ),
    "criticism of Israel's government and Jewish life mentions are not antisemitic": _cases(
        "hate",
        False,
        [
            "The Israeli government's settlement policy violates international law.",
            "I disagree with Netanyahu's coalition on judicial reform.",
            "The Knesset passed the budget after a long debate.",
            "Israel's military campaign in Gaza has killed many civilians, says the UN.",
            "Many Israelis protested against the government on Saturday.",
            "The Jewish museum reopened after renovations.",
            "Jewish and Arab students study together at this school.",
            "The Holocaust memorial reminds us what hatred can do.",
            "My grandmother survived the Holocaust.",
            "Antisemitism is rising and we must fight it.",
            "Israel's election results were announced today.",
            "Critics say the Israeli blockade harms ordinary people.",
            "The rabbi and the imam held a joint press conference.",
            "Jewish holidays were added to the school calendar.",
            "The Israeli embassy issued a statement about the visa rules.",
        ],
    ),
    "threats and calls to violence are violence": _cases(
        "violence",
        True,
        [
            "Someone should shoot him before he speaks again.",
            "We should burn their houses down.",
            "I will kill you if I ever see you.",
            "They should all be hanged.",
            "Let's bomb the mosque on Friday.",
            "Immigrants should be shot at the border.",
            "Time to kill every last one of them.",
            "That judge deserves to be executed.",
            "I'm going to stab you tomorrow.",
            "Put them up against the wall.",
            "A few strikes against the places where these families live would fix it.",
            "We must exterminate them.",
            "The journalists need to be eliminated.",
            "Go torch their offices tonight.",
            "Somebody needs to beat him up.",
            "We will slaughter them all.",
            "They deserve to be gassed.",
            "Kill them all.",
            "Lynch the traitors.",
            "Gas chambers again for these people.",
        ],
    ),
    "violent words in idioms or reports are not violence": _cases(
        "violence",
        False,
        [
            "The band absolutely killed it last night.",
            "I could kill for a coffee right now.",
            "I totally bombed the exam.",
            "She shot a great video of the parade.",
            "This joke is killing me lol.",
            "He destroyed the argument in the debate.",
            "The police said two men were shot in the incident.",
            "The film is about a bank robbery that goes wrong.",
            "We were killing time at the airport.",
            "The new app is a killer deal.",
            "Soldiers were killed in the attack, the ministry said.",
            "The museum has an exhibition on the bombing of Dresden.",
            "She was dressed to kill.",
            "The team slaughtered us 5-0, what a game.",
            "That exam destroyed me.",
        ],
    ),
    "conspiracy narratives are conspiracy": _cases(
        "conspiracy",
        True,
        [
            "9/11 was an inside job, the towers were a controlled demolition.",
            "The pandemic was a plandemic to depopulate the planet.",
            "The vaccines contain microchips to track us.",
            "The Great Replacement is happening and they want to replace us.",
            "The deep state and the globalist cabal control everything.",
            "Chemtrails are poisoning the population.",
            "The school shooting was a false flag with crisis actors.",
            "The New World Order is behind the war.",
            "Wake up sheeple, they don't want you to know the truth.",
            "5G towers spread covid.",
            "The Illuminati pick every president.",
            "A secret society rules the world from the shadows.",
            "The moon landing was staged in a studio and the media hide the truth they are hiding.",
            "The elites planned the pandemic to control us.",
            "Bill Gates wants to depopulate the world with vaccines.",
        ],
    ),
    "criticism and doubt are not conspiracy": _cases(
        "conspiracy",
        False,
        [
            "I doubt the government's figures on unemployment.",
            "The minister should explain why the contract was not tendered.",
            "I think the vaccine rollout was badly organised.",
            "The report leaves out important data on costs.",
            "Journalists should ask harder questions about the budget.",
            "The council ignored residents' objections to the plan.",
            "Some studies show the policy did not reduce crime.",
            "I don't trust this company after the data leak.",
            "The election was close, and a recount is reasonable.",
            "The article fails to mention the lobbying by oil companies.",
            "Lockdowns had real costs for small businesses.",
            "The police report contradicts the mayor's statement.",
            "I want to see the evidence before I believe this.",
            "The war has been a disaster for both countries.",
            "Big tech has too much power over what we read.",
        ],
    ),
    "insults aimed at a person are harassment": _cases(
        "harassment",
        True,
        [
            "You are a pathetic idiot.",
            "You're such a moron.",
            "Shut up, nobody asked you.",
            "You stupid clown, go back to school.",
            "Idiots like you should not comment.",
            "@mike_b is a worthless liar.",
            "You are the biggest loser on this site.",
            "Your a complete imbecile.",
            "You disgusting pig.",
            "Kill yourself.",
            "Get lost, you coward.",
            "You are a total fool and a troll.",
            "u r so dumb",
            "You're a piece of shit.",
            "Nobody cares about you, you freak.",
        ],
    ),
    "disagreement without abuse is not harassment": _cases(
        "harassment",
        False,
        [
            "I think you are wrong about the budget figures.",
            "Your argument ignores the cost of housing.",
            "I disagree with you, but thanks for the link.",
            "You make a fair point about the schools.",
            "That claim is stupid, the numbers say otherwise.",
            "You're not an idiot, you just missed the second table.",
            "With respect, you have misread the report.",
            "You are right that the bridge was late.",
            "I see your point but the data is from 2019.",
            "Could you share a source for that?",
        ],
    ),
    "promotion and scams are spam": _cases(
        "spam",
        True,
        [
            "Buy cheap followers at http://followers-cheap.xyz/offer",
            "Earn $500 a day working from home! Click here: www.easy-money.biz",
            "Check out my channel for free iphone giveaways https://bit.ly/3xyz",
            "Crypto signals group, 300% profit guaranteed, DM me for the link.",
            "Best casino bonuses today, promo code WIN100 at http://casino-top.ru",
            "Cheap viagra and cialis, no prescription: www.pharma-deal.top",
            "Follow me for more, link in bio https://insta.example.com/me",
            "Bitcoin investment doubled my money in a week, WhatsApp +44 7700 900123",
            "Visit my site www.cheap-essays.info for discount essays",
            "Limited offer!!! Click the link https://deal.xyz/a https://deal.xyz/b https://deal.xyz/c",
        ],
    ),
    "sources and ordinary links are not spam": _cases(
        "spam",
        False,
        [
            "Source: https://www.reuters.com/world/europe/ the full report is linked there.",
            "The council minutes are at https://council.example.gov.uk/minutes/2024-05",
            "Here is the study they cite: https://doi.org/10.1000/xyz123",
            "I wrote about this last year, the figures have not changed.",
            "Read the original statement on the ministry website.",
            "See the BBC coverage too: https://www.bbc.co.uk/news/world",
            "The map is here: https://www.openstreetmap.org/#map=13/51.5/-0.1",
            "Thanks for the link, very helpful.",
            "Free entry for children under 12 at the museum this weekend.",
            "The court ruling is on page 4 of the PDF.",
        ],
    ),
    "a reply is judged with its parent in view": [
        Case("Exactly. Couldn't agree more.", {"hate": True}, parent="Jews are vermin and should be thrown out."),
        Case("So true, well said.", {"conspiracy": True}, parent="9/11 was an inside job, a controlled demolition."),
        Case("Agreed, they all should be shot.", {"violence": True}, parent="Immigrants are invaders."),
        Case("Yes! Finally someone says it.", {"hate": True}, parent="Muslims are a disease that must be wiped out."),
        Case("This. 100%.", {"hate": True}, parent="The Zionist lobby controls our government."),
        Case("That is an antisemitic trope and you know it.", {"hate": False}, parent="The Jews control the media."),
        Case("No, that's racist nonsense.", {"hate": False}, parent="Immigrants are rats."),
        Case(
            "Exactly, the bridge should have been fixed years ago.",
            {"hate": False},
            parent="The council wasted money on the bridge.",
        ),
        Case("Agreed, great reporting.", {"hate": False, "conspiracy": False}, parent="Thanks for this clear article."),
        Case("Exactly. Well said.", {"violence": True}, parent="Someone should shoot the mayor."),
    ],
}


def size() -> int:
    return sum(len(cases) for cases in SUITE.values())


def run_suite(suite: dict[str, list[Case]] | None = None) -> dict[str, tuple[int, int, list[str]]]:
    """Per functionality: (passed, total, failures)."""
    from newssift.moderation.stage import judge

    results: dict[str, tuple[int, int, list[str]]] = {}
    for name, cases in (SUITE if suite is None else suite).items():
        texts: list[str] = []
        parents: list[int | None] = []
        slots: list[int] = []
        for case in cases:
            if case.parent is not None:
                texts.append(case.parent)
                parents.append(None)
                texts.append(case.text)
                parents.append(len(texts) - 2)
            else:
                texts.append(case.text)
                parents.append(None)
            slots.append(len(texts) - 1)
        verdicts = judge(texts, parents)
        passed = 0
        failures: list[str] = []
        for case, slot in zip(cases, slots, strict=True):
            scores = verdicts[slot].scores()
            ok = all((scores.get(label, 0.0) >= 0.5) == want for label, want in case.expect.items())
            if ok and case.target is not None:
                hate = next((lab for lab in verdicts[slot].labels if lab.label == "hate"), None)
                ok = hate is not None and hate.target == case.target
            if ok:
                passed += 1
            else:
                failures.append(
                    f"{case.text!r} expected {case.expect} got { {k: round(v, 2) for k, v in scores.items()} }"
                )
        results[name] = (passed, len(cases), failures)
    return results


if __name__ == "__main__":
    import sys

    from tests.moderation_holdout import HOLDOUT

    total = 0
    for name, (ok, n, fails) in run_suite(HOLDOUT if "--holdout" in sys.argv else None).items():
        total += n
        print(f"{ok / n:6.2f}  {ok:>3}/{n:<3} {name}")
        for f in fails:
            print("        ", f)
    print("cases:", total)
