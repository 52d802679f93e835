"""The reviewer's override form and every JSON endpoint's bad input (issue 38), against a server on loopback.

The form: a forged or missing CSRF token and a foreign or opaque Origin are refused (403) and save nothing; a
hostile reviewer name and reason are saved as text and shown inert to the next reviewer; the same override twice
and an override of an unfinished analysis are 409; a locked database is 503. The endpoints: malformed JSON, wrong
types, missing fields and bodies over the limit are each a 4xx JSON error object with a message that names the
problem."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from newssift import ingest
from newssift import store as store_module
from newssift.pipeline import analyze_raw
from newssift.serve import MAX_BATCH, MAX_BODY, MAX_COMMENT_BYTES, create_app
from newssift.store import ReportStore

from .servers import serve_in_thread
from .test_hardening import PAGE


class Desk:
    def __init__(self, url: str, store: ReportStore) -> None:
        self.url, self.store = url, store
        self.aid, self.comments = "", [""]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    store = ReportStore(tmp_path_factory.mktemp("desk") / "reports.sqlite3")
    report = analyze_raw(ingest.from_text(PAGE))
    aid = store.create("text", "bridge")
    store.finish(aid, report)
    with serve_in_thread(create_app(store=store), log_level="critical") as url:
        d = Desk(url, store)
        d.aid = aid
        d.comments = [c.id for c in report.comments]
        assert len(d.comments) >= 2
        yield d


@contextmanager
def _form_client(desk: Desk) -> Iterator[tuple[httpx.Client, str]]:
    """A client holding the desk's CSRF cookie, and the token its report page puts in each form."""
    with httpx.Client(base_url=desk.url, timeout=10) as client:
        page = client.get(f"/reports/{desk.aid}")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert page.status_code == 200 and token is not None
        yield client, token.group(1)


def _overrule(client: httpx.Client, desk: Desk, cid: str, **fields: str) -> httpx.Response:
    headers = {"Origin": fields.pop("origin")} if "origin" in fields else {}
    return client.post(f"/reports/{desk.aid}/comments/{cid}/override", data=fields, headers=headers)


def _log(desk: Desk, cid: str) -> list[Any]:
    return [o for o in desk.store.overrides(desk.aid) if o.comment == cid]


# ------------------------------------------------------------------------------------------ the override form


@pytest.mark.parametrize(
    ("csrf", "origin", "why"),
    [
        (None, None, "token"),  # no token in the form
        ("x" * 43, None, "token"),  # a token that is not the cookie's
        ("RIGHT", "https://evil.test", "another site"),  # the right token, sent from another site
        ("RIGHT", "null", "another site"),  # an opaque origin (a sandboxed frame, a data: page)
    ],
)
def test_override_form_refuses_forged_requests(desk: Desk, csrf: str | None, origin: str | None, why: str) -> None:
    cid = desk.comments[1]
    fields = {"action": "remove", "reason": "forged", "reviewer": "mallory"}
    if origin is not None:
        fields["origin"] = origin
    with _form_client(desk) as (client, token):
        if csrf is not None:
            fields["csrf"] = token if csrf == "RIGHT" else csrf
        r = _overrule(client, desk, cid, **fields)
    assert r.status_code == 403 and why in r.text
    assert not [o for o in _log(desk, cid) if o.reviewer == "mallory"]


def test_hostile_reviewer_and_reason_are_inert_for_the_next_reviewer(desk: Desk) -> None:
    cid = desk.comments[0]
    name = '"><img src=x onerror=alert(1)>'
    reason = "</p><script>alert('xss')</script><a href=\"javascript:alert(2)\">see</a>"
    with _form_client(desk) as (client, token):
        r = _overrule(client, desk, cid, csrf=token, action="allow", reason=reason, reviewer=name)
        assert r.status_code == 303, r.text
        page = client.get(f"/reports/{desk.aid}").text  # the same browser: its reviewer cookie fills the form
    other = httpx.get(f"{desk.url}/reports/{desk.aid}", timeout=10).text  # the next reviewer
    for html in (page, other):
        assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
        assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    # kept exactly as typed in the audit log
    assert (_log(desk, cid)[-1].reviewer, _log(desk, cid)[-1].reason) == (name, reason)


def test_the_same_override_twice_is_a_conflict(desk: Desk) -> None:
    cid = desk.comments[1]
    with _form_client(desk) as (client, token):
        first = _overrule(client, desk, cid, csrf=token, action="review", reason="check the source", reviewer="kim")
        second = _overrule(client, desk, cid, csrf=token, action="review", reason="check the source", reviewer="kim")
    assert first.status_code == 303 and second.status_code == 409
    assert "already overruled" in second.text
    assert [(o.action, o.reviewer) for o in _log(desk, cid)].count(("review", "kim")) == 1
    api = httpx.post(
        f"{desk.url}/v1/reports/{desk.aid}/overrides",
        json={"comment": cid, "action": "review", "reason": "again", "reviewer": "lee"},
        timeout=10,
    )
    assert api.status_code == 409 and api.json()["error"]["status"] == "FAILED_PRECONDITION"


def test_override_of_an_unfinished_analysis_is_a_conflict(desk: Desk) -> None:
    aid = desk.store.create("text", "still running")
    desk.store.set_stage(aid, "claims")
    with _form_client(desk) as (client, token):
        r = client.post(
            f"/reports/{aid}/comments/1/override", data={"csrf": token, "action": "allow", "reason": "too early"}
        )
    assert r.status_code == 409 and "only a finished report" in r.text
    desk.store.fail(aid, "stopped by the test")


def test_locked_database_is_503(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: sqlite3's 'database is locked' became a plain-text 500."""
    monkeypatch.setattr(store_module, "STORE_TIMEOUT", 0.2)
    cid = desk.comments[0]
    locker = sqlite3.connect(desk.store.path, isolation_level=None)
    try:
        with _form_client(desk) as (client, token):
            locker.execute("BEGIN EXCLUSIVE")
            form = _overrule(client, desk, cid, csrf=token, action="remove", reason="locked", reviewer="kim")
        api = httpx.post(
            f"{desk.url}/v1/reports/{desk.aid}/overrides",
            json={"comment": cid, "action": "remove", "reason": "locked"},
            timeout=10,
        )
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert form.status_code == 503 and "unavailable" in form.text and "<html" in form.text.lower()
    assert api.status_code == 503 and api.json()["error"]["status"] == "UNAVAILABLE"
    assert not [o for o in _log(desk, cid) if o.reason == "locked"]


# ------------------------------------------------------------------------------------------ endpoints' bad input


def _post(desk: Desk, path: str, body: bytes | str, ctype: str = "application/json") -> httpx.Response:
    content = body.encode() if isinstance(body, str) else body
    return httpx.post(desk.url + path, content=content, headers={"Content-Type": ctype}, timeout=30)


def _error(r: httpx.Response, status: int, needle: str) -> dict[str, Any]:
    assert r.status_code == status, (r.status_code, r.text[:300])
    err: dict[str, Any] = r.json()["error"]
    assert err["code"] == status and needle.lower() in err["message"].lower(), err
    return err


MODERATE_BAD = [
    ("{not json", 400, "invalid json"),
    ("[]", 400, "expected"),
    ('{"comments": "hello"}', 400, "expected"),
    ('{"comments": []}', 400, "expected"),
    ('{"texts": [{"text": "hi"}]}', 400, "expected"),
    ('{"comments": [{"id": 1}]}', 400, "comments[0].text"),
    ('{"comments": [{"text": 42}]}', 400, "comments[0].text"),
    ('{"comments": [{"text": "ok"}, {"text": "  "}]}', 400, "comments[1].text"),
    ('{"comments": [{"text": "ok"}, "just a string"]}', 400, "comments[1].text"),
]


@pytest.mark.parametrize(("body", "status", "needle"), MODERATE_BAD)
def test_moderate_bad_input(desk: Desk, body: str, status: int, needle: str) -> None:
    _error(_post(desk, "/v1/moderate", body), status, needle)


def test_moderate_limits(desk: Desk) -> None:
    too_many = {"comments": [{"text": "hi"}] * (MAX_BATCH + 1)}
    _error(httpx.post(f"{desk.url}/v1/moderate", json=too_many, timeout=30), 400, f"at most {MAX_BATCH}")
    long = {"comments": [{"text": "a" * (MAX_COMMENT_BYTES + 1)}]}
    err = _error(httpx.post(f"{desk.url}/v1/moderate", json=long, timeout=30), 400, "longer than")
    assert err["details"][0]["errorType"] == "COMMENT_TOO_LONG"
    huge = {"comments": [{"text": "a" * MAX_BODY}]}
    _error(httpx.post(f"{desk.url}/v1/moderate", json=huge, timeout=30), 413, "larger than")


PERSPECTIVE_BAD = [
    ('{"comment": "hello", "requestedAttributes": {"TOXICITY": {}}}', 400, "invalid value at 'comment'"),
    ('{"comment": {"text": ["hello"]}, "requestedAttributes": {"TOXICITY": {}}}', 400, "comment.text"),
    ('{"comment": {"text": "hello"}, "requestedAttributes": ["TOXICITY"]}', 400, "requested_attributes"),
    ('{"comment": {"text": "hello"}}', 400, "missing requested_attributes"),
    (
        '{"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {}}, "context": {"entries": "x"}}',
        400,
        "context",
    ),
    ('"just a string"', 400, "root element must be a message"),
]


@pytest.mark.parametrize(("body", "status", "needle"), PERSPECTIVE_BAD)
def test_perspective_bad_input(desk: Desk, body: str, status: int, needle: str) -> None:
    _error(_post(desk, "/v1alpha1/comments:analyze", body), status, needle)


ANALYZE_BAD = [
    ('{"text": "Some text.", "page_url": 5}', 400, "page_url"),
    ('{"text": "Some text.", "date": "2022-13-45"}', 400, "date"),
    ('{"url": 42}', 400, "non-empty string"),
    ('{"html": ""}', 400, "non-empty string"),
    ('{"text": "a", "html": "<p>b</p>"}', 400, "exactly one"),
]


@pytest.mark.parametrize(("body", "status", "needle"), ANALYZE_BAD)
def test_analyze_bad_input(desk: Desk, body: str, status: int, needle: str) -> None:
    _error(_post(desk, "/v1/analyze", body), status, needle)


def test_analyze_bad_query_and_type(desk: Desk) -> None:
    r = httpx.post(f"{desk.url}/v1/analyze", params={"wait": "soon"}, json={"text": "Some text."}, timeout=30)
    _error(r, 400, "wait")
    _error(_post(desk, "/v1/analyze", '{"text": "Some text."}', "text/plain"), 415, "application/json")
    _error(httpx.get(f"{desk.url}/v1/reports", params={"limit": "many"}, timeout=10), 400, "limit")


def test_override_api_bad_input(desk: Desk) -> None:
    path = f"/v1/reports/{desk.aid}/overrides"
    cid = desk.comments[0]
    _error(_post(desk, path, "{oops"), 400, "invalid json")
    _error(_post(desk, path, '{"comment": 3, "action": "allow", "reason": "x"}'), 400, "expected")
    _error(_post(desk, path, f'{{"comment": "{cid}", "action": "ban", "reason": "x"}}'), 400, "action must be")
    _error(_post(desk, path, f'{{"comment": "{cid}", "action": "allow"}}'), 400, "reason is required")
    long_reason = f'{{"comment": "{cid}", "action": "allow", "reason": "{"r" * 2001}"}}'
    _error(_post(desk, path, long_reason), 400, "longer than")
    _error(_post(desk, path, f'{{"comment": "{cid}", "reason": "{"r" * 70_000}"}}'), 413, "larger than")
    _error(_post(desk, path, f'{{"comment": "{cid}", "action": "allow", "reason": "x"}}', "text/plain"), 415, "json")
    _error(_post(desk, "/v1/reports/none/overrides", '{"comment": "1", "action": "allow", "reason": "x"}'), 404, "none")
