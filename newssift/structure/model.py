"""What the structure stage finds: spans into the Document text, grouped by role."""

from __future__ import annotations

from dataclasses import dataclass, field

from newssift.document import Span


@dataclass(frozen=True, slots=True)
class Comment:
    """One reader comment: its text span, and where it sits in the thread."""

    id: str
    parent: str | None
    span: Span
    depth: int = 0
    author: str | None = None
    date: str | None = None
    #: span of the comment's header line (author, date) when the page shows one
    header: Span | None = None
    #: span of the list marker ("1.", "•") that the page puts before the comment
    marker: Span | None = None


@dataclass(frozen=True, slots=True)
class Structure:
    title: Span | None = None
    byline: Span | None = None
    #: article paragraphs, label "paragraph" / "heading" / "list_item"
    paragraphs: tuple[Span, ...] = ()
    #: publisher boilerplate, label = kind (see structure.boilerplate.KINDS)
    boilerplate: tuple[Span, ...] = ()
    comments: tuple[Comment, ...] = ()
    #: publication date (ISO) read from a dateline in the text, when the page shows one
    date: str | None = None
    notes: tuple[str, ...] = field(default=())
