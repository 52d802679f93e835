"""Claims and quotes: who said what (speakers resolved across the text), check-worthy sentences, dated events.

The stage reads the Document and its structure and returns spans into the Document text; by default it reads
the article paragraphs only, comments on request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newssift.claims.dates import DatedEvent, find_dates
from newssift.claims.quotes import Entity, Quote, extract_quotes
from newssift.document import Document, Span
from newssift.structure.model import Structure

CHUNK = 100_000  # characters per spaCy call: a 100,000-word paragraph is parsed in pieces
MIN_CLAIM_WORDS = 4


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


def _pieces(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s in spans:
        a = s.start
        while a < s.end:
            b = min(s.end, a + CHUNK)
            if b < s.end:
                cut = text.rfind(" ", a + CHUNK // 2, b)
                b = cut if cut > a else b
            out.append((a, b))
            a = b
    return out


def analyze_claims(
    doc: Document, st: Structure, *, page_date: date | None = None, include_comments: bool = False
) -> ClaimsResult:
    from newssift.claims.checkworthy import checkworthiness
    from newssift.claims.nlp import parse_pieces

    text = doc.text
    spans = list(st.paragraphs)
    if include_comments:
        spans += [c.span for c in st.comments]
    pieces = _pieces(text, spans)
    docs: list[tuple[Any, int]] = [(d, a) for d, (a, _b) in zip(parse_pieces(text, pieces), pieces, strict=True)]
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
    claims = []
    for (a, b), score in zip(sentences, scores, strict=True):
        quote = next(
            (i for i, q in enumerate(quotes) if (q.content[0] < b and a < q.content[1]) or a <= q.cue[0] < b), None
        )
        claims.append(ClaimSentence(a, b, round(float(score), 4), quote))
    events = [ev for s in spans for ev in find_dates(text, s.start, s.end, page_date)]
    placed = sorted((e for e in events if e.date is not None), key=lambda e: (e.date or "", e.start))
    unplaced = [e for e in events if e.date is None]
    return ClaimsResult(entities, quotes, claims, placed, unplaced)


__all__ = ["ClaimsResult", "analyze_claims"]
