"""Credits and publisher clues in page text: who wrote it originally, who publishes it.

Credits are read only where pages state them — a byline naming an outlet ("By Russia Today"), a wire dateline
("WASHINGTON (Reuters) -", "MOSCOW, July 3. /TASS/."), a source line ("Source: RT", "This article originally
appeared on ...", "Originally published by Ukrainska Pravda", "Reporting by ...; Editing by ..."). No credit line,
no credit: nothing is guessed. The source-line phrases are data (``data/sources/credit_lines.yaml``); the name
after one is the longest run of words the registry knows. "According to Interfax" credits a fact, not the text,
and is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import yaml

from newssift.provenance.registry import Registry, get_registry


@dataclass(frozen=True, slots=True)
class Clue:
    name: str  # canonical outlet name
    domain: str
    start: int  # evidence span in the text
    end: int
    how: str


_WIRE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?,?\s*)?"
    r"\((?P<name>[A-Z][A-Za-z .&-]{1,40}?)\)\s*[-—–]",
    re.M,
)
_TASS = re.compile(r"/\s*(?P<name>TASS|ITAR-TASS)\s*/")
_NAME = r"(?P<name>(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?|[^\n.,;()]{2,60})"


def _phrases(kind: str) -> str:
    data = yaml.safe_load((resources.files("newssift") / "data" / "sources" / "credit_lines.yaml").read_text("utf-8"))
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(data[kind], key=len, reverse=True))


# source lines (data/sources/credit_lines.yaml): "Source: RT" opening a line; "This article was originally
# published by ..." anywhere
_LINE = re.compile(rf"^[ \t]*(?:{_phrases('line')})\s*:?\s*{_NAME}", re.I | re.M)
_SENTENCE = re.compile(rf"(?<![\w-])(?:{_phrases('sentence')})\s*:?\s*{_NAME}", re.I)
_BYLINE = re.compile(r"^(?:by|from)\s+(?P<name>.{2,80})$", re.I)
_REUTERS_TAIL = re.compile(r"\((?:additional\s+)?reporting\s+by\b[^)]{0,200}(?:editing\s+by)[^)]{0,200}\)", re.I)


def _resolve(reg: Registry, raw: str, prefix: bool = False) -> tuple[str, str, int] | None:
    """The outlet (canonical name, domain) a credited name stands for, and where the name ends in ``raw``: the
    longest run of leading words the registry knows ("Ukrainska Pravda" of "Ukrainska Pravda on 12 March"), or a
    domain ("rt.com", "https://www.rt.com/..."). Without ``prefix`` the whole of ``raw`` must be the name (a byline
    "By Ria Petrova" is a person, not RIA Novosti)."""
    words = list(re.finditer(r"\S+", raw))
    for n in range(len(words), 0 if prefix else len(words) - 1, -1):
        name = raw[words[0].start() : words[n - 1].end()].strip("“”\"'’‘").rstrip(":").strip()
        hit = reg.name_for(name)
        if hit is None and name.lower().startswith("the "):
            hit = reg.name_for(name[4:])
        if hit is not None:
            return (*hit, words[n - 1].end())
    name = raw.strip().strip("“”\"'’‘").rstrip(":").strip()
    if re.fullmatch(r"(?:https?://)?(?:www\.)?[a-z0-9.-]+\.[a-z]{2,}(?:/\S*)?", name, re.I):
        info = reg.lookup(name)
        if info.domain:
            return (info.name or info.domain, info.domain, len(raw.rstrip()))
    return None


def find_credits(text: str, regions: list[tuple[int, int]], byline: tuple[int, int] | None) -> list[Clue]:
    """Credited origins stated in the byline and in the given regions (article and boilerplate spans)."""
    reg = get_registry()
    found: list[Clue] = []
    if byline is not None:
        m = _BYLINE.match(text, byline[0], byline[1])
        if m:
            hit = _resolve(reg, m.group("name"))
            if hit:
                found.append(Clue(hit[0], hit[1], m.start("name"), m.start("name") + hit[2], "byline"))
    for a, b in regions:
        for rx, how in (
            (_WIRE, "wire dateline"),
            (_TASS, "wire dateline"),
            (_LINE, "source line"),
            (_SENTENCE, "source line"),
        ):
            for m in rx.finditer(text, a, b):
                hit = _resolve(reg, m.group("name"), prefix=rx in (_LINE, _SENTENCE))
                if hit and not any(c.start <= m.start("name") < c.end for c in found):
                    found.append(Clue(hit[0], hit[1], m.start("name"), m.start("name") + hit[2], how))
        for m in _REUTERS_TAIL.finditer(text, a, b):
            found.append(Clue("Reuters", "reuters.com", m.start(), m.end(), "Reuters reporting credit"))
    return found


def _alias_pattern(reg: Registry) -> re.Pattern[str]:
    names = sorted(reg.names, key=len, reverse=True)
    parts = []
    for n in names:
        if len(n) <= 3:  # abbreviations only as written in capitals: "VT", "AP", "RT"
            parts.append(rf"(?-i:{re.escape(n.upper())})")
        else:
            parts.append(re.escape(n))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I)


_ALIASES: re.Pattern[str] | None = None


def publisher_clues(text: str, regions: list[tuple[int, int]]) -> list[Clue]:
    """Outlet names in publisher text (boilerplate): "About VT", "non-VT sources", "© 2024 Example News"."""
    global _ALIASES
    reg = get_registry()
    if _ALIASES is None:
        _ALIASES = _alias_pattern(reg)
    clues = []
    for a, b in regions:
        for m in _ALIASES.finditer(text, a, b):
            hit = reg.name_for(m.group(0))
            if hit:
                clues.append(Clue(hit[0], hit[1], m.start(), m.end(), "named in publisher boilerplate"))
    return clues


_CITED: re.Pattern[str] | None = None


def _cited_pattern(reg: Registry) -> re.Pattern[str]:
    names = _alias_pattern(reg).pattern.removeprefix(r"(?<![\w-])(?:").removesuffix(r")(?![\w-])")
    agency = r"(?:\s+(?:news\s+)?agency)?"
    return re.compile(
        rf"(?<![\w-])(?:(?:{_phrases('cited_before')})\s+(?:the\s+)?(?P<a>{names}){agency}(?![\w-])"
        rf"|(?:the\s+)?(?P<b>{names}){agency}\s*,?\s+(?:{_phrases('cited_after')})(?![\w-]))",
        re.I,
    )


def find_citations(text: str) -> list[Clue]:
    """Outlets a passage gives as the source of what it reports ("told TASS", "according to Interfax", "RIA
    Novosti reported"; phrases in ``data/sources/credit_lines.yaml``). A citation credits the passage, not the
    text: ``find_credits`` does not read them."""
    global _CITED
    reg = get_registry()
    if _CITED is None:
        _CITED = _cited_pattern(reg)
    found = []
    for m in _CITED.finditer(text):
        group = "a" if m.group("a") else "b"
        hit = reg.name_for(m.group(group))
        if hit and m.group(group)[0].isupper():  # a name as written: "the Guardian said", not "a guardian said"
            found.append(Clue(hit[0], hit[1], m.start(group), m.end(group), "cited as the source"))
    return found
