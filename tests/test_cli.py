"""The CLI as a user runs it: a real subprocess, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newssift
from tests.conftest import EXAMPLES


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("NEWSSIFT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "newssift", *args], input=stdin, capture_output=True, timeout=120, env=env
    )


def assert_clean_failure(proc: subprocess.CompletedProcess[bytes], needle: str) -> None:
    err = proc.stderr.decode()
    assert proc.returncode != 0
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("newssift: error:") and needle in lines[0], err
    assert proc.stdout == b""


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == f"newssift {newssift.__version__}"


def test_help_teaches() -> None:
    out = run("analyze", "--help").stdout.decode()
    for needle in ("SOURCE", "--format", "--out", "--allow-private", "Examples"):
        assert needle in out


def test_json_equals_python_api() -> None:
    page = EXAMPLES / "harbour-bridge-closure.html"
    proc = run("analyze", str(page))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == newssift.analyze(page).model_dump(mode="json")


def test_stdin_and_formats(tmp_path: Path) -> None:
    data = (EXAMPLES / "school-meals-vote.txt").read_bytes()
    md = run("analyze", "-", "--format", "md", stdin=data)
    assert md.returncode == 0
    assert "## Comments (3)" in md.stdout.decode()
    out = tmp_path / "report.txt"
    txt = run("analyze", str(EXAMPLES / "school-meals-vote.txt"), "--format", "text", "--out", str(out))
    assert txt.returncode == 0 and txt.stdout == b""
    assert "comments · 3" in out.read_text(encoding="utf-8")


def test_schema_command_matches_published_file() -> None:
    proc = run("schema")
    published = Path(__file__).resolve().parent.parent / "schema" / "newssift.report-1.schema.json"
    assert json.loads(proc.stdout) == json.loads(published.read_text(encoding="utf-8"))


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert_clean_failure(run("analyze", str(p)), "empty")


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "data.bin"
    p.write_bytes(os.urandom(4096))
    assert_clean_failure(run("analyze", str(p)), "binary")


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    p = tmp_path / "huge.html"
    with p.open("wb") as fh:
        fh.write(b"<html><body>")
        chunk = b"<p>" + b"lorem ipsum " * 800 + b"</p>\n"
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    assert_clean_failure(run("analyze", str(p)), "larger than")


def test_invalid_utf8_is_analysed(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes(b"Caf\xe9 owners in M\xfcnchen protest new rules\n\nThe city council voted on \xff Tuesday.\n")
    proc = run("analyze", str(p))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert "council voted" in report["document"]["text"]


def test_loopback_url_refused() -> None:
    assert_clean_failure(run("analyze", "http://127.0.0.1:9/page"), "refusing to fetch")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert_clean_failure(run("analyze", str(tmp_path / "nope.html")), "no such file")
    assert_clean_failure(run("analyze", str(tmp_path)), "directory")


@pytest.mark.parametrize("fmt", ["json", "md", "text"])
def test_hostile_page_every_format(tmp_path: Path, fmt: str) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(
        "<html><body><article><h1>T</h1>"
        + "<p>Normal paragraph of a story about a council meeting, long enough to count as text.</p>" * 4
        + "</article><ol class='commentlist'><li class='comment' id='comment-1'><div class='comment-content'>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(2)> \x1b[31mred\x1b[0m [bold]x[/bold]</p>"
        "</div></li></ol></body></html>",
        encoding="utf-8",
    )
    proc = run("analyze", str(page), "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "\x1b" not in out
    if fmt == "md":
        assert "<script>" not in out and "&lt;script&gt;" in out
