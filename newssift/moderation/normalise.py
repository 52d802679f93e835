"""Obfuscated comments read as they are meant, with a map back to what was written (issue 37).

``normalise(text)`` undoes the common ways of writing a word so that filters miss it, and returns the text the
moderation model and rules read together with an offset map: every span of the normalised text maps back to a span
of the original, so evidence is shown where the commenter wrote it. Undone, in this order:

1. characters: zero-width and bidi controls dropped (a zero-width joiner only next to a Latin letter or digit, not
   inside an emoji sequence); stacked or overlaid combining marks dropped ("k̶i̶l̶l̶"); letters in compatibility
   forms (fullwidth "ｋｉｌｌ", mathematical "𝐤𝐢𝐥𝐥", circled "ⓚ") folded to ASCII by NFKC. Other NFKC changes
   ("…", "²", "™") are left alone, so ordinary text stays as it is.
2. homoglyphs: Cyrillic and Greek letters that look like Latin ones, inside a word that also has Latin letters
   ("јеws" with a Cyrillic "ј" and "е"); a word all of look-alikes only where it spells a listed word.
3. spaced letters: three or more single letters with the same separator ("k i l l", "k.i.l.l", "k-i-l-l") joined.
   Not where every letter is a common one-letter word ("u r a"); a dotted run of capitals ("U.S.A.") only where it
   spells a listed word.
4. words: leetspeak digits and symbols (0 o, 1 i, 3 e, 4 a, 5 s, 7 t, @ a, $ s, ! i) between letters of a word
   ("k1ll", "sh!t"; not "2024", "$5", "5G", "mp3", "covid19", "H1N1"); at a word's edge ("@ss", "a$$") and masked
   letters ("f*ck", "f**k", "n****r") only where that spells a word of the masked list; three or more of one letter
   cut to one or two ("fuuuuck"; the listed word where one is spelled, else two of letters English doubles);
   accents stripped only where that spells a listed word ("nìgger"); one dropped or two swapped letters ("muder",
   "mruder") only against a short list of slurs, killing verbs and group names, for words of five letters or more.

The lists, each with its reason, are in newssift/data/moderation/obfuscation.json. Words in URLs, e-mail addresses
and @mentions are not repaired (step 4). Every step is linear in the length of the text.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "moderation" / "obfuscation.json"

_Edit = tuple[int, int, str]  # replace text[a:b] (b > a) by the string


@dataclass(frozen=True, slots=True)
class Normalised:
    """The normalised *text* of *original*. ``starts[i]``, ``ends[i]``: the span of the original that character i
    of *text* came from (None for both when nothing changed)."""

    text: str
    original: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    @property
    def changed(self) -> bool:
        return self.starts is not None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original that [start, end) of the normalised text came from. An empty span maps to an
        empty span at the original position of its character (the original's end past the last one)."""
        if self.starts is None or self.ends is None:
            return start, end
        n = len(self.text)
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        if start == end:
            pos = self.starts[start] if start < n else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        return [self.span(a, b) for a, b in spans]


# ----------------------------------------------------------------------------------------------------- word lists


@dataclass(frozen=True, slots=True)
class _Lists:
    # masked words by (length, position, letter there), in the file's order: a masked spelling is restored to the
    # first word that fits
    by_letter: dict[tuple[int, int, str], tuple[str, ...]]
    words: frozenset[str]  # every listed word (masked and near_miss): what a guided repair may produce
    near: dict[str, str]  # a spelling one dropped or swapped letter from a near_miss word -> that word


def _near_variants(word: str) -> set[str]:
    out = {word[:i] + word[i + 1 :] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1) if word[i] != word[i + 1]}
    return {v for v in out if len(v) >= 5}


@functools.cache
def _lists() -> _Lists:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    masked = tuple(dict.fromkeys(w.lower() for group in data["masked"] for w in group["words"]))
    near_words = [w.lower() for group in data["near_miss"] for w in group["words"]]
    words = frozenset(masked) | frozenset(near_words)
    real = {w.lower() for w in data.get("real_words", [])}
    near: dict[str, str] = {}
    for word in near_words:
        for v in sorted(_near_variants(word)):
            if v not in words and v not in real:
                near.setdefault(v, word)
    by_letter: dict[tuple[int, int, str], list[str]] = {}
    for w in masked:
        for i, c in enumerate(w):
            by_letter.setdefault((len(w), i, c), []).append(w)
    return _Lists({k: tuple(v) for k, v in by_letter.items()}, words, near)


# -------------------------------------------------------------------------------------------------- 1. characters

_ZERO_WIDTH_JOINERS = "\u200c\u200d"
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
)
_OVERLAYS = frozenset(chr(c) for c in range(0x0334, 0x0339)) | {"\u0332", "\u0333", "\u20d2", "\u20e5"}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _is_mark(c: str) -> bool:
    return "\u0300" <= c <= "\u036f" or "\u20d0" <= c <= "\u20ff"


def _ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


@functools.lru_cache(maxsize=4096)
def _fold(c: str) -> str | None:
    """The ASCII a compatibility form of a letter or digit stands for ("ｋ", "𝐤", "ⓚ" -> "k"), or None."""
    o = ord(c)
    if o < 0x100:
        return None  # Latin-1 ("ª", "²", "µ") is ordinary text
    folded = unicodedata.normalize("NFKC", c)
    if folded == c or not folded.isascii():
        return None
    if 0xFF01 <= o <= 0xFF5E:
        return folded  # fullwidth ASCII, punctuation included
    cat = unicodedata.category(c)
    if cat.startswith("L") or cat == "Nd":
        return folded if folded.isalnum() and len(folded) <= 3 else None
    if cat == "So":
        return folded if len(folded) == 1 and folded.isalnum() else None  # "ⓚ", not "™"
    return None


def _char_edits(text: str) -> list[_Edit]:
    if text.isascii():
        return []
    edits: list[_Edit] = []
    n = len(text)
    for m in _NON_ASCII.finditer(text):
        i, c = m.start(), m.group(0)
        if c in _INVISIBLE:
            edits.append((i, i + 1, ""))
        elif c in _ZERO_WIDTH_JOINERS:
            if (i > 0 and _ascii_alnum(text[i - 1])) or (i + 1 < n and _ascii_alnum(text[i + 1])):
                edits.append((i, i + 1, ""))
        elif _is_mark(c):
            stacked = (i > 0 and _is_mark(text[i - 1])) or (i + 1 < n and _is_mark(text[i + 1]))
            if c in _OVERLAYS or stacked:
                edits.append((i, i + 1, ""))
        elif (folded := _fold(c)) is not None:
            edits.append((i, i + 1, folded))
    return edits


# -------------------------------------------------------------------------------------------------- 2. homoglyphs

_HOMOGLYPHS = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "ɡ": "g", "ո": "n", "ս": "u",
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "I", "Ј": "J", "Һ": "H", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "ω": "w",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin look-alikes outside ASCII
    "ı": "i", "ȷ": "j", "ß": "ss",
}  # fmt: skip
_HOMOGLYPH = re.compile("[" + "".join(k for k in _HOMOGLYPHS if len(k) == 1) + "]")
_LETTERS = re.compile(r"[^\W\d_]+")


def _homoglyph_edits(text: str) -> list[_Edit]:
    if text.isascii() or _HOMOGLYPH.search(text) is None:
        return []
    edits: list[_Edit] = []
    for m in _LETTERS.finditer(text):
        word = m.group(0)
        if word.isascii() or _HOMOGLYPH.search(word) is None:
            continue
        foreign = [c for c in word if not c.isascii()]
        if not all(c in _HOMOGLYPHS for c in foreign):
            continue  # a word of another script (Russian, Greek) with no Latin letters but look-alikes
        latin = "".join(_HOMOGLYPHS.get(c, c) for c in word)
        if len(foreign) == len(word) and latin.lower() not in _lists().words:
            continue  # all look-alikes: Latin only where it spells a listed word
        if "ß" in word:
            continue  # German, not a disguise
        edits += [(m.start() + k, m.start() + k + 1, _HOMOGLYPHS[c]) for k, c in enumerate(word) if c in _HOMOGLYPHS]
    return edits


# ----------------------------------------------------------------------------------------------- 3. spaced letters

_SINGLE = r"[A-Za-z0-9@$!]"
# a run of dots, dashes or stars ends where no word follows its separator ("I-G-G-BYE" is not a spaced-out "IGG")
_SPACED = re.compile(
    rf"(?<![A-Za-z0-9@$!*'])({_SINGLE})( +|[.\-_*·])(?:{_SINGLE}\2){{1,}}{_SINGLE}"
    rf"(?![A-Za-z0-9@$!*']|\2(?<=[.\-_*·])[A-Za-z0-9])"
)
# "u r a", "c u", "y n": text-speak; "i m", "it s", "don t": contractions with the apostrophe lost
_ONE_LETTER_WORDS = frozenset("aiurynocbkxmstd")


def _spaced_edits(text: str) -> list[_Edit]:
    edits: list[_Edit] = []
    for m in _SPACED.finditer(text):
        sep = m.group(2)
        singles = m.group(0).split(sep)
        letters = [c for c in singles if c.isalpha()]
        if len(letters) < 2:
            continue
        joined = "".join(singles)
        words = _lists().words
        listed = joined.lower() in words or _leet_word(joined) in words
        if len(letters) < len(singles) and not listed:
            continue  # digits among them ("the 7 0 p e"): only where they spell a listed word ("k 1 l l")
        if sep.startswith(" ") and all(c.lower() in _ONE_LETTER_WORDS for c in letters) and not listed:
            continue
        if sep == "." and joined.isupper() and not listed:
            continue  # an abbreviation ("U.S.A.")
        start = m.start()
        if sep.startswith(" ") and singles[0] in ("a", "A", "I") and len(singles) >= 4:
            rest = "".join(singles[1:])
            if not listed:
                # "a f a g", "I h a t e": the article or pronoun before a spaced-out word stays a word
                start = m.start() + 1 + len(sep)
                joined = rest
        edits.append((start, m.end(), joined))
    return edits


# ---------------------------------------------------------------------------------------------------------- 4. words

_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
_MASKS = frozenset("*#%_@$!")
_TOKEN = re.compile(r"[\w@$!*#%]+")
# left as written: URLs, e-mail addresses and @mentions
# (each alternative starts only where a run of its characters starts: linear, not quadratic, on "a.a.a.a...")
_PROTECTED = re.compile(
    r"\bhttps?://\S+|\bwww\.\S+|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|biz|ru|xyz|top|io|co|uk|de)/\S*"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.I,
)
_REPEAT = re.compile(r"([A-Za-z])\1{2,}")
_DOUBLED = frozenset("bcdeflmnoprstz")  # letters English doubles ("good", "kill", "ass"); others cut to one
_MAX_WORD = 40


def _leet_word(core: str) -> str:
    return "".join(_LEET.get(c, c) for c in core.lower())


def _case(word: str, like: str) -> str:
    """*word* (lower case) in the case of *like*: all capitals, capitalised, or lower."""
    letters = [c for c in like if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if letters and letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word


def _unmask(core: str) -> str | None:
    """The first masked-list word that *core* ("f*ck", "f**k", "n****r", "sh!t") spells with its masks filled."""
    low = core.lower()
    if len(low) < 3:
        return None
    first = next((i for i, c in enumerate(low) if c not in _MASKS), None)
    if first is None or not any(c in _MASKS for c in low):
        return None
    for word in _lists().by_letter.get((len(low), first, _LEET.get(low[first], low[first])), ()):
        if all(c == w or c in _MASKS or _LEET.get(c) == w for c, w in zip(low, word, strict=True)):
            return word
    return None


def _inner_leet(core: str) -> str | None:
    """*core* with leetspeak digits and symbols between letters read as letters ("k1ll", "n1gg3r", "sh!t")."""
    letters = [c for c in core if c.isascii() and c.isalpha()]
    if len(letters) < 2 or any(c.isdigit() and c not in _LEET for c in core):
        return None  # one letter, or a digit that is no letter's stand-in ("covid19", "b2b", "a3f9c2")
    if any(c.isdigit() for c in core) and all(c.isupper() for c in letters) and len(letters) <= 3:
        return None  # a code ("H1N1", "MH17")
    upper = all(c.isupper() for c in letters)
    out = list(core)
    i, n = 0, len(core)
    changed = False
    while i < n:
        if core[i] not in _LEET:
            i += 1
            continue
        j = i
        while j < n and core[j] in _LEET:
            j += 1
        # a run of at most two stand-ins with a letter on each side
        if i > 0 and j < n and j - i <= 2 and core[i - 1].isalpha() and core[j].isalpha():
            for k in range(i, j):
                out[k] = _LEET[core[k]].upper() if upper else _LEET[core[k]]
            changed = True
        i = j
    return "".join(out) if changed else None


def _collapse(word: str) -> str | None:
    """*word* (ASCII letters) with runs of three or more of one letter cut: to a listed word where that spells one,
    else to two of a letter English doubles and one of any other ("fuuuuck" -> "fuck", "sooooo" -> "soo")."""
    low = word.lower()
    if len(set(low)) == 1:
        return None  # "zzz", "aaaa"
    # not "www", nor three capitals ("VIII", "XXXL")
    runs = [
        m for m in _REPEAT.finditer(word) if len(m.group(0)) > 3 or not (m.group(1) in "wW" or m.group(0).isupper())
    ]
    if not runs:
        return None

    def build(keep: list[int]) -> str:
        out, pos = [], 0
        for m, k in zip(runs, keep, strict=True):
            out += [word[pos : m.start()], m.group(0)[:k]]
            pos = m.end()
        return "".join(out) + word[pos:]

    if len(runs) <= 3:
        for mask in range(1 << len(runs)):
            cand = build([2 if mask >> k & 1 else 1 for k in range(len(runs))])
            if cand.lower() in _lists().words:
                return cand
    return build([2 if m.group(1).lower() in _DOUBLED else 1 for m in runs])


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _fix_word(core: str) -> str | None:
    """The word *core* (a token of letters, digits and @$!*#%_) is meant as, or None where it is as meant."""
    if len(core) > _MAX_WORD:
        return None
    lists = _lists()
    if core.isalpha():
        if core.isascii() and _REPEAT.search(core) is None:  # the common case: a plain word
            low = core.lower()
            return _case(lists.near[low], core) if low in lists.near else None
        if not core.isascii():
            plain = _strip_accents(core)
            low = plain.lower()
            if plain.isascii() and plain != core and (low in lists.words or low in lists.near):
                return _case(lists.near.get(low, low), core)
            return None
        word = _collapse(core) or core
        low = word.lower()
        if low in lists.near:
            return _case(lists.near[low], core)
        return word if word != core else None
    # letters with digits or symbols
    if not any(c.isalpha() for c in core):
        return None
    leet = _leet_word(core)
    if leet in lists.words and not core.isdigit():
        return _case(leet, core)  # "@ss", "a$$", "1d10t"
    if core.startswith(("@", "#")):
        return None  # a mention or a hashtag
    unmasked = _unmask(core)
    if unmasked is not None:
        return _case(unmasked, core)
    inner = _inner_leet(core)
    if inner is None or not inner.isalpha() or not inner.isascii():
        return inner
    fixed = _fix_word(inner)
    return fixed if fixed is not None else inner


def _word_edits(text: str) -> list[_Edit]:
    protected = [m.span() for m in _PROTECTED.finditer(text)] if ("@" in text or "." in text) else []
    p = 0
    edits: list[_Edit] = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        while p < len(protected) and protected[p][1] <= start:
            p += 1
        if p < len(protected) and protected[p][0] < end:
            continue
        token = m.group(0)
        core_end = len(token.rstrip("!")) or len(token)  # a trailing "!" is punctuation ("shit!"), unless it spells
        if core_end < len(token) and _leet_word(token) in _lists().words:  # a listed word ("sh!!")
            core_end = len(token)
        fixed = _fix_word(token[:core_end])
        if fixed is not None and fixed != token[:core_end]:
            edits.append((start, start + core_end, fixed))
    return edits


# ------------------------------------------------------------------------------------------------------------ all

_STAGES: tuple[Callable[[str], list[_Edit]], ...] = (_char_edits, _homoglyph_edits, _spaced_edits, _word_edits)


def _apply(text: str, starts: list[int], ends: list[int], edits: list[_Edit]) -> tuple[str, list[int], list[int]]:
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for a, b, rep in edits:
        out.append(text[pos:a])
        new_starts += starts[pos:a]
        new_ends += ends[pos:a]
        if len(rep) == b - a:  # one character for one: each keeps its own place
            new_starts += starts[a:b]
            new_ends += ends[a:b]
        elif rep:
            new_starts += [starts[a]] * len(rep)
            new_ends += [ends[b - 1]] * len(rep)
        elif new_ends and all(_is_mark(c) for c in text[a:b]):
            new_ends[-1] = ends[b - 1]  # a combining mark dropped belongs to the letter before it ("k̶")
        out.append(rep)
        pos = b
    out.append(text[pos:])
    new_starts += starts[pos:]
    new_ends += ends[pos:]
    return "".join(out), new_starts, new_ends


def normalise(text: str) -> Normalised:
    """*text* with obfuscation undone (see the module's doc), and the map from its offsets to *text*'s."""
    cur = text
    starts: list[int] | None = None
    ends: list[int] | None = None
    for stage in _STAGES:
        edits = stage(cur)
        if not edits:
            continue
        if starts is None or ends is None:
            starts, ends = list(range(len(cur))), list(range(1, len(cur) + 1))
        cur, starts, ends = _apply(cur, starts, ends, edits)
    if cur == text or starts is None or ends is None:
        return Normalised(text, text)
    return Normalised(cur, text, tuple(starts), tuple(ends))
