"""Every option of `analyze`, `moderate`, `batch` and `corpus`: what it changes, and for a bad value its one clear
error and exit code (2 for a bad option or input, as click and newssift's own errors give; never a traceback)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from newssift.cli import app

runner = CliRunner()

PAGE = """Council votes to close the central library on Mondays
By Staff Reporter

The city council voted on Tuesday to close the central library on Mondays, the mayor said. "It will save the
city money," she told reporters.

The closure starts in May, and the library will open five days a week.

2 Comments

Anna K. says:
The head librarian said that three staff would lose their jobs.

Tom R. says:
You are a pathetic idiot and so is your fucking mayor.
"""

NO_COMMENTS = "Council votes to close the library\n\nThe city council voted on Tuesday to close the library.\n"


def invoke(*args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin)


def assert_error(res: Result, *needles: str, code: int = 2) -> None:
    """newssift's own refusal: the exit code, and ONE line on stderr, naming what was wrong; nothing on stdout."""
    assert res.exit_code == code, (res.exit_code, res.output, res.exception)
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("newssift: error:"), res.stderr
    assert all(n in lines[0] for n in needles), (needles, lines[0])
    assert res.stdout == ""


def assert_usage_error(res: Result, option: str, needle: str) -> None:
    """A value the option's type refuses: exit 2 and click's 'Error:' line naming the option and what was wrong
    (the value, or the bound it broke)."""
    assert res.exit_code == 2, (res.exit_code, res.output)
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("Error:")]
    assert len(errors) == 1 and option in errors[0] and needle in errors[0], res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""


@pytest.fixture
def page(tmp_path: Path) -> Path:
    p = tmp_path / "page.txt"
    p.write_text(PAGE, encoding="utf-8")
    return p


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    p = tmp_path / "plain.txt"
    p.write_text(NO_COMMENTS, encoding="utf-8")
    return p


def report(res: Result) -> dict:  # type: ignore[type-arg]
    assert res.exit_code == 0, (res.output, res.exception)
    return json.loads(res.stdout)  # type: ignore[no-any-return]


# --- analyze --------------------------------------------------------------------------------------------------


def test_analyze_policy_missing_or_invalid_is_one_line_naming_the_file(plain: Path, tmp_path: Path) -> None:
    """The page has no comments, so no policy is needed to analyse it: a bad --policy is refused all the same."""
    missing = tmp_path / "missing.yaml"
    assert_error(invoke("analyze", str(plain), "--policy", str(missing)), "no such policy file", str(missing))
    assert_error(invoke("analyze", str(plain), "--no-moderation", "--policy", str(missing)), str(missing))
    for name, text, needle in (
        ("broken.yaml", "labels: [1, 2\n  x: :\n", "not valid YAML"),
        ("shape.yaml", "- just\n- a list\n", "expected a mapping"),
        ("range.yaml", "labels:\n  hate: {remove: 2}\n", "from 0 to 1"),
        ("label.yaml", "labels:\n  rudeness: {remove: 0.5}\n", "unknown label"),
    ):
        bad = tmp_path / name
        bad.write_text(text, encoding="utf-8")
        assert_error(invoke("analyze", str(plain), "--policy", str(bad)), str(bad), needle)
    assert_error(invoke("analyze", str(plain), "--policy", str(tmp_path)), "cannot read policy file", str(tmp_path))


def test_analyze_policy_decides_the_actions(page: Path, tmp_path: Path) -> None:
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text("name: lenient\nlabels: {}\n", encoding="utf-8")  # no label ever acts
    default = report(invoke("analyze", str(page)))["comments"]
    mine = report(invoke("analyze", str(page), "--policy", str(lenient)))["comments"]
    assert default[1]["moderation"]["action"] in ("review", "remove")
    assert [c["moderation"]["action"] for c in mine] == ["allow", "allow"]
    assert {c["moderation"]["policy"] for c in mine} == {"lenient"}


def test_analyze_date_places_relative_dates_and_a_bad_date_is_refused(plain: Path) -> None:
    undated = report(invoke("analyze", str(plain)))
    assert undated["timeline"] == [] and any("give --date" in w for w in undated["warnings"])
    dated = report(invoke("analyze", str(plain), "--date", "2025-03-14"))  # a Friday
    assert [(e["text"], e["date"]) for e in dated["timeline"]] == [("Tuesday", "2025-03-11")]
    assert dated["document"]["date"] == "2025-03-14"
    for bad in ("14/03/2025", "2025-02-30", "yesterday"):
        assert_error(invoke("analyze", str(plain), "--date", bad), "--date", bad, "YYYY-MM-DD")


def test_analyze_formats_and_out(page: Path, tmp_path: Path) -> None:
    as_json = report(invoke("analyze", str(page), "--format", "json"))
    assert as_json["document"]["text"] == PAGE
    assert "## Comments (2)" in invoke("analyze", str(page), "-f", "md").stdout
    assert invoke("analyze", str(page), "-f", "html").stdout.lower().startswith("<!doctype html>")
    text = invoke("analyze", str(page), "-f", "text")
    assert text.exit_code == 0 and "Council votes to close" in text.stdout and not text.stdout.lstrip().startswith("{")
    assert_usage_error(invoke("analyze", str(page), "--format", "xml"), "--format", "xml")
    out = tmp_path / "r.json"
    res = invoke("analyze", str(page), "--out", str(out))
    assert res.exit_code == 0 and res.stdout == "" and f"wrote json report to {out}" in res.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == as_json
    nowhere = tmp_path / "no-such-folder" / "r.json"
    assert_error(invoke("analyze", str(page), "-o", str(nowhere)), "cannot write", str(nowhere))


def test_analyze_url_and_max_bytes(page: Path) -> None:
    url = "https://news.example.org/2025/library.html"
    assert report(invoke("analyze", str(page), "--url", url))["document"]["url"] == url
    size = len(PAGE.encode("utf-8"))
    assert report(invoke("analyze", str(page), "--max-bytes", str(size)))["document"]["text"] == PAGE
    assert_error(invoke("analyze", str(page), "--max-bytes", str(size - 1)), "larger than", "--max-bytes")
    assert_error(invoke("analyze", "-", "--max-bytes", "10", stdin=PAGE), "standard input", "larger than")
    assert_usage_error(invoke("analyze", str(page), "--max-bytes", "0"), "--max-bytes", "greater than or equal to 1")


def test_analyze_stage_switches(page: Path) -> None:
    full = report(invoke("analyze", str(page)))
    assert all(c["moderation"] for c in full["comments"]) and full["quotes"] and full["technique_summary"]
    bare = report(invoke("analyze", str(page), "--no-moderation", "--no-claims", "--no-techniques"))
    assert [c.get("moderation") for c in bare["comments"]] == [None, None]
    assert (bare["quotes"], bare["claims"], bare["timeline"]) == ([], [], [])
    assert (bare["techniques"], bare["technique_summary"]) == ([], None)
    assert bare["document"] == full["document"] and bare["comments"][1]["start"] == full["comments"][1]["start"]


def test_analyze_disable_stages_by_name(page: Path) -> None:
    by_name = invoke("analyze", str(page), "--disable", "moderation", "--disable", "claims", "--disable", "techniques")
    by_flags = invoke("analyze", str(page), "--no-moderation", "--no-claims", "--no-techniques")
    assert by_name.exit_code == 0 and report(by_name) == report(by_flags)
    assert report(invoke("analyze", str(page), "--disable", "provenance"))["provenance"] is None
    unknown = invoke("analyze", str(page), "--disable", "sentiment")
    assert unknown.exit_code == 2 and "no stage named 'sentiment'" in unknown.output
    needs = invoke("analyze", str(page), "--disable", "claims", "--corpus", str(page.parent))
    assert needs.exit_code == 2 and "needs the claims stage" in needs.output


def test_analyze_include_comments_reads_the_comments_for_quotes(page: Path) -> None:
    comment_start = PAGE.index("The head librarian")
    article_only = report(invoke("analyze", str(page)))
    assert article_only["quotes"] and all(q["cue"]["start"] < comment_start for q in article_only["quotes"])
    both = report(invoke("analyze", str(page), "--include-comments"))
    librarian = [q for q in both["quotes"] if q["cue"]["start"] > comment_start]
    assert [q["cue"]["text"] for q in librarian] == ["said"]
    assert librarian[0]["speaker"]["name"].endswith("librarian")
    assert librarian[0]["content"]["text"] == "three staff would lose their jobs"


def test_analyze_corpus_errors(page: Path, tmp_path: Path) -> None:
    assert_error(invoke("analyze", str(page), "--corpus", str(tmp_path / "nope")), "not a newssift corpus")
    assert_error(invoke("analyze", str(page), "--corpus", str(tmp_path), "--no-claims"), "--no-claims")


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = f"<html><body><article><h1>T</h1><p>{NO_COMMENTS}</p></article></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/story.html"
    finally:
        server.shutdown()
        server.server_close()


def test_analyze_allow_private(local_url: str) -> None:
    assert_error(invoke("analyze", local_url), "refusing to fetch", "--allow-private")
    fetched = report(invoke("analyze", local_url, "--allow-private"))
    assert "voted on Tuesday to close the library" in fetched["document"]["text"]
    assert fetched["document"]["url"] == local_url


# --- moderate -------------------------------------------------------------------------------------------------

COMMENTS = "Thanks for the article.\nYou are a pathetic idiot.\n"


def test_moderate_policy_out_and_progress(tmp_path: Path) -> None:
    rows = [json.loads(ln) for ln in invoke("moderate", "-", stdin=COMMENTS).stdout.splitlines()]
    assert [r["action"] for r in rows] == ["allow", rows[1]["action"]] and rows[1]["action"] in ("review", "remove")
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text("name: lenient\nlabels: {}\n", encoding="utf-8")
    res = invoke("moderate", "-", "--policy", str(lenient), stdin=COMMENTS)
    assert res.exit_code == 0 and [json.loads(ln)["action"] for ln in res.stdout.splitlines()] == ["allow"] * 2
    out = tmp_path / "verdicts.jsonl"
    res = invoke("moderate", "-", "--out", str(out), "--no-progress", stdin=COMMENTS)
    assert res.exit_code == 0 and res.stdout == "" and f"wrote 2 verdicts to {out}" in res.stderr
    assert [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()] == rows
    # the progress bar is for a terminal: the verdicts are the same with it asked for or not
    assert (
        invoke("moderate", "-", "--progress", stdin=COMMENTS).stdout == invoke("moderate", "-", stdin=COMMENTS).stdout
    )


def test_moderate_bad_values(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    assert_error(invoke("moderate", "-", "--policy", str(missing), stdin=COMMENTS), "no such policy file", str(missing))
    broken = tmp_path / "broken.yaml"
    broken.write_text("labels: [1, 2\n", encoding="utf-8")
    assert_error(invoke("moderate", "-", "--policy", str(broken), stdin=COMMENTS), str(broken), "not valid YAML")
    nowhere = tmp_path / "no-such-folder" / "v.jsonl"
    assert_error(invoke("moderate", "-", "--out", str(nowhere), stdin=COMMENTS), "cannot write", str(nowhere))
    assert_error(invoke("moderate", str(tmp_path / "none.txt")), "no such file")


# --- batch ----------------------------------------------------------------------------------------------------


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    (folder / "b.txt").write_text(NO_COMMENTS, encoding="utf-8")
    return folder


def test_batch_bad_values_are_refused_before_any_work(pages: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    at_least = "greater than or equal to"
    for option, value, needle in (
        ("--engine", "spark", "spark"),
        ("--workers", "0", f"{at_least} 1"),
        ("--chunk", "0", f"{at_least} 1"),
        ("--chunk", "10001", "less than or equal to 10000"),
        ("--page-timeout", "-1", f"{at_least} 0"),
        ("--limit", "0", f"{at_least} 1"),
    ):
        assert_usage_error(invoke("batch", str(pages), "--out", out, option, value), option, needle)
    res = invoke("batch", str(pages))
    assert res.exit_code == 2 and "--out" in res.stderr
    assert_error(invoke("batch", str(tmp_path / "none"), "--out", out), "no such file or folder")
    assert not (tmp_path / "out").exists()


def test_batch_policy_missing_is_one_line(pages: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    res = invoke("batch", str(pages), "--out", str(tmp_path / "out"), "--policy", str(missing), "--workers", "1")
    assert_error(res, "no such policy file", str(missing))


def test_batch_stage_switches_and_limit(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["batch", str(pages), "--out", str(out), "--workers", "1", "--chunk", "1", "--no-progress"]
    res = invoke(*args, "--limit", "1", "--no-moderation", "--no-claims", "--no-techniques", "--page-timeout", "0")
    assert res.exit_code == 0, (res.output, res.exception)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["total_pages"] == 1  # --limit 1 of the two pages
    assert summary["rows"].get("quotes", 0) == 0 and summary["rows"].get("techniques", 0) == 0


# --- corpus ---------------------------------------------------------------------------------------------------


def test_corpus_add_search_stats(pages: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    res = invoke("corpus", "add", str(corpus), str(pages), "--no-progress")
    assert res.exit_code == 0 and "added 2 documents" in res.stderr, res.output
    stats = json.loads(invoke("corpus", "stats", str(corpus), "--format", "json").stdout)
    assert stats["documents"] == 2
    assert invoke("corpus", "stats", str(corpus)).stdout.startswith("2 documents")
    hits = json.loads(invoke("corpus", "search", str(corpus), "library closed", "-k", "1", "-f", "json").stdout)
    assert len(hits) == 1 and "library" in hits[0]["passage"]["text"]
    assert "library" in invoke("corpus", "search", str(corpus), "library closed").stdout

    assert_usage_error(invoke("corpus", "search", str(corpus), "x", "-k", "0"), "-k", "greater than or equal to 1")
    assert_usage_error(invoke("corpus", "search", str(corpus), "x", "-k", "101"), "-k", "less than or equal to 100")
    assert_usage_error(invoke("corpus", "stats", str(corpus), "--format", "xml"), "--format", "xml")
    assert_error(invoke("corpus", "add", str(corpus), str(tmp_path / "none")), "no such file or folder")
    for command in (["stats", str(tmp_path / "nope")], ["search", str(tmp_path / "nope"), "x"]):
        assert_error(invoke("corpus", *command), "not a newssift corpus")
