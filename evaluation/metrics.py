"""Scoring and data loading shared by the benchmark scripts and the benchmark tests. The loaders read the folder
they are given (``../shared/data/article_extraction_benchmark``, ``../shared/data/dragnet``).

``shingle_prf`` follows the article-extraction-benchmark's published method (4-word shingles, counts, each page's
tp/fp/fn normalised to sum 1, precision and recall averaged over pages, F1 of those averages); the code is
written here. ``token_f1`` is a bag-of-words F1 on lower-cased \\w+ tokens, used for comment text.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DRAGNET_SEP = "!@#$%^&*()  COMMENTS"

_TOKEN = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = _TOKEN.findall(text or "")
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def shingle_counts(true: str, pred: str) -> tuple[float, float, float]:
    a, b = _shingles(true), _shingles(pred)
    tp = sum((a & b).values())
    fp = sum((b - a).values())
    fn = sum((a - b).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def shingle_prf(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def p(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def r(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    precision = statistics.mean(p(*x) for x in rows if x[0] + x[1] > 0)
    recall = statistics.mean(r(*x) for x in rows if x[0] + x[2] > 0)
    return precision, recall, 2 * precision * recall / (precision + recall)


def token_counts(true: str, pred: str) -> tuple[int, int, int]:
    a = Counter(_TOKEN.findall(true.lower()))
    b = Counter(_TOKEN.findall(pred.lower()))
    tp = sum((a & b).values())
    return tp, sum(b.values()) - tp, sum(a.values()) - tp


def token_f1(true: str, pred: str) -> float:
    tp, fp, fn = token_counts(true, pred)
    if tp + fp + fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    html: bytes
    url: str | None
    body: str
    comments: str  # gold comment text ("" when the page has none)


def aeb_pages(folder: Path) -> Iterator[Page]:
    """The article-extraction-benchmark's pages, from its folder (ground-truth.json, html/)."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for key, item in truth.items():
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        yield Page(key, html, item.get("url"), item.get("articleBody", ""), "")


def dragnet_pages(folder: Path) -> Iterator[Page]:
    """Dragnet's training pages, from its folder (training.txt, Corrected/, HTML/)."""
    ids = [ln.strip() for ln in (folder / "training.txt").read_text().splitlines() if ln.strip()]
    for pid in ids:
        gold = (folder / "Corrected" / f"{pid}.html.corrected.txt").read_text(encoding="utf-8", errors="replace")
        body, _sep, comments = gold.partition(DRAGNET_SEP)
        html = gzip.decompress((folder / "HTML" / f"{pid}.html.gz").read_bytes())
        yield Page(pid, html, None, body, comments)
