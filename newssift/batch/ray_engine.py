"""The batch on Ray Data: the same job, with the reading and the analysis spread over a Ray cluster.

The input files become a dataset; each file is read into records by a Ray task (WARC records stream out in
chunks, not a whole file at a time); chunks go to an actor pool whose actors each load the models once; the driver
streams the results back and writes them as Parquet parts through the same manifest as the local engine, so a Ray
run is resumable and exactly-once like a local one, and writes the same rows.

``RAY_ADDRESS=ray://head:10001 newssift batch … --engine ray`` joins an existing cluster; without RAY_ADDRESS a local
Ray is started with ``--workers`` CPUs. Ray is an optional extra: ``pip install 'newssift[ray]'``.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newssift.batch.work import ChunkResult, Item, analyze_chunk, warm_up
from newssift.errors import InputError
from newssift.pipeline import Options
from newssift.sources import read_one

if TYPE_CHECKING:
    from newssift.batch import BatchOptions, Progress
    from newssift.batch.output import Output, Summary


def read_file_batches(batch: dict[str, Any], done: frozenset[str], chunk: int) -> Iterator[dict[str, list[bytes]]]:
    """Ray UDF: the records of the files in *batch* (one path per batch), minus keys *done*, as rows of *chunk*
    records each (pickled: Arrow would turn empty fields into NaN)."""
    rows: list[Item] = []
    for path in batch["path"]:
        for rec in read_one(Path(str(path))):
            item = Item.of(rec)
            if item.key in done:
                continue
            rows.append(item)
            if len(rows) >= chunk:
                yield {"items": [pickle.dumps(rows)]}
                rows = []
    if rows:
        yield {"items": [pickle.dumps(rows)]}


class Analyzer:
    """Ray actor: holds the loaded models; analyses one chunk of records per call."""

    def __init__(self, options: Options, page_timeout: float) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        self.options, self.page_timeout = options, page_timeout
        warm_up(options)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        results = []
        for blob in batch["items"]:
            items: list[Item] = pickle.loads(blob)
            results.append(pickle.dumps(analyze_chunk(items, self.options, self.page_timeout)))
        return {"result": results}


def _dedupe(result: ChunkResult, seen: set[str]) -> tuple[ChunkResult, int]:
    """Drop pages whose key an earlier chunk of this run already had (the same record twice in the input)."""
    dup = {k for k, _ in result.ok if k in seen} | {k for k, _, _ in result.bad if k in seen}
    if not dup:
        seen.update(k for k, _ in result.ok)
        seen.update(k for k, _, _ in result.bad)
        return result, 0
    kept = ChunkResult(seconds=result.seconds)
    for table, rows in result.rows.items():
        kept.rows[table] = [r for r in rows if r["key"] not in dup]
    kept.ok = [x for x in result.ok if x[0] not in dup]
    kept.bad = [x for x in result.bad if x[0] not in dup]
    seen.update(k for k, _ in kept.ok)
    seen.update(k for k, _, _ in kept.bad)
    return kept, len(dup)


def run_ray(files: list[Path], out: Output, opts: BatchOptions, summary: Summary, progress: Progress | None) -> None:
    try:
        import ray
        import ray.data
    except ImportError:
        raise InputError("--engine ray needs Ray: pip install 'newssift[ray]'") from None
    from newssift.batch import commit

    workers = opts.workers or os.cpu_count() or 1
    started = False
    if not ray.is_initialized():
        address = os.environ.get("RAY_ADDRESS")
        ray.init(
            address=address or None,
            num_cpus=None if address else workers,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
        started = True
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        ctx.target_max_block_size = 4 * 2**20  # small blocks: a chunk of records reaches an idle actor at once
        done = frozenset(out.done())
        paths = ray.data.from_items([{"path": str(f)} for f in files], override_num_blocks=max(1, len(files)))
        read = paths.map_batches(
            read_file_batches,  # type: ignore[arg-type]
            batch_size=1,
            # reading is light: it takes no CPU slot from the actors (else 2 actors on 2 CPUs starve it), at most one
            # reader per worker, and a resource request unlike the actors' keeps Ray from fusing the two steps
            num_cpus=0,
            compute=ray.data.TaskPoolStrategy(size=workers),
            fn_kwargs={"done": done, "chunk": opts.chunk},
        )
        ds = read.map_batches(
            Analyzer,
            batch_size=1,  # one chunk of records per call
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
            fn_constructor_kwargs={"options": opts.options, "page_timeout": opts.page_timeout},
        )
        seen: set[str] = set()
        for row in ds.iter_rows():
            result, dups = _dedupe(pickle.loads(row["result"]), seen)
            summary.duplicates += dups
            commit(out, result, summary)
            if progress:
                progress(0, 0, summary)  # results arrive in no file order: counts only, no byte position
    finally:
        if started:
            ray.shutdown()
