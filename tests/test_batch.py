"""Batch analysis of crawls: WARC/JSONL/HTML → Parquet, exact counts with broken records, DuckDB over the output,
the same rows on Ray as locally, and a kill -9 halfway followed by a restart that loses and doubles nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newssift.batch import BatchOptions, run_batch
from newssift.cli import app
from newssift.pipeline import Options

from .conftest import EXAMPLES, ROOT
from .warcs import _response, build_warc

TABLES = ("pages", "comments", "quotes", "claims", "techniques")


def _comment_warc(path: Path, copies: int) -> None:
    """*copies* responses of the example page with a comment thread (each its own record and URL)."""
    from warcio.warcwriter import WARCWriter

    html = (EXAMPLES / "harbour-bridge-closure.html").read_bytes()
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(copies):
            _response(writer, f"https://harbourcourier.example/news/bridge-{i}", html, "text/html; charset=utf-8")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    d = tmp_path_factory.mktemp("crawl")
    counts = build_warc(d / "news.warc.gz", 220, truncate=True)  # the last page's record is cut off
    _comment_warc(d / "comments.warc.gz", 5)
    lines = [
        {
            "id": "j1",
            "url": "https://example.org/j1",
            "text": "Dock strike ends\n\nDock workers voted to return on Monday, the union said.",
        },
        {
            "id": "j2",
            "html": "<html><body><article><h1>Tram fares</h1><p>Tram fares will rise by 5% in April, the operator said on Friday.</p></article></body></html>",
        },
    ]
    (d / "extra.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n", encoding="utf-8")
    expected = {
        "pages": counts["pages"] - 1 + 5 + 2,
        "HTTP status 404": counts["not_found"],
        "not a page (image/png)": counts["not_html"],
        "no article or comments found": counts["no_article"],
        "record truncated (the file ends inside it)": 1,
        "not JSON": 1,
        "comments": 5 * 4,
    }
    expected["bad"] = sum(v for k, v in expected.items() if k not in ("pages", "comments"))
    return d, expected


def _one(sql: str) -> tuple[object, ...]:
    return tuple(duckdb.sql(sql).fetchall()[0])


def _rows(out: Path, table: str) -> list[tuple[object, ...]]:
    return duckdb.sql(f"SELECT * FROM read_parquet('{out}/{table}/*.parquet') ORDER BY ALL").fetchall()


def test_local_batch_counts_exactly_and_duckdb_reads_it(crawl: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    d, expected = crawl
    out = tmp_path / "out"
    summary = run_batch([d], out, BatchOptions(workers=2, chunk=8))
    assert summary.written == summary.total_pages == expected["pages"]
    for reason in ("HTTP status 404", "not a page (image/png)", "no article or comments found", "not JSON"):
        assert summary.bad_reasons.get(reason) == expected[reason], summary.bad_reasons
    assert summary.bad_reasons["record truncated (the file ends inside it)"] == 1
    assert summary.bad == summary.total_bad == sum(summary.bad_reasons.values()) == expected["bad"]
    assert all("@" in b["where"] or ":" in b["where"] for b in summary.bad_examples)  # file and offset or line

    pages = f"read_parquet('{out}/pages/*.parquet')"
    n, distinct, publishers = _one(f"SELECT count(*), count(DISTINCT key), count(DISTINCT publisher) FROM {pages}")
    assert n == distinct == expected["pages"] and publishers >= 6
    assert summary.rows["comments"] == expected["comments"] == len(_rows(out, "comments"))
    # the nested report and the flat comments table agree
    nested = _one(
        f"SELECT count(*) FROM (SELECT unnest(report.comments) AS c FROM {pages}) WHERE c.moderation.action IS NOT NULL"
    )
    assert nested == (expected["comments"],)
    top = duckdb.sql(
        f"SELECT publisher, avg((action = 'remove')::INT) FROM read_parquet('{out}/comments/*.parquet') GROUP BY 1"
    ).fetchall()
    assert [p for p, _ in top] == ["The Lakeside Courier"]  # the only outlet with comments: the example page's
    assert _one(f"SELECT count(*) FROM read_parquet('{out}/claims/*.parquet')")[0] > expected["pages"]
    (marked,) = _one(f"SELECT sum(techniques) FROM {pages}")
    assert marked and marked == len(_rows(out, "techniques")) == summary.rows["techniques"]
    text = _one(f"SELECT report.document.text FROM {pages} WHERE key = 'jsonl:j1'")
    assert text is not None and text[0].startswith("Dock strike ends")

    # a second run over the same inputs writes nothing
    again = run_batch([d], out, BatchOptions(workers=2, chunk=8))
    assert again.written == 0 and again.bad == 0 and again.skipped_done == expected["pages"] + expected["bad"]
    assert again.total_pages == expected["pages"]
    # the same records given twice in one run are written once
    twice = tmp_path / "twice"
    shutil.copy(d / "comments.warc.gz", tmp_path / "copy.warc.gz")
    s = run_batch([d / "comments.warc.gz", tmp_path / "copy.warc.gz"], twice, BatchOptions(workers=1))
    assert (s.written, s.duplicates) == (5, 5)

    # and on Ray (local, 2 CPUs): the same rows in every table
    pytest.importorskip("ray")
    ray_out = tmp_path / "ray"
    rs = run_batch([d], ray_out, BatchOptions(engine="ray", workers=2, chunk=8))
    assert (rs.written, rs.total_bad, rs.bad_reasons) == (summary.written, summary.total_bad, summary.bad_reasons)
    for table in TABLES:
        assert _rows(ray_out, table) == _rows(out, table), table


def test_other_stages_need_a_new_out(tmp_path: Path, crawl: tuple[Path, dict[str, int]]) -> None:
    d, _ = crawl
    out = tmp_path / "o"
    run_batch([d / "extra.jsonl"], out, BatchOptions(workers=1))
    result = CliRunner().invoke(app, ["batch", str(d / "extra.jsonl"), "--out", str(out), "--no-claims"])
    assert result.exit_code == 2 and "other stages" in result.output
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "nope.warc.gz"), "--out", str(out)])
    assert result.exit_code == 2 and "no such file" in result.output


def test_cli_writes_summary_and_counts(tmp_path: Path, crawl: tuple[Path, dict[str, int]]) -> None:
    d, _ = crawl
    out = tmp_path / "cli"
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(d / "comments.warc.gz"),
            str(d / "extra.jsonl"),
            "--out",
            str(out),
            "--workers",
            "1",
            "--no-progress",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text())
    assert summary["total_pages"] == 7 and summary["total_bad"] == 1
    assert "wrote 7 pages" in result.output and "not JSON" in result.output


def test_kill_9_halfway_then_restart_is_exact(tmp_path: Path) -> None:
    warc = tmp_path / "big.warc.gz"
    counts = build_warc(warc, 500, junk=False)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "newssift", "batch", str(warc), "--out", str(out), "--workers", "2", "--chunk", "8",
           "--no-progress", "--no-moderation"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    manifest = out / "manifest.sqlite3"
    deadline = time.monotonic() + 240
    written = 0
    while written < 150:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the batch did not get going"
        time.sleep(0.2)
        if manifest.exists():
            try:
                with sqlite3.connect(manifest, timeout=5) as db:
                    written = db.execute("SELECT count(*) FROM records WHERE status='ok'").fetchone()[0]
            except sqlite3.OperationalError:
                continue
    os.killpg(proc.pid, signal.SIGKILL)  # kill -9 the run and its worker processes, mid-write
    proc.wait(timeout=30)
    assert written < counts["pages"]

    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["skipped_done"] >= 150 and summary["skipped_done"] + summary["written"] == counts["pages"]
    n, distinct = _one(f"SELECT count(*), count(DISTINCT key) FROM read_parquet('{out}/pages/*.parquet')")
    assert n == distinct == counts["pages"]
    with sqlite3.connect(manifest) as db:
        parts = db.execute("SELECT count(*) FROM parts").fetchone()[0]
    for table in TABLES:
        files = list((out / table).iterdir())
        assert len(files) == parts and all(f.suffix == ".parquet" for f in files), table
    titles = _one(f"SELECT count(DISTINCT report.document.title) FROM read_parquet('{out}/pages/*.parquet')")
    assert titles == (counts["pages"],)


def test_page_timeout_is_a_bad_record_not_a_stop(tmp_path: Path) -> None:
    from newssift.batch.work import Item, analyze_chunk

    html = (EXAMPLES / "harbour-bridge-closure.html").read_bytes()
    items = [Item(key=f"k{i}", where=f"f@{i}", data=html, kind="html") for i in range(2)]
    result = analyze_chunk(items, Options(), page_timeout=1e-4)
    assert [k for k, _, _ in result.bad] == ["k0", "k1"] and "longer than" in result.bad[0][2]
    assert analyze_chunk(items, Options(), page_timeout=60).ok == [("k0", "f@0"), ("k1", "f@1")]
