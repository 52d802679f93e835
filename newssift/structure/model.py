"""What the structure stage finds: spans into the Document text, grouped by role."""

from __future__ import annotations

from collections.abc import Sequence
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


def first_chars(text: str, regions: Sequence[tuple[int, int]], limit: int) -> tuple[list[tuple[int, int]], int]:
    """The first ``limit`` characters of ``regions`` (offsets into ``text``, in reading order): the regions that
    fit whole, then the one that does not, cut at its last space before the limit (or at the limit when it has
    none), and none after it. Also the number of characters the regions hold in all, to say how much was left out.

    The stages whose cost grows fastest with the text (claims, techniques) read only this much of a page."""
    out: list[tuple[int, int]] = []
    left = limit
    total = 0
    for a, b in regions:
        total += b - a
        if left <= 0:
            continue
        if b - a > left:
            cut = max(text.rfind(" ", a + left // 2, a + left), text.rfind("\n", a + left // 2, a + left))
            b = cut if cut > a else a + left
            left = 0
        else:
            left -= b - a
        out.append((a, b))
    return out, total
