"""Screening: which of the lexicon's patterns can match a text, found in one pass, so the stage runs only those.

Most comments match none of the lexicon's ~75 patterns, yet running each of them over each comment was most of the
stage's time. Any match of a pattern contains at least one of a few literal strings read off its parse tree
("kike" for ``\\bkikes?\\b``; "control", "own" or "run" for "Jews (control|own|run) ..."). One Aho-Corasick
automaton (pyahocorasick) finds every such literal of every pattern in the text at once, and a pattern none of whose
literals occur cannot match, so it is not run. A pattern with no literal that must occur (``\\w+@\\w+``) always runs.

The screen is sound, not approximate: it never skips a pattern that would have matched the whole text
(``tests/test_screen.py`` checks this on the shared datasets and on every code point case-folding could touch).
It only answers for the whole text; a search from a position (``rx.search(text, pos, endpos)``) can match where the
whole-text search would not (``$`` and ``\\b`` at endpos), so those are run as before.

Case: literals and the text are both lower-cased, which is at least as permissive as ``re.IGNORECASE``; the few
non-ASCII letters that ``re.IGNORECASE`` equates with ASCII ones (the dotless and dotted i, the long s, the Kelvin
sign) are mapped to them first, and a cased non-ASCII letter in a pattern is not used as a literal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from re import _parser as sre  # type: ignore[attr-defined]  # re's own parser, and the opcodes of its parse tree
from typing import Any, TypeVar

import ahocorasick

_E = TypeVar("_E", bound=tuple[Any, ...])
_Req = frozenset[str] | None  # literals of which any match contains one; None: none known
_CAP = 64  # most alternatives kept when expanding a run of fixed strings ("jews?" -> {"jew", "jews"})
_MIN_LEN = 2  # a literal shorter than this occurs in nearly every text: no use as a requirement

# non-ASCII characters that re.IGNORECASE matches to an ASCII letter; str.lower() would not map them to it
# (U+0130 lower-cases to two characters, "i" and a combining dot)
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """The text as the screen reads it: ASCII-lower-cased, with re.IGNORECASE's non-ASCII equivalents folded."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


def _char(code: int) -> str | None:
    c = chr(code)
    if c.isascii() or (c.lower() == c and c.upper() == c):
        return c.lower()
    return None  # a cased non-ASCII letter: re.IGNORECASE may match it to letters that lower() does not give


_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _exact(op: Any, av: Any) -> set[str] | None:
    """The strings one item matches when they are few and fixed ("s?" -> {"", "s"}); None otherwise."""
    if op is sre.LITERAL:
        c = _char(av)
        return None if c is None else {c}
    if op is sre.AT or op is sre.ASSERT or op is sre.ASSERT_NOT:
        return {""}  # zero-width: the literals on either side are still adjacent
    if op is sre.IN:
        out = set()
        for sub_op, sub_av in av:
            c = _char(sub_av) if sub_op is sre.LITERAL else None
            if c is None:
                return None  # a range, category or negation: too many strings
            out.add(c)
        return out if len(out) <= 8 else None
    if op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
        return _exact_seq(av[-1] if op is sre.SUBPATTERN else av)
    if op is sre.BRANCH:
        out = set()
        for alt in av[1]:
            s = _exact_seq(alt)
            if s is None:
                return None
            out |= s
        return out if len(out) <= _CAP else None
    if op in _REPEATS:
        lo, hi, sub = av
        s = _exact_seq(sub)
        if s is None or hi > 1:
            return None
        return s | {""} if lo == 0 else s
    return None


def _exact_seq(items: Iterable[tuple[Any, Any]]) -> set[str] | None:
    out = {""}
    for op, av in items:
        s = _exact(op, av)
        if s is None:
            return None
        out = {a + b for a in out for b in s}
        if len(out) > _CAP:
            return None
    return out


def _better(a: _Req, b: _Req) -> _Req:
    """Of two requirements, the more selective: longer shortest literal, then fewer literals."""
    if a is None:
        return b
    if b is None:
        return a
    ka = (min(map(len, a)), -len(a))
    kb = (min(map(len, b)), -len(b))
    return a if ka >= kb else b


def _run(strings: set[str]) -> _Req:
    return frozenset(strings) if strings and min(map(len, strings)) >= _MIN_LEN else None


def _req_seq(items: Iterable[tuple[Any, Any]]) -> _Req:
    """Literals of which any match of the concatenation *items* contains one (the best such set found)."""
    best: _Req = None
    run: set[str] = {""}  # the fixed strings the items since the last variable one can spell
    for op, av in items:
        if op in _REPEATS and av[0] >= 1 and av[1] > 1:
            once = _exact_seq(av[2])
            if once is not None and len(run) * len(once) <= _CAP and "" not in once:
                # "x+": the first copy follows what came before, the last one precedes what comes after
                best = _better(best, _run({a + b for a in run for b in once}))
                run = set(once)
                continue
        s = _exact(op, av)
        if s is not None and len(run) * len(s) <= _CAP:
            run = {a + b for a in run for b in s}
            continue
        best = _better(best, _run(run))
        run = {""}
        best = _better(best, _run(s) if s is not None else _req(op, av))
    return _better(best, _run(run))


def _req(op: Any, av: Any) -> _Req:
    if op is sre.SUBPATTERN:
        return _req_seq(av[-1])
    if op is sre.ATOMIC_GROUP:
        return _req_seq(av)
    if op is sre.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            r = _req_seq(alt)
            if r is None:
                return None  # one alternative can match without any known literal
            out |= r
        return frozenset(out)
    if op in _REPEATS:
        lo, _hi, sub = av
        return _req_seq(sub) if lo >= 1 else None
    return None


def requirement(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased literals of which every match of *rx* contains one, or None when none are known."""
    try:
        return _req_seq(sre.parse(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001  (a parse tree this reader does not know: the pattern just always runs)
        return None


class Screened:
    """One text and the patterns that may match it."""

    __slots__ = ("_hits", "_index", "text")

    def __init__(self, text: str, hits: set[int], index: dict[int, int]) -> None:
        self.text = text
        self._hits = hits
        self._index = index

    def may_match(self, rx: re.Pattern[str]) -> bool:
        i = self._index.get(id(rx))
        return i is None or i in self._hits

    def among(self, entries: Sequence[_E]) -> list[_E]:
        """Those of *entries* (tuples whose first item is a pattern, as the lexicon lists them) that may match."""
        index, hits = self._index, self._hits
        return [e for e in entries if (i := index.get(id(e[0]))) is None or i in hits]

    def search(self, rx: re.Pattern[str]) -> re.Match[str] | None:
        return rx.search(self.text) if self.may_match(rx) else None

    def finditer(self, rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        return rx.finditer(self.text) if self.may_match(rx) else iter(())


class Screen:
    """Built once from a set of patterns; ``screen(text)`` then tells which of them can match the text."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.patterns: list[re.Pattern[str]] = []  # the screened ones, kept alive so that their ids stay theirs
        # id(pattern) -> its place in self.patterns (hashing a Pattern would hash its compiled code each time)
        self._index: dict[int, int] = {}
        users: dict[str, set[int]] = {}  # literal -> the patterns it stands for
        for rx in patterns:
            if id(rx) in self._index:
                continue
            req = requirement(rx)
            if req is None:
                continue  # not screened: always run
            self._index[id(rx)] = len(self.patterns)
            for lit in req:
                users.setdefault(lit, set()).add(len(self.patterns))
            self.patterns.append(rx)
        self._users = [frozenset(u) for u in users.values()]
        self._automaton = ahocorasick.Automaton()
        for i, lit in enumerate(users):
            self._automaton.add_word(lit, i)
        if users:
            self._automaton.make_automaton()

    def __call__(self, text: str) -> Screened:
        hits: set[int] = set()
        if self._users:
            found = {i for _end, i in self._automaton.iter(fold(text))}
            hits = hits.union(*(self._users[i] for i in found))
        return Screened(text, hits, self._index)
