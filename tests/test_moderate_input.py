"""`newssift moderate` refuses binary input (an executable, an image, data with NUL bytes) with one line and a
non-zero exit, from a file and from standard input, instead of moderating its bytes as comments."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT


def _moderate(source: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSSIFT_DEBUG"}
    cmd = [sys.executable, "-m", "newssift", "moderate", source, "--no-progress"]
    return subprocess.run(cmd, cwd=ROOT, input=stdin, capture_output=True, timeout=120, env=env)


def _nul_lines(path: Path) -> None:
    """Lines of text with NUL bytes in them: binary data that splits into many 'lines'."""
    rng = random.Random(3)
    path.write_bytes(b"".join(rng.randbytes(40) + b"\x00\x00ok\n" for _ in range(200)))


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(4).randbytes(3000))


@pytest.mark.parametrize("write", [_nul_lines, _png])
def test_moderate_refuses_binary_input(tmp_path: Path, write: Callable[[Path], None]) -> None:
    data = tmp_path / "comments.txt"
    write(data)
    for proc in (_moderate(str(data)), _moderate("-", stdin=data.read_bytes())):
        err = proc.stderr.decode()
        assert proc.returncode != 0 and proc.stdout == b"", err
        assert len(err.splitlines()) == 1 and ("binary data" in err or "a PNG image" in err), err


def test_moderate_refuses_an_executable() -> None:
    executable = Path(sys.executable).resolve()
    if executable.read_bytes()[:4] != b"\x7fELF":
        pytest.skip("the Python executable is not an ELF file here")
    proc = _moderate(str(executable))
    err = proc.stderr.decode()
    assert (
        proc.returncode != 0
        and proc.stdout == b""
        and err.splitlines() == ["newssift: error: input looks like an executable, not an HTML page or text"]
    )


def test_moderate_refuses_utf16_input(tmp_path: Path) -> None:
    """UTF-16 with a BOM passed the binary check and was then read as UTF-8, garbled: it is refused by name."""
    data = tmp_path / "comments.txt"
    data.write_bytes("You are an idiot\nThanks for the report\n".encode("utf-16"))
    proc = _moderate(str(data))
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2 and proc.stdout == b"" and len(err.splitlines()) == 1
    assert "must be UTF-8" in err and "UTF-16" in err


def test_lone_surrogates_get_a_verdict_not_a_crash(tmp_path: Path) -> None:
    """JSON can carry a lone surrogate ("\\ud800"), which is no character and which no UTF-8 output can write: the
    API reads it as U+FFFD one for one (spans stay where they were), the CLI writes that back, and the HTTP API
    refuses the request with a 400 (tests/test_perspective.py)."""
    import newssift

    text = "\ud800 Jews are vermin and should be gone."  # spans after it must still point at the words
    [v, only] = newssift.moderate([text, "\udfff" * 50_000])
    assert v.action == "remove" and only.action == "allow"
    hate = {lab.label: lab for lab in v.labels}["hate"]
    assert {"Jews", "vermin"} & {text[sp.start : sp.end] for sp in hate.spans}
    data = tmp_path / "comments.jsonl"
    data.write_text('{"id": "a\\ud800", "text": "bad \\udc00 text"}\n', encoding="utf-8")
    proc = _moderate(str(data))
    assert proc.returncode == 0, proc.stderr.decode()
    assert '"text": "bad \ufffd text"' in proc.stdout.decode() and '"id": "a\ufffd"' in proc.stdout.decode()


def test_a_page_with_lone_surrogates_is_analysed_not_crashed() -> None:
    """The same for a whole page given as a str: read as U+FFFD at ingest, one for one."""
    import newssift

    page = (
        "Reuters reported that the minister said \ud800 taxes will rise.\n\nComments\n\nThis is awful \udc00 nonsense."
    )
    report = newssift.analyze(page, claims=False, techniques=False)
    assert report.document.text.count("\ufffd") == 2 and len(report.document.text) == len(page.strip())
    report.model_dump_json()  # and it can be written out
