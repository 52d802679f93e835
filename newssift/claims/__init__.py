"""Claims and quotes: who said what (speakers resolved across the text), check-worthy sentences, dated events.

The stage reads the Document and its structure and returns spans into the Document text; by default it reads
the article paragraphs only, comments on request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newssift.claims.dates import DatedEvent, find_dates
from newssift.claims.quotes import Entity, Quote, extract_quotes, overlapping
from newssift.document import Document
from newssift.segment import Segmentation
from newssift.structure.model import Structure, first_chars

CHUNK = 100_000  # characters per spaCy call: a 100,000-word paragraph is parsed in pieces
MIN_CLAIM_WORDS = 4
#: characters of the article (and of the comments, when they are read) that the stage reads: about 8,000 words,
#: longer than nearly every news article. The parse and the attribution models cost about 50 ms per 1,000
#: characters, so a page of megabytes is read this far, and the report says where the reading stopped.
MAX_CHARS = 50_000


@dataclass(slots=True)
class ClaimSentence:
    start: int
    end: int
    checkworthiness: float
    quote: int | None


@dataclass(slots=True)
class ClaimsResult:
    entities: list[Entity]
    quotes: list[Quote]
    claims: list[ClaimSentence]
    timeline: list[DatedEvent]
    unplaced: list[DatedEvent] = field(default_factory=list)
    #: what the stage did not read (the report's warnings)
    notes: list[str] = field(default_factory=list)


def spans_read(
    doc: Document, st: Structure, *, include_comments: bool = False
) -> tuple[list[tuple[int, int]], list[str]]:
    """The (start, end) spans of the text the stage reads: the paragraphs (and the comments with
    *include_comments*) up to MAX_CHARS characters; and a note for the report where the cap cut them."""
    regions = [(p.start, p.end) for p in st.paragraphs]
    if include_comments:
        regions += [(c.span.start, c.span.end) for c in st.comments]
    spans, total = first_chars(doc.text, regions, MAX_CHARS)
    notes = []
    read = sum(b - a for a, b in spans)
    if read < total:
        notes.append(
            f"claims: quotes, check-worthy claims and dates were looked for in the first {read:,} of the {total:,} "
            f"characters of the article{' and comments' if include_comments else ''} (a cap of {MAX_CHARS:,}); "
            f"the text after character {spans[-1][1]:,} of the document was not analysed for them"
        )
    return spans, notes


def pieces_parsed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans as spaCy reads them: each cut at a space into pieces of at most CHUNK characters."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        a = start
        while a < end:
            b = min(end, a + CHUNK)
            if b < end:
                cut = text.rfind(" ", a + CHUNK // 2, b)
                b = cut if cut > a else b
            out.append((a, b))
            a = b
    return out


def _quote_of(sentences: list[tuple[int, int]], quotes: list[Quote]) -> list[int | None]:
    """For each sentence (sentences do not overlap), the first quote whose content overlaps it or whose cue starts
    in it: each quote is placed by binary search over the sentences, not compared with every one."""
    order = sorted(range(len(sentences)), key=sentences.__getitem__)
    spans = [sentences[k] for k in order]
    first: list[int | None] = [None] * len(sentences)
    for i, q in enumerate(quotes):
        # the sentences the content overlaps, and the one the cue starts in
        for lo, hi in (overlapping(spans, *q.content), overlapping(spans, q.cue[0], q.cue[0] + 1)):
            for k in range(lo, hi):
                if first[order[k]] is None:
                    first[order[k]] = i
    return first


def analyze_claims(
    doc: Document,
    st: Structure,
    *,
    page_date: date | None = None,
    include_comments: bool = False,
    segmentation: Segmentation | None = None,
) -> ClaimsResult:
    from newssift.claims.checkworthy import checkworthiness
    from newssift.claims.nlp import parse_pieces

    text = doc.text
    spans, notes = spans_read(doc, st, include_comments=include_comments)
    pieces = pieces_parsed(text, spans)
    docs: list[tuple[Any, int]] = [
        (d, a) for d, (a, _b) in zip(parse_pieces(text, pieces, segmentation), pieces, strict=True)
    ]
    entities, quotes = extract_quotes(docs, text)
    sentences: list[tuple[int, int]] = []
    for d, off in docs:
        for sent in d.sents:
            words = [t for t in sent if not t.is_punct and not t.is_space]
            if len(words) >= MIN_CLAIM_WORDS:
                a = sent.start_char + off
                b = sent.end_char + off
                while b > a and text[b - 1].isspace():
                    b -= 1
                sentences.append((a, b))
    scores = checkworthiness([text[a:b] for a, b in sentences])
    claims = [
        ClaimSentence(a, b, round(float(score), 4), quote)
        for (a, b), score, quote in zip(sentences, scores, _quote_of(sentences, quotes), strict=True)
    ]
    events = [ev for a, b in spans for ev in find_dates(text, a, b, page_date)]
    placed = sorted((e for e in events if e.date is not None), key=lambda e: (e.date or "", e.start))
    unplaced = [e for e in events if e.date is None]
    return ClaimsResult(entities, quotes, claims, placed, unplaced, notes)


__all__ = ["ClaimsResult", "analyze_claims", "pieces_parsed", "spans_read"]
