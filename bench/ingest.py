"""Corpus ingest from a WARC: 10,000 pages, killed with SIGKILL half-way, restarted; the count must be exact.

    .venv/bin/python bench/ingest.py              (about 4 minutes on 2 cores)
    .venv/bin/python bench/ingest.py --pages 2000

Builds a gzip WARC of generated news pages (evaluation/warcs.py: five outlets, three paragraphs each, plus a 404,
an image and an empty page every 50 pages), runs `newssift corpus add` as a subprocess, kills it with
SIGKILL once about half the pages are committed, checks the corpus opens and searches, runs the same command
again and checks that every page is stored exactly once. Prints pages/s for each run.
Writes bench/results/ingest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation.warcs import build_warc
from newssift.corroborate.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as con:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newssift-ingest-") as tmp:
        warc = Path(tmp) / "crawl.warc.gz"
        expected = build_warc(warc, args.pages)
        corpus = Path(tmp) / "corpus"
        cmd = [sys.executable, "-m", "newssift", "corpus", "add", str(corpus), str(warc), "--no-progress"]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        db = corpus / "corpus.sqlite"
        while proc.poll() is None and not (db.exists() and _count(db) >= args.pages // 2):
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        first_s = time.perf_counter() - t0
        at_kill = _count(db)
        with Corpus(corpus) as c:
            usable = bool(c.search(["council harbour bridge"], k=3)[0])
        t1 = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
        second_s = time.perf_counter() - t1
        with Corpus(corpus) as c:
            n, distinct = c.db.execute("SELECT count(*), count(DISTINCT key) FROM documents").fetchone()
            stats = c.stats()
    result = {
        "pages": args.pages,
        "stored_at_kill": at_kill,
        "usable_after_kill": usable,
        "stored_after_restart": n,
        "distinct_keys": distinct,
        "exact": n == distinct == expected["pages"],
        "first_run_s": round(first_s, 1),
        "first_run_pages_per_s": round(at_kill / first_s, 1),
        "second_run_s": round(second_s, 1),
        "second_run_pages_per_s": round((n - at_kill) / second_s, 1),
        "passages": stats["passages"],
        "corpus_mib": round(int(stats["bytes_on_disk"]) / 2**20, 1),  # type: ignore[call-overload]
        "second_run_summary": done.stderr.strip().splitlines()[0],
    }
    print(
        f"{args.pages:,} pages: killed at {at_kill:,} stored ({result['first_run_pages_per_s']} pages/s), corpus "
        f"usable: {usable}; restart stored {n - at_kill:,} more in {second_s:.0f} s "
        f"({result['second_run_pages_per_s']} pages/s incl. index build); total {n:,}, distinct {distinct:,}, "
        f"exact: {result['exact']}; {result['corpus_mib']} MiB"
    )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    if not result["exact"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
