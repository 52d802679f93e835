"""Batch throughput: pages/s of `newssift batch` on 1 and 2 cores, locally and on Ray (local), and the scaling.

    .venv/bin/python bench/batch.py                 (800 pages; about 7 minutes on 2 cores)
    .venv/bin/python bench/batch.py --pages 100     (a quick look)

The pages are real news pages: the HTML of the Article Extraction Benchmark (../shared/data/
article_extraction_benchmark, 181 pages from many sites), written into one gzip WARC and cycled to --pages
records; without ../shared, the fictional pages in examples/ are cycled instead. Every stage runs (structure,
moderation, claims, techniques, provenance). Each configuration writes into a fresh output folder.

Two rates per run: end to end (pages / wall time, including starting workers and loading models in each), and
steady (pages after the first finished part / time from that part to the last), which is what a long crawl sees.
Scaling = steady rate on 2 workers / steady rate on 1. The driver (reading the WARC, writing Parquet) runs beside
the workers on the same cores. Writes bench/results/batch.json.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newssift.batch import BatchOptions, run_batch
from newssift.batch.output import Summary

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "data" / "article_extraction_benchmark" / "html"
RESULTS = ROOT / "bench" / "results" / "batch.json"


def pages() -> tuple[list[bytes], str]:
    if AEB.is_dir():
        files = sorted(AEB.glob("*.html.gz"))
        return [gzip.decompress(f.read_bytes()) for f in files], f"Article Extraction Benchmark ({len(files)} pages)"
    files = sorted((ROOT / "examples").glob("*.html")) + sorted((ROOT / "examples" / "corpus").glob("*.html"))
    return [f.read_bytes() for f in files], f"examples/ ({len(files)} pages)"


def write_warc(path: Path, n: int) -> str:
    bodies, what = pages()
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i, body in enumerate(islice(cycle(bodies), n)):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = w.create_warc_record(
                f"https://news.example/{i}", "response", payload=io.BytesIO(body), http_headers=headers
            )
            w.write_record(rec)
    return what


def run(warc: Path, engine: str, workers: int, tmp: Path) -> dict[str, float]:
    marks: list[tuple[float, int]] = []

    def progress(_done: int, _total: int, s: Summary) -> None:
        marks.append((time.perf_counter(), s.written))

    out = tmp / f"{engine}-{workers}"
    t0 = time.perf_counter()
    summary = run_batch([warc], out, BatchOptions(engine=engine, workers=workers, chunk=8), progress=progress)
    wall = time.perf_counter() - t0
    (t_first, n_first), (t_last, n_last) = marks[0], marks[-1]
    steady = (n_last - n_first) / (t_last - t_first) if t_last > t_first else float("nan")
    result = {
        "pages": summary.written,
        "bad": summary.total_bad,
        "wall_s": round(wall, 1),
        "end_to_end_pages_per_s": round(summary.written / wall, 2),
        "steady_pages_per_s": round(steady, 2),
    }
    print(f"{engine:5} {workers} worker(s): {json.dumps(result)}", flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=800)
    ap.add_argument("--engines", default="local,ray")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        warc = tmp / "bench.warc.gz"
        what = write_warc(warc, args.pages)
        results: dict[str, dict[str, dict[str, float]]] = {}
        for engine in args.engines.split(","):
            results[engine] = {str(w): run(warc, engine, w, tmp) for w in (1, 2)}
    scaling = {e: round(r["2"]["steady_pages_per_s"] / r["1"]["steady_pages_per_s"], 2) for e, r in results.items()}
    report = {
        "pages": args.pages,
        "input": what,
        "results": results,
        "scaling_1_to_2_steady": scaling,
        "goal": ">= 1.8x from 1 to 2 cores",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
    }
    print(json.dumps({"scaling_1_to_2_steady": scaling}, indent=2))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
