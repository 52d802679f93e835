"""One segmentation for every stage: sentences and words as character spans of the Document text.

``split_sentences`` is the package's only sentence splitter: the claims stage gives its boundaries to spaCy, the
techniques stage reads candidates inside them, moderation judges negation and mentions within them, the
Perspective endpoint scores them as span pieces, and corroboration passages and stance features are cut at them.
A sentence ends at ``. ! ? …`` (closing quotes and brackets kept with it) before white space and a capital, a
digit or an opening quote or bracket, and at every line break; a full stop inside an open quotation
("‘Moscow. Kremlin. Putin.’") ends none. Sentences are stripped of surrounding space, and a "sentence" longer than
MAX_SENTENCE_CHARS (a list, a run-on, a comment with no punctuation) is cut at a space into pieces of at most that
size, which also bounds what any stage reads as one sentence.

``Segmentation`` computes the sentences of each region of one text (a paragraph, a comment) once and gives them to
every stage that asks (``newssift.stages.Analysis.segmentation``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources

MAX_SENTENCE_CHARS = 1000
WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_SENT_END = re.compile(r"([.!?…][\"”’»)\]]*)\s+(?=[\"“‘«(\[]?[A-Z0-9])|\n+")
_OPENING_SINGLE = re.compile(r"(?<!\w)‘")
_CLOSING_SINGLE = re.compile(r"’(?!\w)")
# the word before a full stop: an abbreviation ("Sen."), one letter ("F.") or letters joined by full stops ("U.S")
_WORD_BEFORE_STOP = re.compile(r"(?<![\w.])(\w+(?:\.\w)*)$")
#: characters before a full stop read to find the word it ends
_ABBREVIATION_READ = 16

Span = tuple[int, int]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` as (start, end) offsets into ``text``, stripped of surrounding space."""
    end = len(text) if end is None else end
    out: list[Span] = []
    a = start
    for m in _SENT_END.finditer(text, start, end):
        cut = m.end(1) if m.group(1) else m.start()
        if m.group(1) == "." and _abbreviation(text, a, m.start(1)):
            continue  # "Mr. Trump", "John F. Kennedy", "the U.S. Senate"
        if m.group(1) and cut - a <= MAX_SENTENCE_CHARS and _open_quote(text, a, cut):
            continue  # a full stop inside a quotation ('Moscow. Kremlin. Putin.') ends no sentence
        out += _strip_piece(text, a, cut)
        a = m.end()
    out += _strip_piece(text, a, end)
    return out


@cache
def abbreviations() -> frozenset[str]:
    """The words after which a full stop ends no sentence (``newssift/data/segment/abbreviations.txt``)."""
    path = resources.files("newssift") / "data" / "segment" / "abbreviations.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _abbreviation(text: str, a: int, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation, an initial or a dotted acronym, not a sentence."""
    m = _WORD_BEFORE_STOP.search(text, max(a, stop - _ABBREVIATION_READ), stop)
    if m is None:
        return False
    word = m.group(1)
    return (len(word) == 1 and word.isalpha() and word.isupper()) or "." in word or word.lower() in abbreviations()


def _open_quote(text: str, a: int, b: int) -> bool:
    """Whether a quotation opened in text[a:b] is still open at b. ``split_sentences`` asks only of pieces of at
    most MAX_SENTENCE_CHARS, so many full stops inside one quotation cost a bounded amount each."""
    if text.count("“", a, b) > text.count("”", a, b) or text.count('"', a, b) % 2:
        return True
    return len(_OPENING_SINGLE.findall(text, a, b)) > len(_CLOSING_SINGLE.findall(text, a, b))


def _strip_piece(text: str, a: int, b: int) -> list[Span]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a >= b or not WORD.search(text, a, b):
        return []
    pieces = []
    while b - a > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", a + MAX_SENTENCE_CHARS // 2, a + MAX_SENTENCE_CHARS)
        cut = cut if cut > a else a + MAX_SENTENCE_CHARS
        pieces.append((a, cut))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if a < b:
        pieces.append((a, b))
    return pieces


def words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Words of ``text[start:end]`` (letters, digits and inner apostrophes or hyphens) as offsets into ``text``."""
    return [(m.start(), m.end()) for m in WORD.finditer(text, start, len(text) if end is None else end)]


class Segmentation:
    """The sentences of regions of one text, each region split once however many stages ask for it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: dict[Span, list[Span]] = {}

    @classmethod
    def of(cls, text: str, given: Segmentation | None = None) -> Segmentation:
        """*given* when it segments *text* (the analysis's, shared by the stages), else a new one for *text*."""
        return given if given is not None and given.text is text else cls(text)

    def sentences(self, start: int, end: int) -> list[Span]:
        """The sentences of text[start:end] (computed on the first call for this region, then kept)."""
        key = (start, end)
        if key not in self._sentences:
            self._sentences[key] = split_sentences(self.text, start, end)
        return self._sentences[key]

    def sentences_of(self, regions: Iterable[Span]) -> Iterator[Span]:
        """The sentences of each region in turn."""
        for a, b in regions:
            yield from self.sentences(a, b)
