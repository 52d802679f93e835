"""The worker's side of a batch: analyse a chunk of records into table rows. Runs in a worker process (local
engine) or a Ray actor; models are loaded once per worker by :func:`warm_up`. A page that fails, or runs past the
time cap, becomes a bad record with its reason; it never stops the batch."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from newssift.batch.tables import TABLES
from newssift.errors import NewssiftError
from newssift.pipeline import Options, analyze_raw
from newssift.sources import BadRecord, Record, raw_page


@dataclass(frozen=True, slots=True)
class Item:
    """A record as it travels to a worker (plain fields, picklable, Arrow-friendly)."""

    key: str
    where: str
    url: str | None = None
    kind: str | None = None
    charset: str | None = None
    data: bytes = b""
    bad: str | None = None  # why the reader could not use it

    @staticmethod
    def of(rec: Record | BadRecord) -> Item:
        if isinstance(rec, BadRecord):
            return Item(key="bad:" + rec.where, where=rec.where, bad=rec.reason)
        data, charset = (rec.data.encode("utf-8"), "utf-8") if isinstance(rec.data, str) else (rec.data, rec.charset)
        return Item(rec.key, rec.where, rec.url, rec.kind, charset, data)


@dataclass(slots=True)
class ChunkResult:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {table: [] for table in TABLES})
    ok: list[tuple[str, str]] = field(default_factory=list)  # (key, where) of pages written
    bad: list[tuple[str, str, str]] = field(default_factory=list)  # (key, where, reason)
    seconds: float = 0.0


class PageTimeout(Exception):
    pass


@contextmanager
def time_cap(seconds: float) -> Iterator[None]:
    """Raise PageTimeout after *seconds* (main thread of a process only; elsewhere no cap is applied)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(_sig: int, _frame: object) -> None:
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def warm_up(options: Options) -> None:
    """Load every model the options need, once, before the first record."""
    from newssift.ingest import from_text

    sample = (
        "Council approves harbour repairs\nBy Staff Reporter\n\n"
        'The council approved the repairs on Monday, the mayor said. "It is overdue," she told reporters.\n\n'
        "Comments\n\n1. About time.\n"
    )
    analyze_raw(from_text(sample), options)


def analyze_chunk(items: list[Item], options: Options, page_timeout: float) -> ChunkResult:
    import time

    from newssift.batch.tables import rows

    t0 = time.perf_counter()
    out = ChunkResult()
    for it in items:
        if it.bad is not None:
            out.bad.append((it.key, it.where, it.bad))
            continue
        rec = Record(it.key, it.data, it.where, url=it.url, kind=it.kind, charset=it.charset)
        try:
            with time_cap(page_timeout):
                report = analyze_raw(raw_page(rec), options)
            produced = rows(it.key, it.where, report)
        except PageTimeout:
            out.bad.append((it.key, it.where, f"analysis took longer than {page_timeout:g} s"))
            continue
        except NewssiftError as exc:
            out.bad.append((it.key, it.where, str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - a page must never stop the batch; its reason is recorded
            out.bad.append((it.key, it.where, f"analysis failed ({type(exc).__name__}: {str(exc)[:200]})"))
            continue
        if not report.article.paragraphs and not report.comments:
            out.bad.append((it.key, it.where, "no article or comments found"))
            continue
        for table, new in produced.items():
            out.rows[table] += new
        out.ok.append((it.key, it.where))
    out.seconds = time.perf_counter() - t0
    return out
