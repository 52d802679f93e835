"""Batch analysis of crawls: WARC/JSONL/HTML → Parquet, exact counts with broken records, DuckDB over the output,
the same rows on Ray as locally, and a kill -9 halfway followed by a restart that loses and doubles nothing."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from evaluation.warcs import article_html, build_warc, damage_member, write_response
from newssift.batch import BatchOptions, run_batch
from newssift.cli import app
from newssift.pipeline import Options
from tests.helpers import assert_linear

from .conftest import EXAMPLES, ROOT

TABLES = ("pages", "comments", "quotes", "claims", "techniques")


def _comment_warc(path: Path, copies: int) -> None:
    """*copies* responses of the example page with a comment thread (each its own record and URL)."""
    from warcio.warcwriter import WARCWriter

    html = (EXAMPLES / "harbour-bridge-closure.html").read_bytes()
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(copies):
            write_response(writer, f"https://harbourcourier.example/news/bridge-{i}", html, "text/html; charset=utf-8")


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


def test_settings_record_stages_disabled_by_name() -> None:
    """A resumed batch compares these settings: a stage disabled by name (Options.disable) is one of them, and the
    booleans read the same whether a stage was switched off by its boolean or by name."""
    by_bool = BatchOptions(options=Options(techniques=False)).settings()
    by_name = BatchOptions(options=Options(disable=("techniques",))).settings()
    assert by_bool == by_name and by_bool["techniques"] is False and "disable" not in by_bool
    other = BatchOptions(options=Options(disable=("provenance",))).settings()
    assert other["disable"] == ["provenance"] and other != BatchOptions().settings()


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


def _children(pid: int) -> set[int]:
    """The processes whose parent is *pid* (Linux /proc)."""
    kids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            kids.add(int(stat.parent.name))
    return kids


def _running(pid: int) -> bool:
    """*pid* exists and is not a zombie (an orphan's zombie waits for a reaper that a container may not have)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _manifest_count(manifest: Path) -> int:
    if not manifest.exists():
        return 0
    try:
        with sqlite3.connect(manifest, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM records WHERE status='ok'").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux /proc")
def test_kill_9_of_the_driver_ends_its_workers_and_a_restart_is_exact(tmp_path: Path) -> None:
    """kill -9 of the batch driver alone (not its process group): its workers and the multiprocessing resource
    tracker end on their own; the restart skips what was written, and the output has the very rows of one
    uninterrupted run, in every table (every page repeats a quote: two rows, told apart by their offsets)."""
    warc = tmp_path / "big.warc.gz"
    counts = build_warc(warc, 120, junk=False, pull_quotes=True)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "newssift", "batch", str(warc), "--out", str(out), "--workers", "2", "--chunk", "8",
           "--no-progress", "--no-moderation"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while (written := _manifest_count(out / "manifest.sqlite3")) < 24:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "the batch did not get going"
            time.sleep(0.2)
        children = _children(proc.pid)
        assert len(children) >= 3  # two workers and the resource tracker
        os.kill(proc.pid, signal.SIGKILL)  # the driver only, mid-run
        proc.wait(timeout=30)
        deadline = time.monotonic() + 60  # workers look for their driver every half second
        while (alive := {pid for pid in children if _running(pid)}) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive, f"{len(alive)} of the driver's {len(children)} processes outlived it"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert written < counts["pages"]

    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["skipped_done"] >= 24 and summary["skipped_done"] + summary["written"] == counts["pages"]
    n, distinct = _one(f"SELECT count(*), count(DISTINCT key) FROM read_parquet('{out}/pages/*.parquet')")
    assert n == distinct == counts["pages"]
    with sqlite3.connect(out / "manifest.sqlite3") as db:
        parts = db.execute("SELECT count(*) FROM parts").fetchone()[0]
    for table in TABLES:
        files = list((out / table).iterdir())
        assert len(files) == parts and all(f.suffix == ".parquet" for f in files), table

    whole = tmp_path / "whole"
    run_batch([warc], whole, BatchOptions(options=Options(moderate=False), workers=2, chunk=8))
    for table in TABLES:
        assert _rows(out, table) == _rows(whole, table), table
    quotes = f"read_parquet('{out}/quotes/*.parquet')"
    assert _one(f"SELECT count(*) FROM {quotes}")[0] >= 2 * counts["pages"]
    assert _one(f"SELECT count(*) FROM (SELECT DISTINCT * FROM {quotes})") == _one(f"SELECT count(*) FROM {quotes}")


def test_a_repeated_quote_is_two_rows_told_apart(tmp_path: Path) -> None:
    """A page that gives a quote twice (in the text and as a pull quote) has two quote rows, with the offsets
    and index that tell them apart, as report.quotes has: no two rows of the quotes table are the same."""
    import random

    from newssift.batch.output import Output
    from newssift.batch.work import Item, analyze_chunk

    rng = random.Random(1)
    items = []
    for i in range(3):
        url, html = article_html(i, rng, pull_quote=True)
        items.append(Item(key=f"k{i}", where=f"f@{i}", url=url, data=html.encode(), kind="html"))
    result = analyze_chunk(items, Options(moderate=False, techniques=False), page_timeout=60)
    out = Output(tmp_path / "out", {})
    out.write(result)
    out.close()
    quotes = f"read_parquet('{tmp_path}/out/quotes/*.parquet')"
    assert _one(f"SELECT count(*) FROM (SELECT DISTINCT * FROM {quotes})") == _one(f"SELECT count(*) FROM {quotes}")
    said = duckdb.sql(f"SELECT key, content, start FROM {quotes} WHERE speaker = 'Anna Berg' ORDER BY ALL").fetchall()
    assert len(said) == 6 and len({(k, c) for k, c, _ in said}) == 3  # each page's quote, twice
    for key, content, start in said:
        (text,) = _one(
            f"SELECT report.document.text FROM read_parquet('{tmp_path}/out/pages/*.parquet') WHERE key = '{key}'"
        )
        assert text[start : start + len(content)] == content


def test_an_output_with_other_columns_is_not_resumed(tmp_path: Path) -> None:
    """Parts of one output must have the same columns (DuckDB reads them as one table): an output written by a
    version of newssift with other tables, or before the tables' version was kept, is refused with one line."""
    from newssift.batch.output import Output
    from newssift.batch.work import ChunkResult
    from newssift.errors import InputError

    Output(tmp_path / "empty", {}).close()
    Output(tmp_path / "empty", {}).close()  # an output with no parts yet can be resumed
    for change in ("UPDATE meta SET v = 'other' WHERE k = 'tables'", "DELETE FROM meta WHERE k = 'tables'"):
        out = tmp_path / change.split()[0]
        first = Output(out, {})
        first.write(ChunkResult())
        first.close()
        Output(out, {}).close()
        with sqlite3.connect(out / "manifest.sqlite3") as db:
            db.execute(change)
        with pytest.raises(InputError, match="tables of another newssift version"):
            Output(out, {})


@pytest.mark.parametrize("how", ["truncate", "corrupt"])
def test_a_bad_gzip_member_costs_one_record(tmp_path: Path, how: str) -> None:
    """One gzip member per record (as CC-NEWS): a truncated or corrupt member is one bad record where it starts,
    and reading goes on with the next record."""
    from newssift.sources import BadRecord
    from newssift.warc import read_warc

    warc = tmp_path / "news.warc.gz"
    build_warc(warc, 100, junk=False)
    start = damage_member(warc, 50, how)  # the 51st record
    read = list(read_warc(warc))
    bad = [r for r in read if isinstance(r, BadRecord)]
    assert len(read) == 100 and len(bad) == 1, [b.reason for b in bad]
    assert bad[0].where == f"{warc}@{start}" and bad[0].reason.startswith("unreadable WARC data")
    urls = [r.url for r in read if not isinstance(r, BadRecord)]
    assert len(urls) == 99 and not any(u and u.endswith("/news/50") for u in urls)


def test_cli_counts_a_truncated_member_and_goes_on(tmp_path: Path) -> None:
    warc = tmp_path / "news.warc.gz"
    build_warc(warc, 100, junk=False)
    damage_member(warc, 50, "truncate")
    out = tmp_path / "out"
    args = ["batch", str(warc), "--out", str(out), "--workers", "1", "--no-progress", "--no-moderation",
            "--no-claims", "--no-techniques"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["written"], summary["bad"], summary["bad_reasons"]) == (99, 1, {"unreadable WARC data": 1})
    assert "wrote 99 pages" in result.output and "1 bad records" in result.output
    assert "1 × unreadable WARC data" in result.output


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(5000))


def _gzip_of_random_bytes(path: Path) -> None:
    path.write_bytes(gzip.compress(random.Random(7).randbytes(5000)))


def _text(path: Path) -> None:
    path.write_text("This is not a crawl.\nIt is two lines of text.\n", encoding="utf-8")


@pytest.mark.parametrize("write", [_random_bytes, _gzip_of_random_bytes, _text])
def test_a_file_that_is_not_a_warc_is_one_clear_line(tmp_path: Path, write: Callable[[Path], None]) -> None:
    warc = tmp_path / "x.warc.gz"
    write(warc)
    result = CliRunner().invoke(app, ["batch", str(warc), "--out", str(tmp_path / "out"), "--no-progress"])
    assert result.exit_code != 0
    lines = result.output.splitlines()
    assert len(lines) == 1 and "not a WARC file" in lines[0], result.output
    assert lines[0].isascii() and lines[0].isprintable()  # no raw bytes of the file


def test_page_timeout_is_a_bad_record_not_a_stop(tmp_path: Path) -> None:
    from newssift.batch.work import Item, analyze_chunk

    html = (EXAMPLES / "harbour-bridge-closure.html").read_bytes()
    items = [Item(key=f"k{i}", where=f"f@{i}", data=html, kind="html") for i in range(2)]
    result = analyze_chunk(items, Options(), page_timeout=1e-4)
    assert [k for k, _, _ in result.bad] == ["k0", "k1"] and "longer than" in result.bad[0][2]
    assert analyze_chunk(items, Options(), page_timeout=60).ok == [("k0", "f@0"), ("k1", "f@1")]


def test_resync_cost_stays_linear_on_a_hostile_file(tmp_path: Path) -> None:
    """A file where every 15 bytes start a gzip member that fails only far on (a stored block claiming 65,530
    bytes): each resync candidate used to read on, so the cost grew with the square of the size (2,000 units
    0.03 s, 8,000 units 0.25 s); a resync budget proportional to the file keeps it linear. Found on review."""
    import struct

    from newssift.warc import read_warc

    unit = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + b"\x00" + struct.pack("<HH", 65530, 65530 ^ 0xFFFF)

    def run(n: int) -> None:
        path = tmp_path / f"hostile-{n}.warc.gz"
        path.write_bytes(b"\x1f\x8b\x08garbage" + unit * n)
        records = list(read_warc(path))
        assert len(records) == 1 and "unreadable WARC data" in records[0].reason

    assert_linear(run, 5_000, bound=6.0)
