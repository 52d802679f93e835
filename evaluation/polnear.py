"""PolNeAR attribution scoring, shared by bench/polnear.py and tests/test_claims.py.

A predicted span matches exactly when its offsets equal a gold span's (whitespace trimmed on both); it matches by
overlap when they share a character. Precision counts matched predictions, recall matched gold spans. The gold
is read from the brat annotation file given (``train.attribution.brat_spans``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from train.attribution import brat_spans

if TYPE_CHECKING:
    from newssift.claims import ClaimsResult

KINDS = ("Source", "Cue", "Content")

Spans = list[tuple[int, int]]


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` without the whitespace at either end of ``text[a:b]``."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def gold_spans(ann: Path, text: str) -> dict[str, Spans]:
    """The source, cue and content spans of the brat annotation file ``ann`` of ``text``, whitespace trimmed."""
    out: dict[str, Spans] = {k: [] for k in KINDS}
    for kind, frags in brat_spans(ann):
        if kind in out:
            out[kind].append(trim(text, min(f[0] for f in frags), max(f[1] for f in frags)))
    return out


def match_counts(pred: Spans, gold: Spans, exact: bool) -> tuple[int, int]:
    """How many predictions match a gold span, and how many gold spans a prediction matches."""

    def match(p: tuple[int, int], g: tuple[int, int]) -> bool:
        return p == g if exact else (p[0] < g[1] and g[0] < p[1])

    matched_pred = sum(1 for p in pred if any(match(p, g) for g in gold))
    matched_gold = sum(1 for g in gold if any(match(p, g) for p in pred))
    return matched_pred, matched_gold


def add_counts(tot: list[int], pred: Spans, gold: Spans, exact: bool) -> None:
    """Add one article's matched predictions, predictions, matched gold spans and gold spans to ``tot``."""
    mp, mg = match_counts(pred, gold, exact)
    for i, v in enumerate((mp, len(pred), mg, len(gold))):
        tot[i] += v


def prf(tot: list[int]) -> dict[str, float]:
    """Precision, recall and F1 of totals summed by ``add_counts``."""
    mp, n_pred, mg, n_gold = tot
    p, r = mp / max(1, n_pred), mg / max(1, n_gold)
    return {"precision": p, "recall": r, "f1": 2 * p * r / max(1e-9, p + r)}


def predicted(result: ClaimsResult, text: str) -> dict[str, Spans]:
    """The source, cue and content spans of a claims result's quotes, whitespace trimmed as the gold is."""
    return {
        "Source": [trim(text, *q.speaker_span) for q in result.quotes],
        "Cue": [trim(text, *q.cue) for q in result.quotes],
        "Content": [trim(text, *q.content) for q in result.quotes],
    }
