"""Run newssift's structure stage over benchmark pages and collect what the benches and tests score."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from evaluation.metrics import Page
from newssift.ingest import from_bytes
from newssift.pipeline import Options, analyze_raw
from newssift.report import Report


@dataclass(slots=True)
class Outcome:
    page: Page
    report: Report | None
    seconds: float
    error: str | None = None
    article: str = ""
    comments: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def comment_section_text(r: Report) -> str:
    """The comment section as newssift puts it in the document: each comment's header line and text."""
    t = r.document.text
    parts = []
    for c in r.comments:
        if c.header is not None:
            parts.append(t[c.header.start : c.header.end])
        parts.append(c.text)
    return "\n".join(parts)


def run_newssift(page: Page) -> Outcome:
    t0 = time.perf_counter()
    try:
        raw = from_bytes(page.html, url=page.url)
        report = analyze_raw(raw, Options(moderate=False, claims=False, techniques=False))
    except Exception as exc:  # noqa: BLE001 - a bench counts failures instead of stopping
        return Outcome(page, None, time.perf_counter() - t0, error=f"{type(exc).__name__}: {exc}")
    dt = time.perf_counter() - t0
    article = "\n".join(p.text for p in report.article.paragraphs)
    return Outcome(page, report, dt, article=article, comments=comment_section_text(report))
