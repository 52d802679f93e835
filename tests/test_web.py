"""The reviewer's desk and its API, against a real `newssift serve` process on loopback.

API tests use a real HTTP client (httpx). Browser tests drive Debian's Chromium headless through Playwright
(`apt-get install -y chromium`; `.ci/run` installs it). Without /usr/bin/chromium they are skipped, unless
NEWSSIFT_REQUIRE_BROWSER=1 (as in CI), which makes a missing browser a failure.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from newssift.store import ReportStore

from .conftest import ROOT

REPO = ROOT
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Server:
    def __init__(self, url: str, db: Path) -> None:
        self.url, self.db = url, db


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("serve")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp / "reports.sqlite3"
    log = (tmp / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newssift", "serve", "--port", str(port), "--db", str(db)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("newssift serve did not start: " + (tmp / "server.log").read_text()[-2000:])
        time.sleep(0.2)
    yield Server(url, db)
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def _analyze(server: Server, payload: Any, wait: float = 90) -> httpx.Response:
    return httpx.post(f"{server.url}/v1/analyze", params={"wait": wait}, json=payload, timeout=wait + 30)


# --------------------------------------------------------------------------------------------------- API


def test_analyze_and_fetch_report(server: Server, example_text: str) -> None:
    r = _analyze(server, {"text": example_text, "date": "2022-07-24"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "done" and body["error"] is None
    assert r.headers["location"] == f"/v1/reports/{body['id']}"
    report = body["report"]
    assert [c["id"] for c in report["comments"]] == ["1", "2", "3", "3.1"]
    assert report["provenance"]["credited"][0]["name"] == "RT"
    again = httpx.get(f"{server.url}/v1/reports/{body['id']}", timeout=10).json()
    assert again["report"] == report and again["overrides"] == []
    listed = httpx.get(f"{server.url}/v1/reports", timeout=10).json()["reports"]
    assert body["id"] in [x["id"] for x in listed]


def test_analyze_disables_stages_by_name(server: Server) -> None:
    text = "The council said on Monday that the harbour bridge would close for six weeks from 2 April."
    assert _analyze(server, {"text": text}).json()["report"]["quotes"]
    r = _analyze(server, {"text": text, "disable": ["techniques", "claims"]})
    assert r.status_code == 200, r.text
    report = r.json()["report"]
    assert (report["techniques"], report["quotes"], report["claims"]) == ([], [], [])
    assert report["provenance"] is not None


def test_analyze_without_wait_answers_202_then_finishes(server: Server) -> None:
    r = httpx.post(f"{server.url}/v1/analyze", json={"text": "Short note.\n\nNothing else here."}, timeout=30)
    assert r.status_code == 202, r.text
    aid = r.json()["id"]
    assert r.json()["status"] in ("queued", "running", "done") and r.headers["location"] == f"/v1/reports/{aid}"
    deadline = time.monotonic() + 60
    while (state := httpx.get(f"{server.url}/v1/reports/{aid}", timeout=10).json())["status"] not in (
        "done",
        "failed",
    ):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert state["status"] == "done", state


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"{not json", "INVALID_JSON"),
        (b"[1, 2]", None),
        (b"{}", "MISSING_INPUT"),
        (b'{"text": "a", "url": "https://example.org/"}', "MISSING_INPUT"),
        (b'{"text": "   "}', "MISSING_INPUT"),
        (b'{"text": 42}', "MISSING_INPUT"),
        (b'{"text": "Some text.", "date": "last Tuesday"}', None),
        (b'{"text": "Some text.", "date": 20260101}', None),
        (b'{"text": "Some text.", "disable": "claims"}', None),
        (b'{"text": "Some text.", "disable": ["sentiment"]}', None),
    ],
)
def test_bad_requests_are_clear_400s(server: Server, payload: bytes, reason: str | None) -> None:
    r = httpx.post(
        f"{server.url}/v1/analyze", content=payload, headers={"Content-Type": "application/json"}, timeout=30
    )
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["code"] == 400 and err["message"]
    if reason:
        assert err["details"][0]["errorType"] == reason


def test_ten_megabyte_body_is_refused(server: Server) -> None:
    body = b'{"text": "' + b"a" * (10 * 1024 * 1024) + b'"}'
    r = httpx.post(f"{server.url}/v1/analyze", content=body, headers={"Content-Type": "application/json"}, timeout=60)
    assert r.status_code == 413
    assert "larger than" in r.json()["error"]["message"]


def test_chunked_body_without_length_is_capped_too(server: Server) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield b"a" * (1024 * 1024)
        yield b'"}'

    r = httpx.post(
        f"{server.url}/v1/analyze", content=chunks(), headers={"Content-Type": "application/json"}, timeout=60
    )
    assert r.status_code == 413


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:22/", "http://localhost/admin", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/"],
)
def test_private_urls_are_refused(server: Server, url: str) -> None:
    r = _analyze(server, {"url": url}, wait=0)
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["details"][0]["errorType"] == "URL_REFUSED"
    assert "refusing to fetch" in err["message"]


def test_non_http_url_is_refused(server: Server) -> None:
    r = _analyze(server, {"url": "file:///etc/passwd"}, wait=0)
    assert r.status_code == 400 and "not an http(s) URL" in r.json()["error"]["message"]


def test_form_encoded_post_to_json_api_is_refused(server: Server) -> None:
    r = httpx.post(f"{server.url}/v1/analyze", data={"text": "hello"}, timeout=10)
    assert r.status_code == 415


def test_unknown_report_is_404(server: Server) -> None:
    r = httpx.get(f"{server.url}/v1/reports/no-such-id", timeout=10)
    assert r.status_code == 404 and r.json()["error"]["status"] == "NOT_FOUND"
    assert httpx.get(f"{server.url}/reports/no-such-id", timeout=10).status_code == 404


def test_override_api_validates_and_records(server: Server) -> None:
    text = (
        "Bridge works start in May\n\nThe bridge will close for six weeks, the council said.\n\n"
        "Comments\n\n1. You are a pathetic idiot and everyone knows it.\n\n2. Will the ferry run more often?\n"
    )
    done = _analyze(server, {"text": text}).json()
    aid, comments = done["id"], done["report"]["comments"]
    assert comments, done["report"]["warnings"]
    cid = comments[0]["id"]
    url = f"{server.url}/v1/reports/{aid}/overrides"
    bad = [
        ({"comment": cid, "action": "delete", "reason": "x"}, 400),
        ({"comment": cid, "action": "allow", "reason": "  "}, 400),
        ({"comment": "no-such-comment", "action": "allow", "reason": "x"}, 404),
        ({"action": "allow", "reason": "x"}, 400),
    ]
    for payload, code in bad:
        assert httpx.post(url, json=payload, timeout=10).status_code == code, payload
    assert httpx.post(f"{server.url}/v1/reports/nope/overrides", json=bad[0][0], timeout=10).status_code == 404
    ok = httpx.post(url, json={"comment": cid, "action": "allow", "reason": "satire", "reviewer": "kim"}, timeout=10)
    assert ok.status_code == 201, ok.text
    assert ok.json()["previous"] == comments[0]["moderation"]["action"]
    log = httpx.get(f"{server.url}/v1/reports/{aid}", timeout=10).json()["overrides"]
    assert [(o["comment"], o["action"], o["reason"], o["reviewer"]) for o in log] == [(cid, "allow", "satire", "kim")]
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", log[0]["at"])


def test_csrf_and_origin_are_checked(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        home = client.get("/")
        assert home.status_code == 200 and "newssift_csrf" in client.cookies
        token = re.search(r'name="csrf" value="([^"]+)"', home.text)
        assert token is not None
        # no token in the form
        assert client.post("/analyze", data={"text": "Hello there."}).status_code == 403
        # a token that is not the cookie's
        assert client.post("/analyze", data={"text": "Hello there.", "csrf": "x" * 43}).status_code == 403
        # the right token, sent from another site
        evil = client.post(
            "/analyze", data={"text": "Hello there.", "csrf": token.group(1)}, headers={"Origin": "https://evil.test"}
        )
        assert evil.status_code == 403
        ok = client.post("/analyze", data={"text": "Hello there.", "csrf": token.group(1)})
        assert ok.status_code == 303 and ok.headers["location"].startswith("/reports/")
        for path in ("/", ok.headers["location"]):
            csp = client.get(path).headers["content-security-policy"]
            assert "default-src 'none'" in csp and "script-src" not in csp


def test_form_needs_exactly_one_input(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text)
        assert token is not None
        r = client.post("/analyze", data={"csrf": token.group(1), "text": "Some text", "url": "https://example.org"})
        assert r.status_code == 400 and "exactly one" in r.text
        r = client.post("/analyze", data={"csrf": token.group(1), "url": "http://192.168.1.1/"})
        assert r.status_code == 400 and "refusing to fetch" in r.text


def test_progress_page_shows_the_running_stage(server: Server) -> None:
    store = ReportStore(server.db)  # the server's own database: an analysis another worker is running
    aid = store.create("text", "a page in progress")
    store.set_stage(aid, "claims")
    r = httpx.get(f"{server.url}/reports/{aid}", timeout=10)
    assert r.status_code == 200
    assert '<meta http-equiv="refresh" content="1">' in r.text
    assert re.search(r'<li class="now">claims</li>', r.text)
    assert re.search(r'<li class="done">moderation</li>', r.text)
    assert httpx.get(f"{server.url}/v1/reports/{aid}", timeout=10).json()["stage"] == "claims"
    store.fail(aid, "stopped by the test")
    page = httpx.get(f"{server.url}/reports/{aid}", timeout=10).text
    assert "stopped by the test" in page and "refresh" not in page


# --------------------------------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("NEWSSIFT_REQUIRE_BROWSER") == "1":
            pytest.fail("/usr/bin/chromium is missing (apt-get install -y chromium)")
        pytest.skip("/usr/bin/chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def _submit_text(page: Any, server: Server, text: str) -> None:
    page.goto(f"{server.url}/")
    page.fill("#text", text)
    page.click("button[type=submit]")
    page.wait_for_selector("#comments", timeout=90_000)  # the progress page refreshes itself until the report


def test_browser_review_flow(server: Server, browser: Any, tmp_path: Path, example_text: str) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    _submit_text(page, server, example_text)
    aid = page.get_attribute("#report", "data-analysis")
    report = httpx.get(f"{server.url}/v1/reports/{aid}", timeout=10).json()["report"]
    expected = {c["id"]: c["moderation"]["action"] for c in report["comments"]}

    comments = page.locator("#comments .comment")
    assert comments.count() == 4
    shown = {}
    for i in range(4):
        c = comments.nth(i)
        cid = c.get_attribute("data-comment")
        shown[cid] = c.locator(".action").inner_text().strip().lower()
        assert c.locator(".labels li").count() >= 1
    assert shown == expected
    assert "depth-1" in (page.locator("#comment-3\\.1").get_attribute("class") or "")
    # quotes are coloured by speaker; the credited origin is on the provenance card
    assert page.locator("#article .quote.spk-0").count() >= 3
    assert "RT" in page.locator("#provenance").inner_text()

    # overrule the verdict on comment 3
    target = page.locator("#comment-3")
    before = target.get_attribute("data-action")
    new = "allow" if before != "allow" else "remove"
    form = target.locator("form.overrule")
    form.locator("select[name=action]").select_option(new)
    form.locator("input[name=reason]").fill("Numbers are sourced elsewhere; not a rule breach")
    form.locator("input[name=reviewer]").fill("Reviewer A")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.reload()
    target = page.locator("#comment-3")
    assert target.get_attribute("data-action") == new
    assert target.locator(".action").inner_text().strip().lower() == new
    note = target.locator(".override-note").inner_text()
    assert "Reviewer A" in note and "Numbers are sourced elsewhere" in note
    rows = page.locator("#audit table.audit tbody tr")
    assert rows.count() == 1 and before in rows.first.inner_text() and new in rows.first.inner_text()
    # the other comments keep the model's action
    for cid, action in expected.items():
        if cid != "3":
            assert page.locator(f"#comment-{cid.replace('.', chr(92) + '.')}").get_attribute("data-action") == action
    shot = tmp_path / "reviewer-report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if out := os.environ.get("NEWSSIFT_SCREENSHOT_DIR"):
        page.goto(f"{server.url}/reports/{aid}")
        page.screenshot(path=str(Path(out) / "reviewer-report.png"), full_page=True)
    context.close()


XSS_PAYLOADS = [
    "&lt;script&gt;window.__xss = 'script'&lt;/script&gt;",
    "&lt;img src=x onerror=\"window.__xss = 'img'\"&gt;",
    "&lt;svg/onload=window.__xss='svg'&gt;",
    '"&gt;&lt;b onmouseover="window.__xss=\'attr\'" id="xss-b"&gt;hover&lt;/b&gt;',
    "&lt;/textarea&gt;&lt;/div&gt;&lt;iframe src=\"javascript:window.parent.__xss='iframe'\"&gt;&lt;/iframe&gt;",
]


def _hostile_page() -> str:
    html = (REPO / "examples" / "harbour-bridge-closure.html").read_text(encoding="utf-8")
    html = html.replace(
        "Six weeks in spring is a long time for the ferry alone.", XSS_PAYLOADS[0] + " " + XSS_PAYLOADS[1], 1
    )
    html = html.replace("Thanks, that helps.", XSS_PAYLOADS[2] + " " + XSS_PAYLOADS[3], 1)
    html = html.replace("They said the same in 2019", XSS_PAYLOADS[4] + " They said the same in 2019", 1)
    html = html.replace('<b class="fn">J. Whitfield</b>', '<b class="fn">&lt;img src=x onerror=alert(1)&gt;</b>', 1)
    html = html.replace("<title>", "<title>&lt;/title&gt;&lt;script&gt;window.__xss='title'&lt;/script&gt;", 1)
    return html.replace("</body>", "<script>window.__xss = 'raw'</script></body>")


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_xss_payloads_stay_inert(server: Server, browser: Any, tmp_path: Path, bypass_csp: bool) -> None:
    """Comments carrying script and event-handler payloads are shown as text, and nothing runs: with the CSP, and
    with the CSP bypassed (so escaping alone is tested, not only the header)."""
    upload = tmp_path / "hostile.html"
    upload.write_text(_hostile_page(), encoding="utf-8")
    context = browser.new_context(bypass_csp=bypass_csp)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server.url}/")
    page.set_input_files("#file", str(upload))
    page.click("button[type=submit]")
    page.wait_for_selector("#comments", timeout=90_000)
    page.wait_for_timeout(300)  # let onload/onerror handlers fire, if any were live
    assert page.evaluate("window.__xss === undefined ? null : String(window.__xss)") is None  # nothing ran
    assert dialogs == []
    joined = "\n".join(page.locator("#comments .ctext").all_inner_texts())
    assert "<script>window.__xss = 'script'</script>" in joined  # shown to the reviewer as text
    assert "onerror=\"window.__xss = 'img'\"" in joined
    assert "<svg/onload=window.__xss='svg'>" in joined
    for selector in ("#report script", "#report img", "#report svg", "#report iframe", "[onerror]", "#xss-b"):
        assert page.locator(selector).count() == 0, selector
    context.close()
