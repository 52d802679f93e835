"""Analyses run in the background for the server: submitted, queued, run one stage at a time with the stage written
to the report store (so a browser or API client can watch progress), and finished with a report or a one-line error.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from newssift.errors import NewssiftError
from newssift.ingest import RawPage
from newssift.pipeline import STAGES, Options, analyze_raw
from newssift.store import ReportStore

log = logging.getLogger("newssift.jobs")

#: The stages a browser sees, in order: fetching (for a URL), then the pipeline's.
UI_STAGES = ("fetch", *STAGES)


class Busy(Exception):
    """Too many analyses are waiting."""


class Analyses:
    def __init__(self, store: ReportStore, options: Options, *, workers: int = 1, max_pending: int = 32) -> None:
        self.store, self.options, self.max_pending = store, options, max_pending
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newssift-analysis")
        self._done: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        store.interrupt_unfinished()

    def submit(
        self, input_kind: str, input_label: str | None, load: Callable[[], RawPage], options: Options | None = None
    ) -> str:
        """Queue an analysis; *load* (which may fetch a URL) runs in the worker; *options* default to the server's.
        Raises :class:`Busy` when too many are waiting."""
        with self._lock:
            if sum(not e.is_set() for e in self._done.values()) >= self.max_pending:
                raise Busy(f"{self.max_pending} analyses are already waiting; try again in a minute")
            aid = self.store.create(input_kind, input_label)
            self._done[aid] = threading.Event()
        self._pool.submit(self._run, aid, input_kind, load, options or self.options)
        return aid

    def _run(self, aid: str, input_kind: str, load: Callable[[], RawPage], options: Options) -> None:
        try:
            if input_kind == "url":
                self.store.set_stage(aid, "fetch")
            raw = load()
            report = analyze_raw(raw, options, progress=lambda stage: self.store.set_stage(aid, stage))
            self.store.finish(aid, report)
        except NewssiftError as exc:
            self.store.fail(aid, str(exc))
        except Exception as exc:  # a page must never take the server down; the log has the traceback
            log.exception("analysis %s failed", aid)
            self.store.fail(aid, f"internal error ({type(exc).__name__}); the server log has the details")
        finally:
            with self._lock:
                event = self._done.pop(aid, None)
            if event is not None:
                event.set()

    def waiting(self) -> int:
        with self._lock:
            return sum(not e.is_set() for e in self._done.values())

    def wait(self, aid: str, timeout: float) -> None:
        """Block until *aid* is finished or *timeout* seconds pass (returns at once if it is not running here)."""
        with self._lock:
            event = self._done.get(aid)
        if event is not None:
            event.wait(timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
