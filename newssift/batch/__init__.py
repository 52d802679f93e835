"""Batch analysis of crawls: WARC, JSONL and folders of pages → Parquet, resumable, on local cores or on Ray.

The driver (this module) reads records in order, skips the keys the output's manifest already holds, sends chunks
of records to workers that hold the loaded models (processes here, or Ray actors in :mod:`newssift.batch.ray_engine`),
and writes each finished chunk as one Parquet part, committed to the manifest with its keys
(:mod:`newssift.batch.output`). Bad records are counted with where they were and why, never fatal.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from newssift.batch.output import Output, Summary
from newssift.batch.work import ChunkResult, Item, analyze_chunk, warm_up
from newssift.pipeline import Options, check_options
from newssift.sources import expand, read_one

ENGINES = ("local", "ray")


@dataclass(frozen=True, slots=True)
class BatchOptions:
    options: Options = field(default_factory=Options)
    engine: str = "local"
    workers: int | None = None  # default: every core
    chunk: int = 16  # records per task (and per Parquet part)
    page_timeout: float = 60.0  # seconds one page may take before it is recorded as bad
    max_records: int | None = None  # stop after this many new records (for trials)

    def settings(self) -> dict[str, object]:
        o = self.options
        off = o.disabled
        settings: dict[str, object] = {
            "moderate": "moderation" not in off,
            "claims": "claims" not in off,
            "techniques": "techniques" not in off,
            "policy": str(o.policy) if o.policy else None,
        }
        others = sorted(off - {"moderation", "claims", "techniques"})
        if others:  # only then, so that a run begun before stages could be disabled by name still resumes
            settings["disable"] = others
        return settings


#: progress(bytes_done, bytes_total, summary) after each part (bytes_total 0: position unknown, as on Ray)
Progress = Callable[[int, int, Summary], None]


def _position(where: str) -> int:
    """The byte offset in a record's place (``file@offset`` for WARC), 0 when it has none."""
    tail = where.rsplit("@", 1)[-1] if "@" in where else ""
    return int(tail) if tail.isdigit() else 0


def records(files: list[Path]) -> Iterator[tuple[Item, int]]:
    """Every record of *files* with the number of input bytes read up to it (for progress)."""
    before = 0
    for f in files:
        for rec in read_one(f):
            item = Item.of(rec)
            yield item, before + _position(item.where)
        before += f.stat().st_size if f.exists() else 0


def input_size(files: list[Path]) -> int:
    return sum(f.stat().st_size for f in files if f.exists())


def new_items(out: Output, files: list[Path], summary: Summary, limit: int | None) -> Iterator[tuple[Item, int]]:
    """Records not yet in the output and not seen before in this run; bad ones from the reader are recorded."""
    done, seen = out.done(), set()
    taken = 0
    for item, pos in records(files):
        if item.key in done:
            summary.skipped_done += 1
            continue
        if item.key in seen:
            summary.duplicates += 1
            continue
        seen.add(item.key)
        if item.bad is not None:
            if out.record_bad(item.key, item.where, item.bad):
                summary.bad += 1
            continue
        if limit is not None and taken >= limit:
            return
        taken += 1
        yield item, pos


def chunks(items: Iterator[tuple[Item, int]], size: int) -> Iterator[tuple[list[Item], int]]:
    batch: list[Item] = []
    pos = 0
    for item, pos in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch, pos
            batch = []
    if batch:
        yield batch, pos


def commit(out: Output, result: ChunkResult, summary: Summary) -> None:
    out.write(result)
    summary.written += len(result.ok)
    summary.bad += len(result.bad)


# ------------------------------------------------------------------------------------------- local engine

_worker_options: Options | None = None


def _init_worker(options: Options, driver: int) -> None:
    global _worker_options
    _worker_options = options
    _end_with(driver)
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core per worker: no oversubscription by BLAS threads
    warm_up(options)


def _end_with(driver: int) -> None:
    """End this worker as soon as its driver is gone: a driver killed with -9 cannot end its workers, and they
    would wait on the task queue for ever (the queue's pipe stays open: each worker holds both of its ends)."""

    def watch() -> None:
        while os.getppid() == driver:
            time.sleep(0.5)
        os._exit(1)  # no cleanup to run: the driver commits every part, and is gone

    threading.Thread(target=watch, name="newssift-driver-watch", daemon=True).start()


def _work(items: list[Item], page_timeout: float) -> ChunkResult:
    assert _worker_options is not None
    return analyze_chunk(items, _worker_options, page_timeout)


def run_local(
    files: list[Path], out: Output, opts: BatchOptions, summary: Summary, progress: Progress | None = None
) -> None:
    workers = opts.workers or os.cpu_count() or 1
    total = input_size(files)
    ctx = multiprocessing.get_context("spawn")  # workers import newssift afresh and load models once each
    with ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=_init_worker, initargs=(opts.options, os.getpid())
    ) as pool:
        pending: dict[Future[ChunkResult], int] = {}
        for batch, pos in chunks(new_items(out, files, summary, opts.max_records), opts.chunk):
            pending[pool.submit(_work, batch, opts.page_timeout)] = pos
            while len(pending) >= 2 * workers:
                _drain(pending, out, summary, total, progress, block=True)
        while pending:
            _drain(pending, out, summary, total, progress, block=True)


def _drain(
    pending: dict[Future[ChunkResult], int],
    out: Output,
    summary: Summary,
    total: int,
    progress: Progress | None,
    block: bool,
) -> None:
    finished, _ = wait(list(pending), return_when=FIRST_COMPLETED, timeout=None if block else 0)
    for fut in finished:
        pos = pending.pop(fut)
        commit(out, fut.result(), summary)
        if progress:
            progress(pos, total, summary)


# ------------------------------------------------------------------------------------------- entry


def run_batch(
    inputs: list[Path], out_dir: Path, opts: BatchOptions | None = None, progress: Progress | None = None
) -> Summary:
    """Analyse every page of *inputs* (WARC, JSONL, HTML/text files, folders of them) into *out_dir*."""
    from newssift.errors import InputError

    opts = opts or BatchOptions()
    if opts.engine not in ENGINES:
        raise InputError(f"unknown engine {opts.engine!r}; choose one of {', '.join(ENGINES)}")
    check_options(opts.options)  # a bad policy is one line here, not a traceback in every worker
    files = expand(inputs)
    if not files:
        raise InputError("no input files (give WARC, JSONL or HTML/text files, or folders of them)")
    missing = [f for f in files if not f.exists()]
    if missing:
        raise InputError(f"no such file: {missing[0]}")
    out = Output(out_dir, opts.settings())
    summary = Summary()
    t0 = time.perf_counter()
    try:
        if opts.engine == "ray":
            from newssift.batch.ray_engine import run_ray

            run_ray(files, out, opts, summary, progress)
        else:
            run_local(files, out, opts, summary, progress)
    finally:
        summary.seconds = round(time.perf_counter() - t0, 2)
        out.totals(summary)
        out.close()
    return summary
