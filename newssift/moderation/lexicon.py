"""Lexicons and patterns for moderation: where a rule explains better than a weight.

Every entry carries the reason shown to a moderator. Antisemitic tropes follow the examples of the IHRA working
definition of antisemitism (2016); conspiracy cues follow the narratives annotated in PAN 2024 and PRCT.
All patterns are matched case-insensitively on the comment text; spans are character offsets into it.
"""

from __future__ import annotations

import re

from newssift.moderation.screen import Screen


def _rx(p: str) -> re.Pattern[str]:
    return re.compile(p, re.I)


def _trie(words: list[str]) -> str:
    """A regex matching exactly *words*, factored by common prefixes: Python's re tries the alternatives of a
    plain alternation one by one at every position, a trie only those that share the next character."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return build(tree)


# ------------------------------------------------------------------------------------------ groups (targets)

# slurs that name a group: each is both a group name (the hate's target, in GROUPS) and a slur (in SLURS)
_SLURS_NAMING = {
    "Jewish people": r"kikes?|yids?",
    "Muslims": r"rag\s*heads?|muzzies?|muzrats?|mudslimes?|muslimes|towel\s*heads?|camel\s*jockeys?",
    "Black people": r"niggers?|negro(?:e?s)?|niglets?|coons?|sheboons?|jigaboos?|porch\s*monkeys?|shitskins?|mudsharks?",
    "LGBTQ people": r"faggots?|trannies|tranny|lesbos",
    "Asian people": r"chinks?(?!\s+in\s+(?:the|his|her|their|its|our|my|your|an?)\s)|gooks?|ching\s*chong",  # not "a chink in the armour"
    "disabled people": r"retards?",
    "Hispanic people": r"beaners?|wetbacks?|spics?",
}

GROUPS: dict[str, re.Pattern[str]] = {
    "Jewish people": _rx(
        r"\b(?:jews?|jewish|jewry|zionists?|zionism|israelis?|talmudic|ashkenazi|rothschilds?|khazars?|"
        rf"hebrews?|rabbis?|synagogues?|zog|judaism|hymies?|{_SLURS_NAMING['Jewish people']})\b|\(\(\(\s*\w+\s*\)\)\)"
    ),
    "Muslims": _rx(rf"\b(?:muslims?|moslems?|islam|islamic|islamists?|mosques?|{_SLURS_NAMING['Muslims']})\b"),
    "Black people": _rx(
        r"\b(?:black\s+(?:people|men|women|man|woman|person|folks?|americans?|guys?|girls?|boys?|kids|community|race)|blacks|africans?|"
        r"(?:people|men|women)\s+of\s+colou?r|mixed[\s-]+race\s+\w+|aborigin(?:als?|es)|indigenous\s+people|"
        rf"{_SLURS_NAMING['Black people']})\b"
    ),
    "women": _rx(r"\b(?:women|woman|girls|females|feminists?|wives)\b"),
    "LGBTQ people": _rx(
        r"\b(?:gays?|lesbians?|homosexuals?|trans(?:gender)?\s+(?:people|women|men|folks?)|transgenders?|lgbtq?\+?|"
        r"queers?|fags?|dykes?|trans(?:vestites?|s?exuals?)?(?![\w-])|bisexuals?|homos?(?!\s+sapiens)|"
        rf"{_SLURS_NAMING['LGBTQ people']})\b"
    ),
    "immigrants": _rx(r"\b(?:immigrants?|migrants?|refugees?|asylum\s+seekers?|illegals|foreigners)\b"),
    "Asian people": _rx(rf"\b(?:asians?|chinese\s+people|{_SLURS_NAMING['Asian people']})\b"),
    "Roma": _rx(r"\b(?:roma|gypsies|gypsy)\b"),
    "disabled people": _rx(
        r"\b(?:disabled\s+(?:people|persons?|kids|children)|cripples?|the\s+disabled|handicapped|spastics?|"
        rf"mongoloids?|autistic\s+(?:people|kids)|{_SLURS_NAMING['disabled people']})\b"
    ),
    "Christians": _rx(r"\b(?:christians?|catholics?|protestants?|mormons?)\b"),
    "other faiths and none": _rx(r"\b(?:atheists?|non-?believers|buddhists?|sikhs?)\b"),
    "Hindus": _rx(r"\b(?:hindus?)\b"),
    "Russians": _rx(r"\b(?:russians)\b"),
    "Ukrainians": _rx(r"\b(?:ukrainians)\b"),
    "white people": _rx(r"\b(?:white\s+(?:people|men|women|folks|race|americans)|whites)\b"),
    "Hispanic people": _rx(rf"\b(?:hispanics|latinos|latinas|latinx|{_SLURS_NAMING['Hispanic people']})\b"),
    # national and ethnic origin, named by the plural a generalisation uses ("Somalis are ...", not "a Somali
    # restaurant"); the target reported is the word itself (see group_name)
    "national or ethnic group": _rx(
        r"\b"
        + _trie(
            "mexicans somalis pakistanis indians arabs turks nigerians syrians afghans albanians romanians poles iraqis "
            "iranians palestinians kurds eritreans moroccans algerians bangladeshis filipinos koreans chinese scots "
            "germans italians bulgarians haitians jamaicans libyans chechens serbs bosnians brits americans".split()
        )
        + r"\b|\b(?:vietnamese|japanese|irish|french|sudanese|indian|chinese|mexican|african|arab)\s+(?:people|person|men|women)\b"
    ),
}
_BY_MATCH = {"national or ethnic group"}


def group_name(name: str, matched: str) -> str:
    """The target to report for a GROUPS match: the group's name, or for origin groups the word matched."""
    return matched.strip().capitalize() if name in _BY_MATCH else name


# a generalisation that derogates or dehumanises a group: "<group> are (all) <term>", matched from the end of a
# group's name; the stage requires no negation before the term and no counter-speech
DEROGATORY = (
    r"(?:vermin|rats?|cockroach\w*|parasit\w+|leech\w*|animals?|beasts?|savages?|apes?|monkeys?|pigs?|dogs|"
    r"filth\w*|scum|trash|garbage|subhuman\w*|inferior|(?:a\s+)?(?:disease|plague|cancer|virus|infestation|invasion)|"
    r"criminals?|rapists?|thie(?:f|ves)|terrorists?|groomers?|paedophiles?|pedophiles?|invaders?|"
    r"liars?|degenerat\w+|freaks?|perverts?|mentally\s+ill|sick|evil|greedy|dirty|disgusting|stupid|dumb|"
    r"useless|worthless|(?:a\s+)?burden|too\s+(?:stupid|dumb)|not\s+(?:human|people)|"
    r"enem(?:y|ies)\s+of\s+(?:mankind|humanity|the\s+human\s+race|all\s+(?:mankind|humanity|nations|peoples))|enemy\s+within)"
)
# someone else's words reported or quoted ("the imam preaches", "he thinks", an opening quotation mark): a
# derogation after one of these in its sentence is reported, not said by the commenter ("I think" is theirs)
_REPORTING = (
    r"(?<!\bi\s)(?<!\bwe\s)\b(?:said|says|preach\w*|thinks|thought|claims?|claimed|calls|called|teach\w*|"
    r"told|tells|believes|believed|wrote|writes|tweeted|posted)\b"
)
REPORTING_VERB = _rx(_REPORTING)
# a slur, epithet or trope mentioned rather than used, matched on the words just before it in its sentence: named
# as what someone else called others ("they called us kikes", "referred to Jews as 'stupid kikes'", "accused Jews
# of dual loyalty"), named as a word ("the word 'zionazi'"), shouted ("yelling about kikes"), or inside a quotation
# that a reporting verb opens ("sacked for saying 'clear the kikes from Odessa'"). Only reports count: "I call
# them", "start calling", "a fan of calling" are the commenter's own use, and so is a slur after "says" outside
# quotation marks ("says the swamp muzzie who ...").
_NOT_MINE = r"(?<!\bi\s)(?<!\bwe\s)(?<!\bof\s)(?<!\bstart\s)(?<!\bkeep\s)(?<!\blove\s)(?<!\bbe\s)(?<!\bam\s)"
MENTIONED = _rx(
    rf"{_NOT_MINE}\b(?:called|calls|calling|referr?(?:s|ed|ing)\s+to\s+[^.!?\n]{{0,40}}?\bas|described\s+as|labell?ed|"
    r"branded|accus(?:ed|es|ing)\s+(?:[\w@'-]+\s+){0,4}?of)\s+(?:(?!(?:and|but|or)\b)[\w@'-]+\s+){0,5}?"
    r"(?:an?\s+)?(?:[\"“'‘](?:[\w-]+\s+){0,2})?$"
    r"|\b(?:the\s+(?:words?|terms?|slurs?|epithets?)|(?:slurs?|names|words)\s+like)\s+[\"“'‘]?$"
    rf"|{_NOT_MINE}\b(?:yell|shout|chant|scream)\w*\s+(?:about\s+|at\s+\w+\s+)?[\"“'‘]?(?:[\w-]+\s+){{0,2}}$"
    rf"|{_NOT_MINE}\b(?:said|says|saying|wrote|writes|tweeted|posted|chanting)\s*[:,]?\s*(?:\w+\s+){{0,2}}?[\"“'‘][^\"”’]{{0,50}}$"
)
REPORTED_SPEECH = _rx(rf"[\"“”«]|{_REPORTING}")
# what may stand before a group's name when it is the subject of a clause: nothing, punctuation, a determiner or
# quantifier, or a conjunction
CLAUSE_SUBJECT = _rx(
    r"(?:^|[.!?,;:(\-–—\"“”]\s*|\b(?:the|all|these|those|most|many|some|so\s+many|and|but|yet|because|since|"
    r"that|say|think|honestly|frankly|all\s+the|every\s+one\s+of\s+the)\s+)$"
)
DEROGATION = _rx(
    rf"(?:\s*(?:people|men|women|folks?|kids|ones))?\s+(?:are|is|r|were)\s+(?:all\s+|just\s+|nothing\s+but\s+|"
    rf"such\s+|so\s+|basically\s+|a\s+bunch\s+of\s+|the\s+)*(?:an?\s+)?(?:\w+\s+){{0,2}}?(?P<term>{DEROGATORY})\b"
)

# slurs: hate when aimed at a group or a person; reclaimed in-group uses are not listed (queer, dyke as self-naming)
SLURS = _rx(
    r"\b(?:fags|sand\s*niggers?|pakis?|zionazis?|holohoax|subhumans?|untermenschen|race\s+traitors?|"
    + "|".join(_SLURS_NAMING.values())
    + r")\b"
)

# a word written as part of a person's or a place's name: after a title, a preposition naming a place, or a
# capitalised word that is not a determiner or an insult ("Senator Chris Coons", "the island of Lesbos", "David
# Rothschild"). Case-sensitive: the stage asks it only of matches that are themselves capitalised ("Coons", not
# "coons" or "COONS")
NAME_BEFORE = re.compile(
    r"(?:\b(?:Sen|Senator|Rep|Gov|Mr|Mrs|Ms|Dr|Lord|Lady|Baron|Baroness|Sir|Dame|President|Judge)\.?"
    r"|\b(?:island|isle)\s+of|\b(?:on|to|from|in|at|near|visit(?:ed|ing)?)"
    r"|\b(?!(?:The|These|Those|All|Some|Many|Most|No|Every|Any|And|But|Or|So|Why|What|How|When|If|Like|You|Your|"
    r"Their|Our|My|His|Her|Its|Filthy|Dirty|Damn|Stupid|Greedy|Bloody|Fucking|Fat|Lazy|Evil|Typical|Hate|Kill|Fuck)\b)"
    r"[A-Z][a-z]+|\b[A-Z]\.)\s+$"
)


def proper_name(text: str, start: int) -> bool:
    """Whether the word at *start* is capitalised and written as part of a name (see NAME_BEFORE)."""
    return (
        text[start : start + 1].isupper()
        and text[start + 1 : start + 2].islower()
        and (NAME_BEFORE.search(text, max(0, start - 40), start) is not None)
    )


# ------------------------------------------------------------------------------------------ antisemitic tropes

HOLOCAUST_DENIAL = "Holocaust denial or distortion (IHRA examples 4 and 5)"
HITLER_JUSTIFIED = "justifying Hitler or the Holocaust (IHRA examples 1 and 4)"
REPORTABLE = {HOLOCAUST_DENIAL, HITLER_JUSTIFIED}
ROTHSCHILD = "antisemitic trope: the Rothschilds as secret rulers of finance and politics"

_JEWISH = r"(?:jews?|jewish|zionists?|zionist\s+\w+|israelis?|rothschilds?|(?:the\s+)?(?:global(?:ist)?\s+)?(?:jewish|zionist)\s+\w+)"
_CONTROLLED = (
    r"(?:the\s+)?(?:\w+\s+){0,2}?(?:world|media|press|news|banks?|banking|money|finance|financial\s+system|economy|"
    r"governments?|politics|politicians?|congress|parliament|washington|hollywood|europe|america|the\s+west|west|"
    r"newspapers?|(?:the\s+)?tv|television|social\s+media|the\s+internet|big\s+tech|the\s+courts?|the\s+fed|"
    r"federal\s+reserve|central\s+banks?|wall\s+street|the\s+narrative|"
    r"what\s+(?:you|we|people|everyone)\s+(?:read|see|hear|watch|think|believe|know)|"
    r"countr(?:y|ies)|everything|us|foreign\s+policy|elections?|universities|wars?|porn\w*(?:\s+industry)?|"
    r"(?:the\s+)?(?:film|music|publishing|entertainment)\s+industry)"
)
JEWISH_CONTROL = (
    "antisemitic trope: Jewish control of governments, media or the economy (IHRA working definition, example 2)"
)
JEWISH_CORRUPTING = "antisemitic trope: Jews corrupting a nation's morals or culture (IHRA example 2)"
JEWISH_IMMIGRATION = "antisemitic conspiracy myth: Jews behind immigration to replace others (IHRA example 3)"
# every alternative of these tropes' patterns contains one of these words: the stage tries them only where one is
# present (they are the slowest patterns)
JEWISH_TERM = _rx(rf"\b{_JEWISH}\b")  # not "jewelry"
NEEDS_JEWISH_TERM = {JEWISH_CONTROL, JEWISH_CORRUPTING, JEWISH_IMMIGRATION}
# what a post about Jews may name instead of Jews: Israel, the Holocaust, Hitler, Jewish religious life. Where one
# of these and no group is named, the antisemitism head's score may still stand (the target is implied)
JEWISH_TOPIC = _rx(
    r"\b(?:israel|holocaust|shoah|auschwitz|birkenau|dachau|treblinka|gas\s+chambers?|hitler|third\s+reich|"
    r"kosher|yiddish|talmud|torah|hanukk?ah|chanukah|passover|yom\s+kippur|kippah|yarmulke|star\s+of\s+david|"
    r"antisemit\w*|anti-semit\w*|semit(?:es?|ic))\b"
)
ANTISEMITIC_TROPES: list[tuple[re.Pattern[str], str]] = [
    (
        _rx(
            rf"\b{_JEWISH}\b[^.!?\n]{{0,60}}?\b(?:control\w*|run|runs|running|rule|rules|ruling|own|owns|owning|"
            rf"dominat\w+|manipulat\w+|pull(?:s|ing)?\s+the\s+strings(?:\s+(?:in|of))?|pilot\w*|manag\w+|"
            rf"infiltrat\w+|hijack\w+)\s+{_CONTROLLED}\b"
            rf"|\b{_CONTROLLED}\s+(?:\w+\s+){{0,4}}?(?:is|are)\s+(?:all\s+)?(?:run|controlled|owned|ruled|dominated|"
            rf"manipulated)\s+by\s+(?:the\s+)?{_JEWISH}"
        ),
        JEWISH_CONTROL,
    ),
    (
        _rx(
            r"\b(?:zionist|jewish)\s+(?:political\s+)?(?:lobby|cabal|elite|bankers?|occupied\s+government|mafia|agenda)\b"
            r"|\bisraeli?\s+lobby\s+(?:\w+\s+)?(?:owns|controls|runs|bought|buys|rules|dictates|decides)\b"
        ),
        "antisemitic trope: a Jewish or 'Zionist' lobby or cabal ruling others (IHRA example 2)",
    ),
    (
        _rx(
            rf"\b(?:jewish|zionist|israeli)\s+(?:money|gold|cash|donors|billionaires|bankers)\s+(?:is\s+|are\s+)?"
            rf"(?:behind|buys|bought|owns|controls|runs|pays\s+for)\s+{_CONTROLLED}\b"
        ),
        "antisemitic trope: Jewish money buying or owning politics and the media (IHRA example 2)",
    ),
    (_rx(r"\bZOG\b|\(\(\(\s*\w+\s*\)\)\)"), "antisemitic code: 'ZOG' or the triple-parentheses 'echo'"),
    (_rx(r"\brothschilds?\b"), ROTHSCHILD),
    (_rx(r"\bkhazars?\b"), "antisemitic conspiracy myth: 'Khazarian' origins of Jews"),
    (
        _rx(
            r"\bholohoax\b|\bholocaust\s+denial\s+is\s+true\b"
            r"|\b(?:the\s+)?(?:holocaust|shoah|six\s+million|6\s*(?:million|gorillion)|gas\s+chambers?)\s+"
            r"(?:(?:numbers|figures|death\s+toll|story|narrative|statistics)\s+)?"
            r"(?:never\s+happened|didn'?t\s+happen|(?:is|was|are|were|have\s+been|has\s+been)\s+(?:all\s+|just\s+|a\s+|an\s+|the\s+|"
            r"total\s+|big\s+|greatly\s+|hugely\s+|(?:biggest|greatest|largest)\s+)*(?:[\w-]+\s+){0,2}?"
            r"(?:lie|hoax|myth|fraud|fake[d]?|fabricat\w+|invent\w+|made\s+up|exaggerat\w+|inflated|propaganda|overblown))\b"
            r"|\b6\s*(?:million|gorillion)\s+(?:lie|myth|hoax)\b"
            r"|\b(?:six|6)\s+million\s+(?:jews\s+)?(?:(?:were|was|have|had)\s+)?never\s+(?:\w+\s+)?(?:killed|gassed|slaughtered|"
            r"murdered|exterminated|died)\b"
            r"|\b(?:nobody|no\s+one|no\s+jews?|not\s+(?:a\s+single|one)\s+jew)\s+(?:was|were|got)\s+(?:ever\s+)?gassed\b"
            r"|\b(?:auschwitz|dachau|treblinka|birkenau|the\s+(?:death\s+|concentration\s+)?camps)\s+(?:was|were)\s+"
            r"(?:just\s+|only\s+|merely\s+|really\s+)?(?:an?\s+)?(?:work|labou?r)\s+camps?\b"
            r"|\bgas\s+chambers?\s+(?:was|were)\s+(?:just\s+|only\s+|really\s+)?(?:for\s+)?(?:delousing|showers?|disinfection)\b"
            r"|\b(?:gas\s+chambers?|crematori(?:a|ums?))\b[^.!?\n]{0,30}?\b(?:was|were)\s+(?:\w+\s+)?(?:built|constructed|"
            r"added|made|fabricated|faked)\s+(?:\w+\s+){0,2}?(?:after\s+the\s+war|post-?war|by\s+the\s+(?:soviets|allies|"
            r"russians|americans|poles))\b"
            r"|\b(?:(?:the\s+)?(?:holocaust\s+)?survivors?'?s?|anne\s+frank'?s?)\s+(?:stories|story|testimon\w+|accounts?|"
            r"diary|diaries|memoirs?)\s+(?:were|was|are|is|have\s+been|has\s+been)\s+(?:all\s+|just\s+|largely\s+|mostly\s+)?"
            r"(?:cooked\s+up|made\s+up|invented|fabricated|forged|faked?|lies|a\s+lie|exaggerated|a\s+hoax)\b"
        ),
        HOLOCAUST_DENIAL,
    ),
    (
        _rx(
            rf"\bdual\s+loyalt\w+\b|\b{_JEWISH}\b[^.!?\n]{{0,40}}?\bloyal\s+(?:only\s+)?to\s+israel\s+(?:than|first|before|over|rather)\b"
            r"|\b(?:their|real|true|first)\s+loyalty\s+is\s+(?:only\s+)?(?:to|with)\s+israel\b|\bisrael\s+first(?:ers?)?\b"
            rf"|\b{_JEWISH}\b[^.!?\n]{{0,40}}?\b(?:loyalty|loyalties|allegiance)\s+(?:really\s+)?lies?\b"
            r"(?=[^.!?\n]{0,40}?\b(?:israel|won'?t\s+be|isn'?t|not\s+with|never)\b)"
        ),
        "antisemitic trope: Jews' dual loyalty (IHRA example 6)",
    ),
    (
        _rx(
            rf"\b{_JEWISH}\b[^.!?\n]{{0,50}}?\b(?:flood\w*|import\w*|bring\w*\s+in|brought\s+in|ship\w*\s+in|"
            r"replac\w+|fund\w*)\b[^.!?\n]{0,40}?\b(?:migrants?|immigrants?|immigration|refugees?|muslims?|africans?|"
            r"invaders?|non-?whites)\b"
        ),
        JEWISH_IMMIGRATION,
    ),
    (
        _rx(
            r"\bhitler\s+(?:was|is)\s+right\b|\bhitler\s+did\s+nothing\s+wrong\b|\b(?:heil|sieg)\s+hitler\b|"
            r"\bsieg\s+heil\b|\bfinish\s+(?:what\s+)?hitler\s+started\b|\bhitler\s+should\s+have\s+finished\b|"
            r"\bhitler\s+(?:had|has)\s+(?:the\s+)?right\s+idea\b|\bhitler\s+(?:was|is)\s+(?:\w+\s+)?right\s+about\b|"
            r"\bhitler\s+(?:didn'?t|did\s+not)\s+go\s+far\s+enough\b|"
            r"\bhitler\s+(?:was|is)\s+(?:a\s+|the\s+|our\s+)?(?:true\s+|real\s+|great\s+)?(?:hero|saviou?r|visionary|genius)\b|"
            r"\bhitler\b[^.!?\n]{0,40}?\b(?:tried|wanted|was\s+trying)\s+to\s+(?:save|protect|free|liberate|rescue)\s+"
            r"(?:europe|germany|the\s+world|us|the\s+west|white\s+people)\b"
        ),
        HITLER_JUSTIFIED,
    ),
    (
        _rx(
            r"\b(?:jews|zionists)\b[^.!?\n]{0,30}\b(?:killed|murdered)\s+(?:jesus|christ)\b|\bblood\s+libel\s+is\s+true\b"
        ),
        "antisemitic myth: deicide or blood libel (IHRA example 9)",
    ),
    (
        _rx(
            r"\bzionazi\w*|\bisrael\w*\b[^.!?\n]{0,40}\b(?:nazis?|nazi\s+state)\b|\btalmudic[\s-]+supremac\w+"
            r"|\b(?:israel\w*|zionists?|the\s+idf)\b[^.!?\n]{0,60}?\b(?:(?:exactly|just)\s+(?:what|like)|like|as\s+bad\s+as|"
            r"no\s+different\s+(?:from|than)|worse\s+than|the\s+same\s+as)\s+(?:the\s+)?(?:third\s+reich|hitler)(?![\w-])"
        ),
        "comparing Israel or Jews to Nazis, or 'Talmudic supremacism' (IHRA examples 10 and 9)",
    ),
    (
        _rx(
            r"\bisrael\s+(?:must|should|will|needs?\s+to|has\s+to|deserves\s+to)\s+(?:\w+\s+)?(?:disappear|cease\s+to\s+exist|"
            r"be\s+(?:destroyed|wiped\s+out|wiped\s+off|erased|eliminated|annihilated|exterminated)|not\s+exist|burn|die)\b"
            r"|\bisrael\s+has\s+no\s+right\s+to\s+exist\b|\bwipe\w*\s+israel\s+off\b"
        ),
        "denying the Jewish people's self-determination: calling for Israel's destruction (IHRA example 7)",
    ),
    (
        _rx(
            r"\b(?:killed|murdered|slaughtered|bombed|massacred|starved)\s+by\s+(?:the\s+)?jews\b"
            r"|\bjews\s+(?:are\s+)?(?:killing|murdering|slaughtering|bombing|massacring|starving)\s+(?:the\s+)?(?:innocent\s+)?"
            r"(?:palestin\w+|muslims|arabs|children|kids|babies|gaza\w*)\b"
        ),
        "holding Jews collectively responsible for the actions of Israel (IHRA example 11)",
    ),
    (
        _rx(r"\b(?:ashkenazi|jewish|zionist)\s+(?:neocons?|bankers|globalists|financiers|elites?)\b"),
        "antisemitic trope: Jews as a hidden elite behind wars or finance (IHRA example 2)",
    ),
    (
        _rx(
            r"\b(?:jews|zionists)\b[^.!?\n]{0,40}\b(?:behind|did|planned|orchestrated|brought\s+us|released|created|spread|"
            r"engineered|unleashed)\b[^.!?\n]{0,20}\b(?:9/?11|wars?|covid|pandemic|virus|bio-?\s*weapons?|corona\w*|plague)"
        ),
        "antisemitic conspiracy myth: Jews behind wars, attacks or pandemics (IHRA example 3)",
    ),
    (
        _rx(
            r"\b(?:jews|zionists)\b[^.!?\n]{0,30}\b(?:brought|created|invented|spread|were\s+behind|started)\b[^.!?\n]{0,20}"
            r"\b(?:communism|bolshevism|marxism|the\s+(?:russian\s+)?revolution)\b|\bjudeo-?\s*bolshevi\w+|\bjewish\s+bolshevi\w+"
        ),
        "antisemitic conspiracy myth: Jews behind communism ('Judeo-Bolshevism', IHRA example 3)",
    ),
    (
        _rx(r"\bholocaust\s+(?:industry|racket|business|scam)\b"),
        "accusing Jews of exploiting the Holocaust: the 'Holocaust industry' (IHRA example 5)",
    ),
    (
        _rx(
            r"\bwars?\b[^.!?\n]{0,40}?\b(?:fought|started|waged|made)\s+(?:\w+\s+)?for\s+(?:israel|the\s+jews|jews|zionists?|"
            r"zionism|the\s+zionists)\b"
            r"|\b(?:jews|zionists|the\s+jewish\s+\w+)\b[^.!?\n]{0,30}?\b(?:start(?:s|ed)?|want(?:s|ed)?|push(?:es|ed)?\s+for|"
            r"profit(?:s|ed)?\s+from|profit(?:s|ed)?\s+off|drag(?:s|ged)?\s+us\s+into)\b[^.!?\n]{0,30}?(?<!\brace\s)\bwars?\b"
        ),
        "antisemitic trope: Jews as warmongers, wars fought for Israel (IHRA examples 2 and 3)",
    ),
    (
        _rx(
            rf"\b{_JEWISH}\b[^.!?\n]{{0,60}}?\b(?:corrupt\w*|degenerat\w+|poison\w*|subver\w+|pervert\w*|undermin\w+)\s+"
            r"(?:our|the\s+west'?s?|western|white|christian|gentile)\s+(?:\w+\s+)?(?:youth|children|kids|culture|morals?|values|"
            r"society|nations?|race|women|minds)\b"
        ),
        JEWISH_CORRUPTING,
    ),
    (
        _rx(
            r"\bzionist[\s-]+(?:media|press|controlled|occupied|owned|run|puppets?|masters?|overlords?|banks?|"
            r"money|hollywood)\b"
        ),
        "antisemitic code: 'Zionist' media, money or masters (IHRA example 2)",
    ),
]

# ------------------------------------------------------------------------------------------ violence

_HARM_VERB = (
    r"(?:kill(?:ed|ing)?|shoot|shot|hang(?:ed)?|lynch(?:ed)?|burn(?:ed)?|bomb(?:ed|ing)?|gas(?:sed)?|exterminat\w+|"
    r"execut\w+|slaughter(?:ed)?|butcher(?:ed)?|massacre[ds]?|wipe[ds]?\s+out|eradicat\w+|beat(?:en)?\s+up|"
    r"stab(?:bed)?|behead(?:ed)?|murder(?:ed)?|destroy(?:ed)?|eliminat\w+|purge[ds]?|nuke[ds]?|torch(?:ed)?|"
    r"(?:put|plant|place|throw)\s+(?:a\s+)?(?:bomb|bullet|grenade|molotov\w*|pipe\s+bomb)|burn(?:ed)?\s+(?:(?:it|them|\w+)\s+)?down|"
    r"set\s+fire\s+to|fire\s*bomb(?:ed)?|petrol\s+bomb(?:ed)?)"
)
# more verbs of injuring or killing, with no common harmless sense (not "beat", "kick", "smash", "whip", "poison",
# "choke": "beat the incumbent", "kick off", "smash the record", "poison the debate"). Only after a modal or as an
# imperative: with an object alone they are as often a report ("he raped her", "assassinating him")
_HARM_VERB_MORE = (
    r"(?:strangl\w+|throttl\w+|knif(?:e|ed|ing)|bludgeon\w*|batter(?:ed)?|maim(?:ed)?|mutilat\w+|tortur(?:e|ed|ing)|"
    r"crucif\w+|decapitat\w+|disembowel\w*|assassinat\w+|annihilat\w+|obliterat\w+|rape[ds]?|"
    r"string(?:ing)?\s+(?:\w+\s+){0,3}?up|strung\s+up|gun(?:ned)?\s+(?:\w+\s+){0,2}?down|mow(?:ed|n)?\s+(?:\w+\s+){0,2}?down|"
    r"run\s+(?:him|her|them|you|(?:that|the|those|these)\s+\w+)\s+over|(?:slit|cut)\s+(?:[\w']+\s+){0,3}?throats?|"
    r"hunt\s+(?:them|him|her|you|(?:every|each)\s+(?:last\s+)?one(?:\s+of\s+them)?)\s+down|beat(?:en)?\s+(?:\w+\s+)?(?:to\s+death|senseless|"
    r"to\s+a\s+pulp|black\s+and\s+blue|the\s+(?:living\s+daylights|shit|crap|hell)\s+out\s+of))"
)
# what "eliminate", "destroy" or "purge" aim at in policy talk, not people ("we must eliminate the tariffs")
_NOT_PEOPLE = (
    r"\s+(?:all\s+(?:of\s+)?)?(?:the\s+|these\s+|those\s+|our\s+|their\s+|this\s+|that\s+)?(?:\w+\s+)?(?:tariffs?|tax(?:es)?|waste|"
    r"debts?|deficits?|poverty|fees?|regulations?|rules?|bureaucracy|red\s+tape|loopholes?|subsid(?:y|ies)|barriers?|"
    r"corruption|jobs?|programs?|programmes?|positions?|posts?|departments?|agenc(?:y|ies)|backlogs?|duplicates?|"
    r"emissions|inefficienc(?:y|ies)|fraud|myths?|ideas?|notions?|arguments?|stigma|stereotypes?|perceptions?|narratives?|"
    r"taboos?)\b"
)
VIOLENCE: list[tuple[re.Pattern[str], str, float]] = [
    (
        _rx(
            rf"\b(?:should|must|need\s+to|ought\s+to|have\s+to|gotta|let'?s|we(?:\s+(?:will|shall|can|are\s+going\s+to)|'ll)|"
            rf"i(?:\s+(?:will|am\s+going\s+to|want\s+to)|'ll)|i'?m\s+going\s+to|"
            rf"some(?:one|body)\s+(?:should|needs\s+to)|time\s+to|deserves?\s+to\s+be|needs?\s+to\s+be|should\s+be|must\s+be)\s+"
            rf"(?:all\s+)?(?:be\s+)?(?:{_HARM_VERB}|{_HARM_VERB_MORE})\b(?!{_NOT_PEOPLE})"
        ),
        "calls for or threatens violence",
        0.9,
    ),
    (
        _rx(
            rf"\b{_HARM_VERB}\s+(?:them|him|her|you|all\s+of\s+them|these\s+\w+|every\s+(?:last\s+)?(?:one|\w+))\b(?!\s+(?:it|this))"
        ),
        "violent act aimed at people",
        0.7,
    ),
    (
        _rx(
            rf"(?:^|[.!?]\s+)(?:go\s+(?:and\s+)?)?(?:{_HARM_VERB}|{_HARM_VERB_MORE})\s+"
            r"(?:the|their|them|those|these|all|every|that|this|him|her)\b"
        ),
        "imperative call to violence",
        0.85,
    ),
    (
        _rx(
            r"(?:^|[.!?]\s+)(?:go\s+(?:and\s+)?)?(?:string|gun|mow|run|hunt|blow)\s+(?:the|that|this|those|these|them|him|her|every)\s+"
            r"(?:\w+\s+){0,2}?(?:up|down|over)\b"
        ),
        "imperative call to violence",
        0.85,
    ),
    (
        _rx(
            r"\b(?:strikes?|attacks?|bombings?|raids?)\b[^.!?\n]{0,60}\b(?:against|on)\s+(?:the\s+)?"
            r"(?:places?|homes?|houses?|buildings?|neighbou?rhoods?|families|people)\b[^.!?\n]{0,40}\b(?:where|who|that)\b"
        ),
        "call for attacks on places where people live",
        0.85,
    ),
    (
        _rx(
            r"\b(?:break|smash|bash|kick|punch|knock)\s+(?:in\s+)?(?:your|his|her|their|ur|(?:the|that|this)\s+\w+'s)\s+(?:\w+\s+)?(?:legs?|neck|face|skull|"
            r"head|bones|teeth|jaw|knees?|ribs|block|lights)(?:\s+(?:in|out|off))?\b"
            r"|\b(?:punch|kick|smack|slap|headbutt|glass)\s+(?:him|her|them|you|(?:that|the|this)\s+\w+)\s+(?:in|on)\s+the\s+"
            r"(?:face|head|mouth|teeth|throat|nose)\b"
            r"|\b(?:will|'ll|gonna|going\s+to)\s+(?:\w+\s+){0,3}?(?:in|into)\s+a\s+body\s*bags?\b"
            r"|\bput\s+(?:\w+\s+){1,2}?(?:in\s+the\s+ground|six\s+feet\s+under|in\s+(?:a|the|an\s+early)\s+(?:grave|coffin))\b"
            r"|\b(?:i|we)\s*(?:will|'ll|am\s+going\s+to|'m\s+going\s+to|are\s+going\s+to|'re\s+going\s+to|know)\s+"
            r"(?:find\s+(?:out\s+)?)?where\s+(?:you|he|she|they)\s+lives?\b"
            r"|\b(?:i|we)\s+know\s+(?:which|what)\s+school\s+(?:your|his|her|their)\s+(?:kids|children|son|daughter)\s+"
            r"(?:go(?:es)?|attends?)\b"
            r"|\b(?:will|'ll|going\s+to|gonna|want\s+to|should|shall)\s+(?:\w+\s+)?(?:hurt|harm)\s+(?:your|his|her|their)\s+"
            r"(?:kids|children|family|wife|husband|daughters?|sons?|"
            r"mother|mum|mom|baby)\b"
        ),
        "threatens bodily harm to a person",
        0.85,
    ),
    (
        _rx(
            r"\b(?:put|line[ds]?|lining)\s+(?:(?:them|\w+)\s+)?(?:up\s+)?against\s+(?:the|a)\s+wall\b|\bgas\s+chambers?\s+(?:for|again)\b"
            r"|\b(?:final\s+solution|day\s+of\s+the\s+rope)\b"
        ),
        "coded call for mass violence",
        0.9,
    ),
    (
        _rx(
            r"\b(?:take\s+up\s+arms|grab\s+(?:your|the)\s+(?:guns|weapons|rifles|pitchforks))\b"
            r"|(?:^|[.!?]\s+|\b(?:and|should|must|will|'ll|let'?s|go|gotta|need\s+to|have\s+to|time\s+to)\s+)"
            r"(?:kill|shoot|hang|lynch|stab|execute|murder|behead)\s+(?:the|those|these|all\s+the)\s+\w+\s+(?:who|that)\b"
        ),
        "call to take up arms or to kill those named",
        0.8,
    ),
    (
        _rx(
            r"\b(?:let'?s|we\s+should|we(?:\s+(?:will|are\s+going\s+to)|'ll)|i(?:\s+(?:will|am\s+going\s+to)|'ll)|i'?m\s+going\s+to|"
            r"time\s+to)\s+(?:all\s+)?(?:go\s+(?:round\s+)?to|visit|pay\s+(?:\w+\s+)?a\s+visit|turn\s+up\s+at|show\s+up\s+at)\b"
            r"[^.!?\n]{0,40}?\b(?:house|home|door|flat|address)\b"
            r"|\bteach\s+(?:him|her|them|you|\w+)\s+a\s+lesson\s+(?:he|she|they|you)\s+(?:won'?t|will\s+never)\s+forget\b"
        ),
        "threatens to turn up at a person's home, or to 'teach a lesson'",
        0.7,
    ),
    (
        _rx(
            r"\b(?:i\s+hope|i\s+wish|hopefully|i\s+pray|let'?s\s+hope)\s+(?:that\s+)?(?:some(?:one|body)|he|she|they|"
            r"(?:that|the|this)\s+\w+)\s+(?:\w+\s+)?(?:kills?|stabs?|shoots?|hangs?|murders?|lynch(?:es)?|"
            r"gets?\s+(?:shot|stabbed|killed|hanged|lynched|beaten(?:\s+up)?|murdered))\b"
            r"|\b(?:deserves?|needs?|should\s+(?:get|face)|ought\s+to\s+(?:get|face)|must\s+face)\s+(?:a\s+(?:good\s+)?|the\s+)"
            r"(?:bullet|rope|noose|beating|kicking|hiding|firing\s+squad|gallows|electric\s+chair)\b"
            r"|\b(?:i|we)\s+know\s+where\s+(?:the\s+|that\s+|this\s+)?\w+\s+lives?\b"
            r"|\bvisit\b[^.!?\n]{0,30}\bwith\s+(?:some\s+|a\s+)?(?:baseball\s+)?(?:bats?|guns?|knives|knife|crowbars?|petrol)\b"
        ),
        "wishes harm on a person, or threatens them ('deserves a bullet', 'we know where he lives')",
        0.8,
    ),
]
# a report of violence that happened ("was stabbed, police said"), not a call for it: lowers the violence head
REPORTED_VIOLENCE = _rx(
    r"\b(?:killed|wounded|injured)\s+(?:\w+\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
    r"hundreds?|several|many)\b|\b(?:police|officials?|the\s+report|reports?)\s+(?:said|says|say|reported)\b"
    r"|\b(?:said|according\s+to)\s+(?:police|officials?)\b"
)
# non-violent idioms that contain violent verbs ("killed it", "I could kill for a coffee", "bomb the exam")
VIOLENCE_IDIOMS = _rx(
    r"\bkill(?:ed|ing)?\s+it\b|\bcould\s+kill\s+for\b|\bkill(?:ing)?\s+(?:time|the\s+(?:mood|vibe|lights?|engine))\b"
    r"|\bbomb(?:ed)?\s+(?:the|my|an?)\s+(?:exam|test|interview|audition)\b|\bdressed\s+to\s+kill\b|\bkiller\s+(?:app|deal)"
    r"|\b(?:shoot|shot)\s+(?:a|the|some)\s+(?:photo|video|film|movie|hoops|scene|email|message|look)\b"
    r"|\bkill(?:s|ed|ing)?\s+(?:our|the|their|his|her|my|its|any)\s+(?:season|chances?|hopes?|momentum|mood|deal|bill|"
    r"plan|career|game|buzz|title\s+hopes)\b"
    r"|\bkill(?:s|ing)?\s+me\b(?:\s*(?:lol|haha|😂))?|\bdestroy(?:ed)?\s+(?:the|his|her|their)\s+(?:argument|case|record)"
)

# ------------------------------------------------------------------------------------------ conspiracy

# a shadowy or powerful collective, the agent of a conspiracy theory ("they", "the elites", "the globalists")
CONSPIRACY_AGENT = (
    r"(?:they|the\s+(?:elites?|globalists?|establishment|powers\s+that\s+be|cabal|government|authorities|bankers|"
    r"banks|big\s+pharma|pharma\s+companies|media|mainstream\s+media|military|cia|fbi|un|who|wef|rich|billionaires|"
    r"oligarchs|deep\s+state|illuminati|freemasons|zionists|satanists)|globalists|elites|bankers|big\s+pharma|"
    r"bill\s+gates|gates|soros|rothschilds?|schwab)"
)

CONSPIRACY: list[tuple[re.Pattern[str], str, float]] = [
    (
        _rx(r"\bfalse[\s-]+flag\b|\bcontrolled\s+demolition\b|\binside\s+job\b|\b9/?11\s+truth\b|\bcrisis\s+actors?\b"),
        "staged-event conspiracy narrative (false flag, controlled demolition, inside job)",
        0.9,
    ),
    (
        _rx(
            r"\bnew\s+world\s+order\b|\bdeep\s+state\b|\bshadow\s+government\b|\bglobalist\s+(?:cabal|elite|agenda|plan)\b|\bcabal\b|\billuminati\b|\bpuppet\s*masters?\b"
        ),
        "secret-rulers conspiracy narrative (NWO, deep state, cabal)",
        0.8,
    ),
    (
        _rx(
            r"\bgreat\s+replacement\b|\b(?:white\s+)?genocide\s+(?:of|against)\s+whites\b|\breplac(?:e|es|ed|ing|ement)\s+(?:of\s+)?(?:us|whites|white\s+people|the\s+natives?|native\s+\w+)|\bkalergi\b"
        ),
        "'Great Replacement' conspiracy narrative",
        0.85,
    ),
    (
        _rx(
            r"\bplandemic\b|\bscamdemic\b|\b(?:the\s+)?(?:pandemic|covid(?:-?19)?|coronavirus|virus)\s+(?:was|is)\s+"
            r"(?:all\s+)?(?:planned|orchestrated|manufactured|staged)\b|\bdepopulation\s+(?:agenda|plan|program)\b|\bvaccines?\b[^.!?\n]{0,40}\b(?:kill|depopulat\w+|microchips?|genocide|bioweapon)|\bchemtrails?\b|\b5g\b[^.!?\n]{0,30}\b(?:covid|virus)"
            r"|\b5g\b[^.!?\n]{0,40}\b(?:made|making|makes|make)\s+(?:\w+\s+)?(?:people|us|them|everyone|kids|children)\s+(?:sick|ill)\b"
            r"|\b(?:nano\s*chips?|micro\s*chips?|tracking\s+chips?|nanobots?)\b[^.!?\n]{0,30}\b(?:jabs?|shots?|injections?|vaccin\w+)\b"
            r"|\bspray(?:s|ing|ed)?\s+(?:us|people|the\s+population|everyone)\s+(?:from|with)\b"
            r"|\bmicrochip\w*\b[^.!?\n]{0,50}\bvaccin\w+|\bvaccin\w+\b[^.!?\n]{0,50}\b(?:microchip\w*|nano\s*(?:bots?|chips?|"
            r"robots?|technology)|graphene|tracking\s+devices?|mind[\s-]+control\w*|steriliz\w+|sterilis\w+)"
            r"|\bhid(?:ing|es|den)?\s+(?:the\s+)?cures?\s+(?:for|to)\b|\bcures?\s+for\s+cancer\b[^.!?\n]{0,40}\b(?:hid(?:den|ing)?|"
            r"suppress\w*|buried)\b"
            r"|\bfluorid\w*\b[^.!?\n]{0,60}\b(?:docile|dumb\s+(?:us|people|the\s+population)\s+down|mind[\s-]+control\w*|"
            r"pacify|obedient|compliant|calcify)"
        ),
        "health or technology conspiracy narrative (plandemic, depopulation, chemtrails)",
        0.85,
    ),
    (
        _rx(
            r"\b(?:climate\s+change|global\s+warming|the\s+climate\s+crisis|covid(?:-?19)?|the\s+virus|the\s+pandemic)\s+"
            r"(?:is|was)\s+(?:all\s+|just\s+)?(?:a\s+|one\s+big\s+)?(?:hoax|scam|fraud|lie)\b"
            r"|\b(?:covid(?:-?19)?|coronavirus|the\s+virus|the\s+pandemic|climate\s+change|global\s+warming)\s+(?:is|was)(?:\s+not|n't)\s+"
            r"(?:even\s+)?real\b|\b(?:covid(?:-?19)?|coronavirus)\b[^.!?\n]{0,30}\b(?:is|was)\s+(?:just\s+)?(?:the\s+)?(?:flu|a\s+cold)\s+"
            r"(?:rebranded|renamed|relabell?ed)\b"
            r"|\b(?:climate(?:\s+change)?|global\s+warming|covid|pandemic|virus)\s+(?:hoax|scam)\b"
        ),
        "hoax narrative about climate change or the pandemic",
        0.85,
    ),
    (
        _rx(
            r"\bmoon\s+landings?\b[^.!?\n]{0,30}\b(?:fake[ds]?|faked|staged|hoax|never\s+happened|"
            r"in\s+an?\s+(?:\w+\s+)?(?:studio|film\s+set)|kubrick)\b"
            r"|\b(?:the\s+)?earth\s+is\s+flat\b|\bflat\s+earth\s+is\s+(?:real|true)\b|\breptilians?\b|\blizard\s+people\b"
        ),
        "hoax narrative (faked moon landing, flat earth, reptilian rulers)",
        0.85,
    ),
    (
        _rx(
            r"\b(?:from\s+the\s+shadows|behind\s+the\s+scenes|pull(?:s|ing)?\s+the\s+strings|secret\s+(?:existence|society|plan|agenda|rulers?))\b"
        ),
        "hidden actors secretly steering events",
        0.6,
    ),
    (
        _rx(
            r"\b(?:they|the\s+media|the\s+government)\s+(?:don'?t|do\s+not)\s+want\s+you\s+to\s+know\b|\bwake\s+up,?\s+(?:people|sheeple)\b|\bsheeple\b|\bdo\s+your\s+own\s+research\b"
        ),
        "conspiracist framing ('they don't want you to know', 'wake up')",
        0.6,
    ),
    (
        _rx(
            r"\b(?:what(?:'s|\s+is)\s+really\s+(?:going\s+on|happening)|who(?:'s|\s+is)\s+really\s+(?:behind|in\s+charge|pulling)"
            r"|who\s+and\s+where\s+is\s+the\s+real|the\s+truth\s+(?:they|the\s+media)\s+(?:hide|are\s+hiding))\b"
        ),
        "conspiracist framing: hidden truth behind official accounts ('what is really going on')",
        0.6,
    ),
    (
        _rx(
            r"\b(?:brought\s+us|planned|orchestrated|behind)\s+9/?11\b|\b9/?11\b[^.!?\n]{0,60}\b(?:sequel|staged|demolition|explosives)\b"
        ),
        "9/11 conspiracy narrative",
        0.85,
    ),
    (
        _rx(
            r"\b(?:was|were)\s+(?:murdered|assassinated|killed|poisoned)\s+by\s+[^.!?\n]{1,40}?\b(?:and|then)\s+"
            r"(?:they\s+|it\s+was\s+)?covered\s+(?:it\s+|this\s+|that\s+)?up\b"
            r"|\b(?:faked|staged)\s+(?:his|her|their)\s+(?:own\s+)?deaths?\b"
        ),
        "secret-killing or faked-death conspiracy narrative (murder covered up, death staged)",
        0.75,
    ),
    (
        _rx(
            r"\b(?:was|were)\s+(?:killed|murdered|assassinated|taken\s+out)\s+by\s+(?:the\s+)?(?:cia|fbi|mossad|mi[56]|kgb|"
            r"deep\s+state|royal\s+family|royals|illuminati|freemasons)\b"
        ),
        "assassination conspiracy narrative (killed by the CIA, the deep state ...)",
        0.7,
    ),
    (
        _rx(
            r"\b(?:planned|orchestrated|engineered|manufactured|staged|plotted|scripted)\s+(?:\w+\s+){0,4}?by\s+(?:the\s+)?"
            r"(?:elites?|globalists?|cabal|deep\s+state|illuminati|powers\s+that\s+be|wef|davos\s+\w+|bill\s+gates|gates|"
            r"soros|rothschilds?|bilderberg\w*|freemasons)\b"
        ),
        "conspiracy narrative: events planned by secret elites (the globalists, Gates, Soros)",
        0.8,
    ),
    (
        _rx(
            r"\barea\s*51\b[^.!?\n]{0,40}?\b(?:aliens?|ufos?|hiding|hidden|cover\w*)\b"
            r"|\b(?:hiding|hid|hides|covering\s+up|covered\s+up)\s+(?:the\s+)?(?:existence\s+of\s+)?(?:aliens?|ufos?|"
            r"extraterrestrials?)\b"
        ),
        "conspiracy narrative: aliens hidden by the government",
        0.75,
    ),
    (
        _rx(
            r"\bto\s+(?:enslave|depopulate|sterili[sz]e|microchip|brainwash|cull)\s+(?:us|the\s+(?:population|masses|public|west)|"
            r"humanity|mankind|people|everyone|the\s+human\s+race)\b"
            # the purpose of a plot: control or surveillance of everyone ("rebranded to control us", "so they can
            # track us")
            r"|\b(?:to|so\s+(?:that\s+)?(?:they|he|she|the\s+government|the\s+state)\s+can)\s+(?:track|control|monitor|"
            r"spy\s+on|surveil)\s+(?:us|everyone|every\s+one\s+of\s+us|the\s+(?:population|masses))\b"
            r"|\b(?:to|can)\s+control\s+the\s+weather\b"
            r"|\bweather\s+(?:weapons?|warfare)\b|\bweather\s+(?:control|modification)\s+(?:weapons?|programs?|programmes?)\b|\bhaarp\b"
        ),
        "conspiracy narrative: a plan to enslave or cull the population, or weather weapons",
        0.75,
    ),
    (
        _rx(
            r"\b(?:staged|faked|acted\s+out)\s+(?:\w+\s+){0,2}?(?:with|using|by)\s+(?:paid\s+|crisis\s+)?actors\b|\bcrisis\s+actors?\b"
            r"|\b(?:was|were|has\s+been|had\s+been)\s+(?:secretly\s+)?replaced\s+(?:by|with)\s+(?:an?\s+)?(?:lookalike|body\s+double|"
            r"double|clone|imposter|impostor)s?\b"
            r"|\b(?:scare|crisis|pandemic|outbreak|panic)\s+(?:is|was)\s+(?:being\s+|all\s+|just\s+)?(?:manufactured|engineered|"
            r"invented|fabricated)\s+to\b"
            r"|\b(?:directed|energy)\s+(?:energy\s+)?weapons?\b[^.!?\n]{0,40}\b(?:fires?|started|set|burn\w*)\b"
            r"|\b(?:fires?|blazes?|wildfires?)\s+(?:was|were)\s+(?:\w+\s+)?(?:started|set|caused|lit)\s+(?:\w+\s+)?(?:by|with)\s+(?:an?\s+|the\s+)?"
            r"(?:directed[\s-]+energy|energy\s+weapons?|space\s+lasers?|lasers?\s+from)\b"
        ),
        "conspiracy narrative: events staged with actors, people replaced by doubles, scares manufactured",
        0.75,
    ),
    (
        _rx(
            r"\b(?:hid(?:e|es|ing|den)|suppress\w*|cover(?:s|ed|ing)?\s+up|sitting\s+on|bur(?:y|ies|ied|ying))\s+(?:a\s+|the\s+)?"
            r"cures?\s+(?:for\s+)?(?:cancer|aids|hiv|diabetes|covid|alzheimer'?s|dementia)\b"
            r"|\b(?:was|were)\s+(?:\w+\s+)?(?:sunk|sank|crashed|downed|started|caused|blown\s+up|released|spread)\s+"
            r"(?:on\s+purpose|deliberately|intentionally)\s+to\s+(?:kill|get\s+rid\s+of|silence|cull|justify|distract)\b"
            r"|\b(?:are|is)\s+(?:really\s+|actually\s+|just\s+)?(?:government|cia|fbi|nsa|state)\s+(?:surveillance\s+|spy\s+)?"
            r"(?:drones|robots|spies|cameras)\b"
            r"|\b(?:election|vote|votes|ballots?)\s+(?:was|were)\s+(?:\w+\s+)?rigged\s+by\b"
            r"|\b(?:the\s+)?election\s+(?:was|got)\s+stolen\s+(?:by|with|through)\b|\brigged\s+(?:\w+\s+)?(?:voting\s+)?machines\b"
            r"|\b(?:voting|voter)\s+machines?\s+(?:\w+\s+){0,2}?(?:flipped|switched|deleted|changed)\s+(?:\w+\s+)?votes\b"
        ),
        "conspiracy narrative: hidden cures, disasters caused on purpose, surveillance drones, rigged machines",
        0.75,
    ),
    (
        # the shape of a conspiracy theory without its topic: a shadowy collective, a harmful act, and a purpose
        # against everyone ("the globalists are poisoning the water supply to keep us docile", "they released the
        # virus on purpose to crash the economy"). "On purpose" alone is not enough: people do harm on purpose
        # every day ("they started the fire on purpose, police said"); the purpose must be against the public
        _rx(
            rf"\b{CONSPIRACY_AGENT}\s+(?:\w+\s+){{0,2}}?(?:are\s+|were\s+|have\s+been\s+|had\s+)?(?:poison\w*|releas\w+|spread\w*|"
            r"start\w*|fak\w+|stag\w+|engineer\w*|invent\w*|manufactur\w+|cook\w*\s+up|crash\w*|spray\w*|dump\w*|"
            r"steril\w+|drug\w*|sedat\w+|sicken\w*)\b[^.!?\n]{0,60}?"
            r"(?:\bto\s+(?:keep|make)\s+(?:us|people|everyone|the\s+(?:population|masses|public))\s+(?:docile|sick|dumb|obedient|"
            r"compliant|afraid|scared|quiet|weak|poor|dependent|sedated)\b"
            r"|\bto\s+(?:crash|cull|sicken|depopulate|enslave|starve|terrify|scare|kill|poison|shorten|harm|weaken|destroy)\s+"
            r"(?:us|our\s+\w+|everyone|people|the\s+(?:population|public|masses|economy|middle\s+class|west|country|nation|"
            r"world|human\s+race))\b)"
        ),
        "conspiracy narrative: a hidden collective harming everyone on purpose",
        0.75,
    ),
    (
        _rx(
            rf"\b{CONSPIRACY_AGENT}\s+(?:\w+\s+)?(?:faked|staged)\s+(?:the\s+|all\s+the\s+|every\s+)?(?:\w+\s+){{0,2}}?(?:landings?|"
            r"missions?|attacks?|shootings?|bombings?|pandemic|outbreak|wars?|elections?|deaths?|moon\s+landings?)\b"
            r"|\b(?:killed|murdered|assassinated|silenced|eliminated|taken\s+out|suicided|bumped\s+off)\b[^.!?\n]{0,40}?\bbecause\s+"
            r"(?:s?he|they|he\s+or\s+she)\s+knew\s+too\s+much\b"
            r"|\b(?:pizzagate|qanon|adrenochrome|agenda\s+21|the\s+great\s+reset|the\s+deep\s+state|the\s+new\s+world\s+order|"
            r"the\s+illuminati|chemtrails)\s+(?:is|are|was)\s+(?:(?!not\b|never\b)\w+\s+)?(?:real|true|happening)\b"
            rf"|\b{CONSPIRACY_AGENT}\s+(?:are\s+|is\s+)?(?:all\s+)?(?:protect\w*|cover\w*\s+for)\s+(?:each\s+other|one\s+another)\b"
        ),
        "conspiracy narrative: events faked by a hidden collective, killed for knowing too much, elites covering for each other",
        0.75,
    ),
]
# right after a conspiracy cue: the narrative named as a myth or theory ("the chemtrails myth", "9/11 truth
# conspiracy theories"), i.e. described, not asserted
NAMED_AS_MYTH = _rx(
    r"\s+(?:[\w-]+\s+)?(?:myths?|conspirac(?:y|ies)(?:\s+theor(?:y|ies|ists?))?|theor(?:y|ies)|theorists?|"
    r"rumou?rs?|nonsense|misinformation|disinformation|hoax\s+claims?)\b"
)
# a conspiracy narrative denied: its cue right after "there are no", "nobody is" ... ("there are no lizard people",
# "nobody is hiding a cure"), or followed by "is not real", "does not exist" ("chemtrails are not real")
CONSPIRACY_DENIED_BEFORE = _rx(
    r"\b(?:there\s+(?:is|are|was|were)\s+no|no(?:body|\s+one|-one)\s+(?:is|was|has\s+been|are|were)|nobody|no\s+one|"
    r"no-one)\s+(?:such\s+thing\s+as\s+|secret\s+|real\s+)?$"
)
CONSPIRACY_DENIED_AFTER = _rx(
    r"\s+(?:(?:is|are|was|were)(?:\s+not|n't)\s+(?:real|true|a\s+thing)|(?:do|does|did)(?:\s+not|n't)\s+exist|"
    r"(?:is|are)\s+a\s+myth)\b"
)
# a conspiracy narrative refuted in its own sentence, after it: "claims that ... were rejected by every court",
# "... but the evidence is overwhelming that it happened"
CONSPIRACY_REBUTTED = _rx(
    r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been|been|got|get)\s+(?:\w+\s+)?(?:rejected|dismissed|thrown\s+out|"
    r"debunked|disproven|disproved|refuted|discredited|ruled\s+out)\b"
    # not a rebuttal where the believer says who silenced it ("dismissed by corrupt judges", "discredited by the
    # media", "dismissed as a nutter")
    r"(?!\s+(?:by|as)\s+(?:an?\s+|the\s+|every\s+|our\s+)?(?:\w+\s+)?(?:corrupt|biased|bought|crooked|compromised|captured|"
    r"paid|mainstream|media|press|establishment|globalists?|elites?|shills?|nutters?|crazy|conspiracy|cowards?|puppets?|"
    r"lapdogs?|deep\s+state|government|democrats?|republicans?|liberals?|leftists?)\b)"
    r"|\bevidence\s+(?:is|was)\s+(?:overwhelming|clear|conclusive)\b"
    r"|\b(?:evidence|facts?|science|record|data)\s+(?:shows?|showed|proves?|proved)\s+(?:otherwise|the\s+opposite)\b"
    r"|\bno\s+(?:serious|credible|reputable|sane|reasonable|respectable)\s+(?:person|people|one|scientists?|historians?|"
    r"experts?|researchers?|doctors?)\s+(?:\w+\s+)?(?:accepts?|believes?|buys?|thinks?|agrees?|supports?|credits?|takes?)\b"
)
# a negated verb inside a narrative's match denies it ("5G masts do not spread viruses", "vaccines don't contain
# chips"); not the narrative's own negations ("they don't want you to know", "jet fuel can't melt steel beams"), nor a
# negated copula ("fluoride isn't enough to make us docile")
NARRATIVE_DENIED = _rx(
    r"\b(?:(?:do|does|did|can|could|will|would)(?:\s+not|n'?t)|cannot)\s+(?!(?:want\s+(?:you|us)|tell\s+you|melt)\b)\w+"
)
# a conspiracy narrative described, not asserted: "why people believe the earth is flat", "those who think ..."
CONSPIRACY_REPORTED = _rx(
    r"\b(?:why|how)\s+(?:\w+\s+){0,3}?(?:people|some|many|they|anyone|americans|voters|users)\s+(?:still\s+|came\s+to\s+|"
    r"come\s+to\s+)?(?:believe|think|claim|say|fall\s+for|buy\s+into)\b"
    r"|\b(?:people|those|anyone|supporters|believers|theorists|followers)\s+who\s+(?:still\s+)?(?:believe|think|claim|insist)\b"
    r"|\b\d+\s*(?:%|per\s*cent|percent)\s+(?:of\s+\w+\s+)?(?:believe|think|say|said|agree)\b"
    # belief put in someone else's mouth ("my uncle believes in chemtrails", "voters think"), or a finding
    r"|\b(?!(?:i|we|you)\b)\w+\s+(?:still\s+|really\s+|genuinely\s+|actually\s+)?(?:believes?\s+(?:in|that)|think|thinks|"
    r"is\s+convinced|are\s+convinced|claims?|insists?)\b"
    r"|\b(?:found|finds|shows?|showed|suggests?)\s+that\b"
    r"|\b(?!(?:i|we)\b)\w+\s+(?:keeps|kept|keep)\s+(?:on\s+)?(?:saying|telling\s+\w+|insisting|claiming)\b"
    # a belief held by others in general ("many people believe the moon landing was faked"), or a claim named as
    # the subject of the sentence ("claims that the election was rigged were rejected")
    r"|\b(?:people|folks|americans|britons|voters|millions|plenty|lots\s+of\s+\w+|many|some|others)\s+(?:still\s+|really\s+|"
    r"genuinely\s+|actually\s+|seriously\s+)?(?:believe|think|claim|insist)\b"
    r"|(?:^|[.!?;:]\s*|\b(?:the|these|those)\s+)claims?\s+that\b"
    r"|\b(?:between|and|or|from|of|about|without)\s+(?:\w+\s+)?(?:believing|thinking|claiming|insisting)\b"
)

# ------------------------------------------------------------------------------------------ profanity, insults, spam

PROFANITY = _rx(
    r"\b(?:f+u+c+k+\w*|motherf\w+|sh[i1]t+\w*|bullshit|cunts?|bitch\w*|bastards?|assholes?|arseholes?|dickheads?|"
    r"dicks?|piss(?:ed)?|wank\w*|bollocks|crap|damn(?:ed|it)?|goddamn\w*|twats?|pricks?|f\*+k|s\*+t|wtf|stfu)\b"
)
INSULT = (
    r"(?:idiot\w*|moron\w*|stupid|dumb(?:ass)?|imbecile|cretin|loser|pathetic|scum(?:bag)?|trash|garbage|clown|"
    r"retard(?:ed)?|worthless|disgusting|pig|rat|snake|liar|troll|fool|jerk|coward|freak|degenerate|parasite|"
    r"cunt|bitch|asshole|bastard|dickhead|twat|prick|piece\s+of\s+(?:shit|garbage|trash)|brain[\s-]*dead|"
    r"halfwit|dimwit|nitwit|numpty|muppet|buffoon|simpleton|hypocrite|grifter|shill|weasel|lowlife|dunce|"
    r"nincompoop|tosser|pillock|prat|plonker|bellend|knobhead|brainless|spineless|gutless|"
    r"waste\s+of\s+(?:oxygen|space|skin|air|a\s+life))"
)
HARASSMENT: list[tuple[re.Pattern[str], str, float]] = [
    (
        _rx(
            rf"\b(?:you(?:'re|\s+are)?|u\s+r|ur|your|you\s+(?:little|fucking|stupid|pathetic))\s+(?:such\s+)?(?:an?\s+|a\s+total\s+|a\s+complete\s+|the\s+biggest\s+)?"
            rf"(?:(?:absolute|complete|total|utter|sad|little|pathetic|stupid|ignorant|useless|fucking|bloody|brainless|"
            rf"lying|miserable|dumb|filthy|disgusting|spineless|clueless|sorry|arrogant|smug|worthless)\s+){{0,2}}"
            rf"(?:\w+\s+)?{INSULT}\b"
        ),
        "insult aimed at the person addressed",
        0.85,
    ),
    (
        _rx(
            rf"\b{INSULT}\s+like\s+you\b|\bshut\s+(?:the\s+fuck\s+)?up\b|\bget\s+lost\b|\bnobody\s+(?:asked|cares\s+about)\s+you\b|\bkill\s+yourself\b|\bkys\b"
        ),
        "abuse aimed at the person addressed",
        0.85,
    ),
    (_rx(rf"@\w+\s+(?:is\s+)?(?:an?\s+)?(?:\w+\s+)?{INSULT}\b"), "insult aimed at a named user", 0.8),
    (
        _rx(
            rf"\b(?:the|this|that)\s+(?:author|writer|journalist|reporter|editor|columnist|commenter|poster)"
            rf"(?:\s+who\s+(?:wrote|writes|posted)\s+(?:this|that|it))?\s+(?:is|'s)\s+"
            rf"(?:such\s+)?(?:an?\s+|a\s+total\s+|a\s+complete\s+)?(?:[\w-]+\s+){{0,2}}?(?:{INSULT}|hack)\b"
        ),
        "insult aimed at the author or another commenter",
        0.8,
    ),
    (
        _rx(
            rf"\bwhat\s+an?\s+(?:[\w-]+\s+)?{INSULT}\s+(?:man|woman|person|guy|girl|bloke|lady|creature|individual)\b"
            r"|\bwhat\s+an?\s+(?:[\w-]+\s+)?(?:idiot|moron|imbecile|cretin|loser|clown|fool|jerk|coward|hack|buffoon)\b"
            r"(?!\s+believes)"  # the song
        ),
        "insult aimed at a person ('what a stupid woman')",
        0.8,
    ),
]
URL = _rx(r"\bhttps?://\S+|\bwww\.\S+|\b\S+\.(?:com|net|org|info|biz|ru|xyz|top|io)/\S*")
SPAM: list[tuple[re.Pattern[str], str, float]] = [
    (
        _rx(
            r"\b(?:free\s+(?:money|followers|gift|iphone)|"
            # money promised, not wages ("make $5,000 a week from home", not "I make $20 an hour")
            r"(?:earn|make)\s+(?:up\s+to\s+)?\$?\d[\d,.]*\s*(?:k|usd|dollars|bucks)?\+?\s+(?:a|per|every)\s+(?:day|week|month)\s+"
            r"(?:from\s+(?:home|your\s+\w+)|online|easily|guaranteed|with\s+(?:this|my|our)|working\s+from)|"
            # commerce words alone are everyday speech ("I won't buy their cookies", "cheaper Chinese labour"): they
            # count in a selling shape, or with a link (SPAM_WITH_LINK)
            r"buy\s+(?:now|today|cheap|followers|likes|views|(?:\w+\s+)?online)|cheap\s+(?:viagra|cialis|pills|meds|medications?|"
            r"followers|likes|views|rolex|replicas?|designer\s+\w+)|\d+\s*%\s+off\s+(?:all|every|today|now|with)|"
            r"(?:online|best|new)\s+casinos?|casino\s+(?:bonus|bonuses|games|site|sites|app)|"
            r"(?:earn|make)\s+(?:money|cash|\$?\d+\S*)\s+(?:\w+\s+)?(?:from|working\s+from|at)\s+home|"
            r"click\s+(?:here|the\s+link|my\s+profile|(?=https?://|www\.))|check\s+out\s+my|visit\s+my|"
            # "follow me" as self-promotion ("follow me on insta", "follow me back"), not "don't follow me around"
            r"follow\s+me\s+(?:on|at|back|for|@)|subscribe\s+to\s+my|"
            r"limited\s+offer|promo\s+code|viagra|cialis|crypto\s+(?:signals|investment)|bitcoin\s+(?:investment|doubl\w+)|"
            r"dm\s+me\s+for|whats?app\s*:?\s*\+?\d|hot\s+singles|singles\s+in\s+your\s+area|"
            r"(?:crypto|bitcoin|btc|eth)\s+giveaway|send\s+\d+(?:\.\d+)?\s*(?:btc|eth|bitcoin)\b|"
            r"earn\s+(?:bitcoin|btc|crypto|money|cash)\s+while\s+you\s+sleep|(?:message|text|contact|dm)\s+me\s+on\s+"
            r"(?:telegram|whats?app|signal)\b)"
        ),
        "promotional or scam wording",
        0.7,
    ),
]
# commerce words that are spam only beside a link ("buy it here: http://..."): the stage adds the link's 0.2, so
# such a comment goes to review, not removal
SPAM_WITH_LINK: list[tuple[re.Pattern[str], str, float]] = [
    (
        _rx(r"\b(?:buy|cheap(?:est)?|discount\w*|casinos?|order\s+now|shop\s+now|best\s+price)\b"),
        "commerce wording beside a link",
        0.5,
    ),
]
# counter-speech and negation: a comment that names hate in order to reject it
COUNTER_SPEECH = _rx(
    r"\b(?:is|are|was|that'?s|this\s+is|it'?s)\s+(?:an?\s+|pure\s+|just\s+|blatant(?:ly)?\s+|plain\s+)?(?:antisemitic|anti-semitic|racist|bigoted|"
    r"hateful|islamophobic|homophobic|transphobic|xenophobic|sexist|hate\s+speech|a\s+(?:lie|myth|conspiracy\s+theory|"
    r"trope|canard|slur|smear)|(?:an?\s+)?(?:antisemitic|racist|old|vile|dangerous|ugly|debunked)\s+(?:trope|myth|lie|canard|"
    r"conspiracy\s+theory|slur|smear))\b"
    r"|\b(?:stop|quit)\s+(?:saying|spreading|repeating|claiming)\b"
    r"|\b(?:antisemitic|anti-semitic|racist|islamophobic|homophobic|bigoted)\s+(?:trope|myth|lie|canard|conspiracy\s+theory|slur|smear)s?\b"
    r"|\b(?:the|this|that)\s+(?:myth|lie|trope|canard|claim|idea|conspiracy\s+theory)\s+that\b"
    r"|\b(?:i|we)\s+(?:reject|condemn|oppose|refuse\s+to\s+accept)\b"
    r"|\b(?:debunk\w*|no\s+(?:\w+\s+)?evidence\s+(?:at\s+all\s+|whatsoever\s+)?(?:that|of|for)|"
    r"it\s+is\s+(?:false|untrue|nonsense)\s+that)\b"
    r"|\b(?:calling|saying|claiming|suggesting|labell?ing|branding)\b[^.!?\n]{0,60}?\b(?:is|was)\s+(?:\w+\s+){0,6}?"
    r"(?:hate|hateful|racist|bigot\w*|wrong|disgusting|islamophob\w*|antisemit\w*|ignorant|prejudice\w*|xenophob\w*)\b"
    r"|\b(?:nobody|no\s+one|no-one)\s+(?:should|must|can)\s+(?:ever\s+)?(?:call|label|describe)\b"
    r"|\b(?:shouldn'?t|should\s+not|should\s+never|must\s+not|mustn'?t|never)\s+(?:call|label|describe)\b"
    r"|\b(?:people|those|anyone|whoever)\s+(?:who\s+)?(?:says?|claims?|thinks?|believes?)\b[^.!?\n]{0,80}\b(?:are|is)\s+"
    r"(?:simply\s+|just\s+|clearly\s+|plainly\s+|so\s+|an?\s+)?(?:wrong|racist|antisemitic|bigot(?:s|ed)?|ignorant|"
    r"spreading\s+(?:hate|hatred|lies|bigotry|racism|misinformation))\b"
    r"|\b(?:not\s+all|it(?:'s|\s+is)\s+wrong\s+to\s+(?:say|think|claim))\b"
)
# what hateful statements say about a group: dehumanising, demeaning or exclusionary words. A model score for
# hate counts only when one of these, a slur or a trope is present (or the score is very high): naming a group
# is not attacking it.
NEGATIVE_PREDICATE = _rx(
    r"\b(?:vermin|rats?|cockroach\w*|parasit\w+|diseases?|plague|cancer|virus|animals?|beasts?|savages?|apes?|"
    r"monkeys?|pigs?|dogs|filth\w*|dirty|scum|trash|garbage|subhuman|inferior|stupid|dumb|evil|disgusting|"
    r"criminals?|terrorists?|rapists?|thie(?:f|ves)|invaders?|invasion|breed\w*|infest\w*|hate|despise|"
    r"go\s+back|go\s+home|send\s+(?:them|\w+)\s+back|get\s+(?:them|em|'em)\s+out|not\s+welcome|out\s+of\s+(?:our|my)\s+country|"
    r"extinction|deport\w*|ban(?:ned)?|kick\w*\s+out|get\s+rid|wipe\w*\s+out|exterminat\w+|don'?t\s+belong|"
    r"should\s+not\s+(?:be\s+allowed|vote|exist|have)|shouldn'?t\s+(?:be\s+allowed|vote|exist|have)|"
    r"can'?t\s+be\s+trusted|never\s+trust|greedy|liars?|lying|sneaky|cheat\w*|weak|useless|worthless|"
    r"ruin\w*|destroy\w*|poison\w*|degenerat\w+|perver\w+|freaks?|mentally\s+ill|sick|burden|leech\w*|"
    r"all\s+the\s+same|typical|those\s+people|their\s+kind|your\s+kind)\b"
)
# what speaks well of a group, or the speaker counting themselves in it ("we're queer", "as a Muslim"): where
# nothing hostile is said, either of these keeps a model score for hate a hint ("Muslims are welcome here")
POSITIVE_PREDICATE = _rx(
    r"\b(?:welcome[ds]?|enrich\w*|stronger|richer|contribut\w+|celebrat\w+|proud|respect(?:ed|ful)?|admire\w*|"
    r"love(?:ly|s)?|brilliant|wonderful|amazing|kind(?:est)?|generous|talented|valued|thank\w*|"
    r"(?:the\s+)?(?:best|nicest|friendliest|loveliest|finest)|good\s+(?:neighbou?rs|people|friends)|"
    r"deserve\w*\s+(?:equal|the\s+same|respect|dignity|rights|better|safety|to\s+(?:live|be\s+safe|be\s+treated|vote|marry))|"
    r"equal\s+(?:rights|pay|treatment)|human\s+rights|belong\s+here|are\s+(?:people|human|our\s+neighbou?rs))\b"
)
SELF_IDENTIFICATION = _rx(
    r"\b(?:i'?m|i\s+am|we'?re|we\s+are|as\s+an?|being|my\s+(?:fellow|own))\s+(?:a\s+|an\s+)?(?:proud(?:ly)?\s+|also\s+|"
    r"openly\s+)?(?:\w+\s+)?(?:jew(?:ish)?|muslim|black|gay|lesbian|queer|trans|bi(?:sexual)?|immigrant|refugee|"
    r"woman|women|disabled|christian|hindu|sikh|roma|asian|latin[oa]|mexican|arab)\b"
)
NEGATION = _rx(r"\b(?:not|n't|never|no\s+longer|hardly)\b|\b(?:isn|aren|wasn|weren|don|doesn|didn)'?t\b")
AGREEMENT = _rx(
    r"^\s*(?:exactly|agreed?|so\s+true|this|yes|yep|100\s*%|\+1|well\s+said|spot\s+on|absolutely|true|correct|amen|"
    r"couldn'?t\s+agree\s+more|right\s+on|preach)\b"
)
THEY = _rx(r"\b(?:they|them|their|these\s+people|those\s+people)\b")

# which of the patterns above can match a comment, found in one pass (see screen.py): the stage runs only those
SCREEN = Screen(
    [rx for family in (ANTISEMITIC_TROPES, VIOLENCE, CONSPIRACY, HARASSMENT, SPAM) for rx, *_ in family]
    + list(GROUPS.values())
    + [COUNTER_SPEECH, SLURS, JEWISH_TERM, JEWISH_TOPIC, NEGATIVE_PREDICATE, POSITIVE_PREDICATE]
    + [SELF_IDENTIFICATION, VIOLENCE_IDIOMS, REPORTED_VIOLENCE, PROFANITY, URL, AGREEMENT]
)


def names_a_group(text: str) -> bool:
    """Whether any of GROUPS is named in the text (most comments name none: the screen then runs no group pattern)."""
    scan = SCREEN(text)
    return any(scan.search(rx) is not None for rx in GROUPS.values())
