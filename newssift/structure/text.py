"""Structure of a page given as plain text (a page a reader copied, an e-mail, a transcript).

The text itself becomes the Document text, unchanged; this module only finds spans in it:
title and byline lines, article paragraphs, publisher boilerplate (slogans, disclaimers, policy-link lines,
closing lines) and the reader comments with their thread, from numbering ("1.", "2."), reply bullets
("•", "-") and indentation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from newssift.document import Span
from newssift.structure.boilerplate import classify, is_heading_like
from newssift.structure.model import Comment, Structure


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    start: int  # offset of the first character of the line
    end: int  # offset just past the last character (newline excluded)
    cstart: int  # first non-blank character
    cend: int  # just past the last non-blank character
    indent: int

    @property
    def blank(self) -> bool:
        return self.cstart >= self.cend


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    n = len(text)
    i = 0
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        raw = text[pos:end]
        stripped_left = raw.lstrip()
        cstart = pos + (len(raw) - len(stripped_left))
        cend = pos + len(raw.rstrip())
        lead = raw[: len(raw) - len(stripped_left)]
        indent = sum(4 if ch == "\t" else 1 for ch in lead)
        lines.append(Line(i, pos, end, cstart, max(cstart, cend), indent))
        i += 1
        if nl < 0:
            break
        pos = nl + 1
    return lines


_NUMBERED = re.compile(r"(\d{1,4})[.)]\s+(?=\S)")
_BULLET = re.compile(r"[•·▪►◦‣∙○●\-–—*>↳]\s+(?=\S)")
_BYLINE = re.compile(
    r"^(?:by|written\s+by|posted\s+by|words\s+by|story\s+by|reporting\s+by|author\s*:|from)\s+\S.{0,100}$", re.I
)
_DATELINE = re.compile(
    r"^(?:published|posted|updated|last\s+updated|first\s+published|modified)\b.{0,80}$"
    r"|^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+\w+\s+\d{1,2},?\s+\d{4}.{0,30}$"
    r"|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:\s+\d{1,2}:\d{2}.{0,10})?$"
    r"|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}.{0,30}$"
    r"|^\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}.{0,30}$",
    re.I,
)
_CREDIT = re.compile(
    r"^\(?(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|translated|photos?|images?|source|via)\b",
    re.I,
)
_LIST_ITEM = re.compile(r"(?:\d{1,4}[.)]|[•·▪►◦‣∙○●\-–—*])\s")
_SENTENCE_PUNCT = re.compile(r"[.!?…][\"'”’)]*(?:\s|$)")
_COMMENT_HEADER = re.compile(r"^(?P<author>[^\n]{1,60}?)\s+(?:says|said|wrote|writes|replied)\s*:?\s*$", re.I)


def _text(text: str, a: int, b: int) -> str:
    return text[a:b]


def _units(text: str, lines: list[Line]) -> list[tuple[int, int]]:
    """Paragraph units (first line index, last line index) of a run of lines.

    A block of lines (between blank lines) is one unit when it is hard-wrapped prose; otherwise each
    line is its own unit (pages copied from a browser put one paragraph per line).
    """
    units: list[tuple[int, int]] = []
    block: list[Line] = []

    def flush() -> None:
        if not block:
            return
        # hard-wrapped prose: every line but the last filled to about the same width
        lengths = [ln.cend - ln.cstart for ln in block[:-1]]
        width = max(lengths, default=0)
        line_texts = [text[ln.cstart : ln.cend] for ln in block]
        wrapped = (
            len(block) >= 2
            and (60 if len(block) == 2 else 40) <= width <= 140
            and all(n >= 0.6 * width for n in lengths)
            and block[-1].cend - block[-1].cstart <= width + 10
            and not any(_BYLINE.match(t) or _DATELINE.match(t) or _NUMBERED.match(t) for t in line_texts)
            and any(_SENTENCE_PUNCT.search(t) for t in line_texts)
        )
        if wrapped:
            units.append((block[0].index, block[-1].index))
        else:
            units.extend((ln.index, ln.index) for ln in block)
        block.clear()

    for ln in lines:
        if ln.blank:
            flush()
        else:
            block.append(ln)
    flush()
    return units


def _comment_region(text: str, lines: list[Line], units: list[tuple[int, int]], kinds: list[str | None]) -> int | None:
    """Index of the line where the comment section starts, or None.

    Numbered comments ("1.", "2.", ...) start a comment section when they follow publisher text (a disclaimer,
    policy links) or when they are indented under the article and no unindented article text comes after
    them; a numbered list inside the article is neither. Linear in the number of lines.
    """
    base_indent = min((ln.indent for ln in lines if not ln.blank), default=0)
    unit_starts = [a for a, _b in units]
    # the last line of article-like text at the page's own indentation
    last_article_line = max(
        (b for (a, b), kind in zip(units, kinds) if kind is None and lines[a].indent <= base_indent), default=-1
    )
    numbered = [(ln, m) for ln in lines if not ln.blank and (m := _NUMBERED.match(text, ln.cstart, ln.cend))]
    for ln, m in numbered:
        if m.group(1) != "1" or ln.index == 0:
            continue
        i = bisect_left(unit_starts, ln.index) - 1
        after_publisher_text = i >= 0 and kinds[i] is not None
        # the numbering goes on at the same indentation: 2, 3, ... (stops at the first break)
        indented_tail = ln.indent > base_indent and ln.index > last_article_line
        if after_publisher_text or indented_tail:
            return ln.index
    # a comments header ("3 Comments", "Comments", "12 thoughts on ...") followed by text
    for (a, _b), kind in zip(units, kinds):
        if kind == "comments_header" and any(not ln.blank for ln in lines[a + 1 :]):
            return a
    return None


@dataclass(slots=True)
class _Open:
    """A comment being read, line by line."""

    id: str
    parent: str | None
    depth: int
    indent: int
    start: int = -1
    end: int = -1
    author: str | None = None
    header: Span | None = None
    marker: Span | None = None

    def freeze(self) -> Comment:
        if self.start < 0 and self.header is not None:  # a header line with no body: the header is the text
            return Comment(
                self.id, self.parent, Span(self.header.start, self.header.end, "comment"), self.depth, self.author
            )
        return Comment(
            self.id,
            self.parent,
            Span(self.start, self.end, "comment"),
            self.depth,
            self.author,
            header=self.header,
            marker=self.marker,
        )


_CLOSING_KINDS = ("comments_closed", "comment_form", "policy_links", "copyright", "subscribe", "share_prompt")


class _CommentReader:
    """Reads a comment section line by line: a numbered line opens a comment, a bullet after a blank line opens
    a reply, an unnumbered block opens a comment threaded by its indentation, and any other line continues the
    open comment; section headers and closing boilerplate met on the way are kept apart."""

    def __init__(self, text: str, base_indent: int) -> None:
        self.text = text
        self.base_indent = base_indent
        self.comments: list[Comment] = []
        self.boiler: list[Span] = []
        self.cur: _Open | None = None
        self.stack: list[tuple[int, str]] = []  # (indent, id) of the open thread levels, outermost first
        self.reply_counts: dict[str, int] = {}
        self.seen_ids: set[str] = set()
        self.n_unnumbered = 0
        self.after_blank = True

    def read(self, ln: Line) -> None:
        if ln.blank:
            self.after_blank = True
            return
        content = self.text[ln.cstart : ln.cend]
        if not self._boilerplate(ln, content):
            self._comment_line(ln, content)
        self.after_blank = False

    def close(self) -> None:
        if self.cur is not None:
            self.comments.append(self.cur.freeze())
            self.seen_ids.add(self.cur.id)
            self.cur = None

    def _boilerplate(self, ln: Line, content: str) -> bool:
        """A comments header or closing publisher text (policy links, a closed-comments notice): it ends the open
        comment and is kept as boilerplate."""
        kind = classify(content, tail=True)
        if (kind == "comments_header" and (self.cur is None or self.after_blank)) or (
            kind in _CLOSING_KINDS and (self.after_blank or ln.indent <= self.base_indent)
        ):
            self.close()
            self.boiler.append(Span(ln.cstart, ln.cend, kind or "boilerplate"))
            return True
        return False

    def _comment_line(self, ln: Line, content: str) -> None:
        num = _NUMBERED.match(self.text, ln.cstart, ln.cend)
        bullet = _BULLET.match(self.text, ln.cstart, ln.cend)
        if num and ln.indent <= self.base_indent + 1:
            self._open_numbered(ln, num)
        elif bullet and self.after_blank and (self.cur is not None or self.comments):
            self._open_reply(ln, bullet)
        elif self._starts_block(ln, content):
            self._open_unnumbered(ln, content)
        else:
            self._continue(ln)

    def _open_numbered(self, ln: Line, num: re.Match[str]) -> None:
        """A numbered comment ("2. ..."): a new thread."""
        self.close()
        cid = num.group(1) if num.group(1) not in self.seen_ids else f"{num.group(1)}-{len(self.comments) + 1}"
        self.stack = [(ln.indent, cid)]
        marker = Span(ln.cstart, ln.cstart + len(num.group(0).rstrip()), "marker")
        self.cur = _Open(cid, None, 0, ln.indent, num.end(), ln.cend, marker=marker)

    def _open_reply(self, ln: Line, bullet: re.Match[str]) -> None:
        """A reply: its parent is the latest open comment indented less than the bullet."""
        self.close()
        stack = self.stack
        while len(stack) > 1 and stack[-1][0] >= ln.indent:
            stack.pop()
        reply_to = stack[-1][1] if stack else self.comments[-1].id
        self.reply_counts[reply_to] = self.reply_counts.get(reply_to, 0) + 1
        cid = f"{reply_to}.{self.reply_counts[reply_to]}"
        depth = len(stack)
        stack.append((ln.indent, cid))
        marker = Span(ln.cstart, ln.cstart + len(bullet.group(0).rstrip()), "marker")
        self.cur = _Open(cid, reply_to, depth, ln.indent, bullet.end(), ln.cend, marker=marker)

    def _starts_block(self, ln: Line, content: str) -> bool:
        """Whether the line opens an unnumbered comment: the first line read, or a block after a blank line at
        (or above) the open unnumbered comment's indentation or opening with a header ("Jane says:")."""
        cur = self.cur
        return cur is None or (
            self.after_blank
            and cur.marker is None
            and (ln.indent <= cur.indent + 1 or _COMMENT_HEADER.match(content) is not None)
        )

    def _open_unnumbered(self, ln: Line, content: str) -> None:
        """Unnumbered comments: each block starts one; a block indented under the previous one replies to it."""
        self.close()
        self.n_unnumbered += 1
        cid = f"c{self.n_unnumbered}"
        parent_id, depth = self._thread(ln.indent, cid)
        hdr = _COMMENT_HEADER.match(content)
        if hdr:
            header = Span(ln.cstart, ln.cend, "header")
            self.cur = _Open(cid, parent_id, depth, ln.indent, author=hdr.group("author").strip(), header=header)
        else:
            self.cur = _Open(cid, parent_id, depth, ln.indent, ln.cstart, ln.cend)

    def _thread(self, indent: int, cid: str) -> tuple[str | None, int]:
        """Parent and depth of an unnumbered comment at ``indent``: indented under the open thread level, it
        replies to that comment; at the indentation of a reply, it is another reply to the same parent; else it
        starts a thread of its own."""
        stack = self.stack
        if stack and indent > stack[-1][0]:
            parent_id, depth = stack[-1][1], len(stack)
            stack.append((indent, cid))
            return parent_id, depth
        while stack and stack[-1][0] > indent:
            stack.pop()
        if stack and stack[-1][0] == indent and len(stack) > 1:
            stack.pop()
            parent_id, depth = stack[-1][1], len(stack)
            stack.append((indent, cid))
            return parent_id, depth
        self.stack = [(indent, cid)]
        return None, 0

    def _continue(self, ln: Line) -> None:
        """A continuation line of the open comment."""
        cur = self.cur
        assert cur is not None  # _starts_block holds when no comment is open
        if cur.start < 0:
            cur.start = ln.cstart
        cur.end = ln.cend


def _parse_comments(text: str, lines: list[Line], start_line: int) -> tuple[list[Comment], list[Span]]:
    """Comments from *start_line* on, and the boilerplate lines met among or after them."""
    base_indent = next((ln.indent for ln in lines[start_line:] if not ln.blank), 0)
    reader = _CommentReader(text, base_indent)
    for ln in lines[start_line:]:
        reader.read(ln)
    reader.close()
    return reader.comments, reader.boiler


def analyze_text(text: str) -> Structure:
    """Find title, byline, article paragraphs, boilerplate and comments in plain *text*."""
    lines = split_lines(text)
    all_units = _units(text, lines)
    all_kinds = [classify(text[lines[a].cstart : lines[b].cend]) for a, b in all_units]
    region = _comment_region(text, lines, all_units, all_kinds)

    comments: list[Comment] = []
    boiler: list[Span] = []
    if region is not None:
        comments, boiler = _parse_comments(text, lines, region)
        units = [(a, b) for a, b in all_units if a < region]
    else:
        units = all_units
    spans = [Span(lines[a].cstart, lines[b].cend) for a, b in units]
    texts = [text[s.start : s.end] for s in spans]

    title: Span | None = None
    byline: Span | None = None
    i = 0
    if i < len(spans) and _BYLINE.match(texts[i]) and len(texts[i]) <= 120:
        byline = spans[i]
        i += 1
    elif i < len(spans) and is_heading_like(texts[i]) and classify(texts[i]) is None and len(spans) > 1:
        title = spans[i]
        i += 1
        # a dek or dateline may sit between title and byline
        for j in range(i, min(i + 3, len(spans))):
            if _BYLINE.match(texts[j]) and len(texts[j]) <= 120:
                byline = spans[j]
                break

    kinds: list[str | None] = []
    for k, t in enumerate(texts):
        if k < i or spans[k] is byline:
            kinds.append("__header__")
        elif _DATELINE.match(t) and k <= i + 2:
            kinds.append("dateline")
        else:
            kinds.append(all_kinds[k])  # units are the first of all_units: classify(t), computed once

    # the tail: after the last real paragraph, publisher text is expected (slogans, disclaimers, links)
    last = len(texts) - 1
    slogans = 0
    while last >= i:
        t = texts[last]
        kind = kinds[last] if kinds[last] is not None else classify(t, tail=True)
        if kind is not None and kind != "__header__":
            kinds[last] = kind
            last -= 1
            continue
        if slogans < 2 and is_heading_like(t) and not _CREDIT.match(t) and not _LIST_ITEM.match(t):
            kinds[last] = "slogan"
            slogans += 1
            last -= 1
            continue
        break
    # a slogan/tagline that only came to light in the tail is not an article heading
    paragraphs: list[Span] = []
    for span, kind, t in zip(spans, kinds, texts):
        if kind == "__header__":
            continue
        if kind is None:
            label = "list_item" if _LIST_ITEM.match(t) else ("heading" if is_heading_like(t) else "paragraph")
            paragraphs.append(Span(span.start, span.end, label))
        else:
            boiler.append(Span(span.start, span.end, kind))
    boiler.sort(key=lambda s: s.start)
    dated = next((parse_date(text[b.start : b.end]) for b in boiler if b.label == "dateline"), None)
    return Structure(
        title=title,
        byline=byline,
        paragraphs=tuple(paragraphs),
        boilerplate=tuple(boiler),
        comments=tuple(comments),
        date=dated,
    )


_MONTHS = {
    m: i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
_DATE_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_DATE_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")


def parse_date(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD) from a dateline such as "Published: 9 October 2025", or None.

    Only unambiguous forms are read (month names, ISO); "03/04/2025" is left alone rather than guessed.
    """
    for rx, order in ((_DATE_ISO, "ymd"), (_DATE_DMY, "dmy"), (_DATE_MDY, "mdy")):
        m = rx.search(text)
        if not m:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        month_raw = parts["m"]
        month = int(month_raw) if month_raw.isdigit() else _MONTHS.get(month_raw[:3].lower())
        if month is None:
            continue
        try:
            return date(int(parts["y"]), month, int(parts["d"])).isoformat()
        except ValueError:
            continue
    return None
