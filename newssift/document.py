"""The one `Document`: immutable page text plus metadata, and the typed spans that point into it.

Every stage reads a Document and returns findings as spans (character offsets into
``Document.text``); nobody re-parses or edits the text after it is created.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Span:
    """A finding: ``text[start:end]`` of the document it belongs to."""

    start: int
    end: int
    label: str = ""
    score: float | None = None
    evidence: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}:{self.end}")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Metadata:
    url: str | None = None
    title: str | None = None
    site_name: str | None = None
    date: str | None = None
    byline: str | None = None
    language: str | None = None
    source_type: str = "text"  # "html" or "text"


@dataclass(frozen=True, slots=True)
class Document:
    """The page text, exactly once, and what is known about the page."""

    text: str
    meta: Metadata = field(default_factory=Metadata)

    def span_text(self, span: Span) -> str:
        if span.end > len(self.text):
            raise ValueError(f"span {span.start}:{span.end} beyond text of length {len(self.text)}")
        return self.text[span.start : span.end]


class TextBuilder:
    """Assembles a Document text piece by piece and returns the span of each piece.

    Used where the page text has to be composed (HTML: title, paragraphs, comments);
    pieces are separated by blank lines so the text reads like the page.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0

    def add(self, piece: str, label: str = "", sep: str = "\n\n") -> Span:
        if self._parts and sep:
            self._parts.append(sep)
            self._length += len(sep)
        start = self._length
        self._parts.append(piece)
        self._length += len(piece)
        return Span(start, self._length, label)

    def build(self) -> str:
        return "".join(self._parts)


def iso_date(value: str | None) -> date | None:
    """A date written in ISO 8601 (a page's date from its metadata or --date, a stored document's), possibly with a
    time after it; None when there is none or it is not ISO."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def no_lone_surrogates(text: str) -> str:
    """*text* with each lone surrogate (JSON's "\\ud800", or a Python string made from one: no character, and no
    UTF-8 can encode it) read as U+FFFD, one for one, so that every span into it stays where it was."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def has_lone_surrogate(text: str) -> bool:
    """Whether *text* holds a lone surrogate (see ``no_lone_surrogates``)."""
    return _LONE_SURROGATE.search(text) is not None
