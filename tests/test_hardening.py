"""Hostile requests and hostile networks (issue 28): DNS rebinding, SSRF by re-resolution, hostile JSON, stalled
bodies, a second server on the same database, and moderation cost on hostile comments.

Each test failed on the code before its fix (the docstring says how)."""

from __future__ import annotations

import itertools
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from newssift import ingest
from newssift.errors import FetchError, InputError
from newssift.ingest import RawPage
from newssift.perspective import MAX_SPAN_PIECES, span_pieces
from newssift.pipeline import analyze_raw
from newssift.serve import allowed_hosts_for, create_app
from newssift.store import ReportStore
from newssift.web import host_allowed, host_name

from .servers import free_port, serve_in_thread

PAGE = (
    "Bridge works start in May\n\nThe bridge will close for six weeks, the council said.\n\n"
    "Comments\n\n1. You are a pathetic idiot and everyone knows it.\n\n2. Will the ferry run more often?\n"
)


class Running:
    def __init__(self, url: str, store: ReportStore, aid: str, comment: str) -> None:
        self.url, self.store, self.aid, self.comment = url, store, aid, comment


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """A server (body timeout 1 s) over a store that holds one finished report with comments."""
    store = ReportStore(tmp_path_factory.mktemp("hardening") / "reports.sqlite3")
    aid = store.create("text", "bridge")
    report = analyze_raw(ingest.from_text(PAGE))
    assert report.comments, report.warnings
    store.finish(aid, report)
    with serve_in_thread(create_app(store=store, body_timeout=1.0)) as url:
        yield Running(url, store, aid, report.comments[0].id)


# ------------------------------------------------------------------------------------------ 1. DNS rebinding


REBIND = {"Host": "rebind.attacker.example:8080", "Origin": "http://rebind.attacker.example:8080"}


def test_foreign_host_cannot_read_reports(running: Running) -> None:
    """Before: 200 and every report listed (the server answered any Host)."""
    r = httpx.get(f"{running.url}/v1/reports", headers=REBIND, timeout=10)
    assert r.status_code == 400
    assert "rebind.attacker.example" in r.json()["error"]["message"]
    assert running.aid not in r.text
    assert httpx.get(f"{running.url}/v1/reports/{running.aid}", headers=REBIND, timeout=10).status_code == 400
    # the same server by its own name still answers
    assert httpx.get(f"{running.url}/v1/reports", timeout=10).status_code == 200


def test_foreign_host_cannot_override_by_api_or_form(running: Running) -> None:
    """Before: the JSON override was saved (201) and the form's Origin check passed (Origin equal to Host)."""
    before = len(running.store.overrides(running.aid))
    body = {"comment": running.comment, "action": "allow", "reason": "rebind", "reviewer": "attacker"}
    r = httpx.post(f"{running.url}/v1/reports/{running.aid}/overrides", json=body, headers=REBIND, timeout=10)
    assert r.status_code == 400
    form_url = f"{running.url}/reports/{running.aid}/comments/{running.comment}/override"
    token = "t" * 40
    r = httpx.post(
        form_url,
        data={"csrf": token, "action": "allow", "reason": "rebind", "reviewer": "attacker"},
        headers=REBIND,
        cookies={"newssift_csrf": token},
        timeout=10,
    )
    assert r.status_code == 400
    assert len(running.store.overrides(running.aid)) == before


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:8080", "127.0.0.1"),
        ("LOCALHOST", "localhost"),
        ("[::1]:8080", "::1"),
        ("example.org.", "example.org"),
        ("evil.example:80:90", "evil.example:80:90"),
        ("", ""),
    ],
)
def test_host_name_parsing(header: str, name: str) -> None:
    assert host_name(header) == name


def test_allowed_hosts() -> None:
    loop = allowed_hosts_for("127.0.0.1")
    assert host_allowed("localhost", loop) and host_allowed("::1", loop)
    assert not host_allowed("rebind.attacker.example", loop) and not host_allowed("", loop)
    named = allowed_hosts_for("127.0.0.1", ["News.Example.org", "*.desk.example"])
    assert host_allowed("news.example.org", named) and host_allowed("a.desk.example", named)
    assert not host_allowed("desk.example.evil", named) and not host_allowed("xdesk.example", named)
    assert host_allowed("anything", allowed_hosts_for("127.0.0.1", ["*"]))
    assert socket.gethostname().lower() in allowed_hosts_for("0.0.0.0")
    assert "192.0.2.7" in allowed_hosts_for("192.0.2.7")


# ------------------------------------------------------------------------------------------ 2. SSRF


class _Listener:
    """A loopback HTTP server that counts the requests it gets and answers each with *reply*."""

    def __init__(self, reply: bytes = b"") -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self.hits = 0
        self.reply = reply or (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 52\r\nConnection: close\r\n\r\n"
            b"<html><body><p>loopback secret page</p></body></html>"
        )
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    conn.sendall(self.reply)
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


PUBLIC = "93.184.215.14"  # a global address (unreachable from the test machine: the fetch must fail to connect)


def _fake_resolver(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """socket.getaddrinfo that answers names in *answers* with their next address (the last one repeats), and
    everything else as usual. Returns the names looked up, in order."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name in answers:
            asked.append(name)
            queue = answers[name]
            addr = queue.pop(0) if len(queue) > 1 else queue[0]
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (addr, int(port or 80)))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return asked


def test_rebinding_name_cannot_reach_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: the check saw the public address and httpx, resolving again, connected to 127.0.0.1 and fetched the
    loopback page."""
    listener = _Listener()
    try:
        _fake_resolver(monkeypatch, {"rebind.test": [PUBLIC, "127.0.0.1"]})
        with pytest.raises(FetchError):
            ingest.fetch_url(f"http://rebind.test:{listener.port}/")
        assert listener.hits == 0
    finally:
        listener.close()


def test_every_redirect_hop_connects_to_the_checked_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 'public' server (a public address the fake resolver maps to a loopback listener) redirects to a name that
    answers public, then loopback: the second hop must not reach the loopback listener."""
    inner = _Listener()
    redirect = (
        f"HTTP/1.1 302 Found\r\nLocation: http://rebind.test:{inner.port}/secret\r\n"
        "Content-Length: 0\r\nConnection: close\r\n\r\n"
    ).encode()
    outer = _Listener(redirect)
    try:
        real = socket.getaddrinfo

        def resolve(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            name = host.decode() if isinstance(host, bytes) else host
            if name == "news.test":
                return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.15", int(port)))]
            if name == "93.184.215.15":  # the 'public' server is really the outer listener
                return real("127.0.0.1", port, *args, **kwargs)
            if name == "rebind.test":
                resolve.calls += 1  # type: ignore[attr-defined]
                addr = PUBLIC if resolve.calls == 1 else "127.0.0.1"  # type: ignore[attr-defined]
                return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addr, int(port)))]
            return real(host, port, *args, **kwargs)

        resolve.calls = 0  # type: ignore[attr-defined]
        monkeypatch.setattr(socket, "getaddrinfo", resolve)
        with pytest.raises(FetchError):
            ingest.fetch_url(f"http://news.test:{outer.port}/story")
        assert outer.hits == 1 and inner.hits == 0
    finally:
        inner.close()
        outer.close()


def test_checked_fetch_still_reads_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pinned connection sends the name in Host and reads the page (allow_private: the listener is loopback)."""
    listener = _Listener()
    try:
        asked = _fake_resolver(monkeypatch, {"desk.test": ["127.0.0.1"]})
        page = ingest.fetch_url(f"http://desk.test:{listener.port}/a", allow_private=True)
        assert "loopback secret page" in page.text and page.url == f"http://desk.test:{listener.port}/a"
        assert asked == ["desk.test"] and listener.hits == 1
    finally:
        listener.close()


# ------------------------------------------------------------------------------------------ 5. hostile JSON


HOSTILE_JSON = [
    b"[" * 30_000 + b"]" * 30_000,  # under the override endpoint's 64 KB cap, far over Python's recursion limit
    b'{"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {}}, "clientToken": NaN}',
    b'{"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {}}, "clientToken": ' + b"9" * 5000 + b"}",
    b'{"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {}}, "clientToken": 1e999}',
    b'{"comments": ' + b"[" * 200 + b"]" * 200 + b"}",
]


@pytest.mark.parametrize("body", HOSTILE_JSON, ids=["deep", "nan", "long-int", "inf", "deep-200"])
@pytest.mark.parametrize(
    "path", ["/v1alpha1/comments:analyze", "/v1/moderate", "/v1/analyze", "/v1/reports/REPORT/overrides"]
)
def test_hostile_json_is_a_400_error_object(running: Running, path: str, body: bytes) -> None:
    """Before: plain-text 'Internal Server Error' (RecursionError, NaN not serialisable, int too long)."""
    url = running.url + path.replace("REPORT", running.aid)
    r = httpx.post(url, content=body, headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 400, r.text[:200]
    err = r.json()["error"]
    assert err["code"] == 400 and err["status"] == "INVALID_ARGUMENT"
    assert err["details"][0]["errorType"] == "INVALID_JSON"


# ------------------------------------------------------------------------------------------ 6. stalled bodies


def _stall(url: str, declared: int, sent: bytes) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    head = (
        f"POST /v1/moderate HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {declared}\r\n\r\n"
    )
    sock.sendall(head.encode() + sent)
    return sock


def test_stalled_body_times_out_with_408(running: Running) -> None:
    """Before: the request was held open with no answer (the client's 10 s read timeout fired)."""
    sock = _stall(running.url, 100, b'{"comments": [')
    with sock:
        started = time.monotonic()
        reply = b""
        while chunk := sock.recv(65536):  # the server closes the connection after its answer
            reply += chunk
        waited = time.monotonic() - started
    assert reply.startswith(b"HTTP/1.1 408"), reply[:100]
    assert b"DEADLINE_EXCEEDED" in reply and waited < 8


def test_closing_stalled_bodies_logs_no_tracebacks(running: Running, caplog: pytest.LogCaptureFixture) -> None:
    """Before: each request whose client went away mid-body wrote 'Exception in ASGI application' to the log."""
    caplog.set_level(logging.ERROR)
    socks = [_stall(running.url, 1000, b'{"comments": [{"text": "x"') for _ in range(20)]
    time.sleep(0.3)
    for s in socks:
        s.close()
    time.sleep(1.5)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text[:500]
    assert httpx.get(f"{running.url}/healthz", timeout=10).status_code == 200


def test_span_pieces_are_capped() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(1000))
    pieces = span_pieces(text)
    assert len(pieces) == MAX_SPAN_PIECES
    # the pieces cover the sentences in order, without overlap, from the first to the last
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(pieces))
    few = "One. Two! Three?"
    assert [few[a:b].strip() for a, b in span_pieces(few)] == ["One.", "Two!", "Three?"]


@pytest.mark.parametrize("unit", ["kike ", "I will kill you ", "rothschild ", "the jews control the media "])
def test_moderation_cost_is_linear_on_repetitive_comments(unit: str) -> None:
    """A comment repeating one trigger: 4x the text costs at most 6x the CPU time (best of three).
    Before: 'kike ' x 1,000 took 4.0 s and x 4,000 took 59 s (15x), as each match re-read the whole comment."""
    from newssift.moderation.stage import judge

    judge(["warm up"])

    def cost(n: int) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            judge([unit * n])
            best = min(best, time.process_time() - started)
        return best

    n = 4000 // len(unit)
    small, large = cost(n), cost(4 * n)
    assert large <= 6 * max(small, 0.005), (small, large)


def test_link_rule_is_linear_on_one_long_token() -> None:
    """A long dotted token before a bare-domain link: the link rule tried every word boundary of the token and
    backtracked through all of it (5,000 characters: 0.34 s; 20,000: 5.2 s). 4x the text at most 6x the CPU time."""
    from newssift.moderation.stage import judge

    judge(["warm up"], use_encoder=False)

    def cost(n: int) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            judge([("ab." * n)[: n - 8] + " x.com/"], use_encoder=False)
            best = min(best, time.process_time() - started)
        return best

    small, large = cost(5000), cost(20000)
    assert large <= 6 * max(small, 0.005), (small, large)


# ------------------------------------------------------------------------------------------ a second server


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _row_owned_by(store: ReportStore, owner: str | None) -> str:
    aid = store.create("text", "x")
    store.set_stage(aid, "claims")
    with store._db() as db:  # the test writes another process's row
        db.execute("UPDATE analyses SET owner=? WHERE id=?", (owner, aid))
    return aid


def test_restart_fails_only_the_analyses_of_servers_that_are_gone(tmp_path: Path) -> None:
    """Before: interrupt_unfinished marked every queued or running analysis failed, a live server's too."""
    from newssift.store import owner

    store = ReportStore(tmp_path / "r.sqlite3")
    host = socket.gethostname()
    mine = _row_owned_by(store, owner())
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        running = _row_owned_by(store, f"{host}:{other.pid}:0123abcd")
        dead = _row_owned_by(store, f"{host}:{_dead_pid()}:0123abcd")
        # this process's pid with another token: an earlier server that had the same pid (a container restarted)
        reused = _row_owned_by(store, f"{host}:{os.getpid()}:0123abcd")
        legacy = _row_owned_by(store, None)
        assert store.interrupt_unfinished() == 3
    finally:
        other.kill()
        other.wait()
    status = {aid: store.get(aid).status for aid in (mine, running, dead, reused, legacy)}  # type: ignore[union-attr]
    assert status == {mine: "running", running: "running", dead: "failed", reused: "failed", legacy: "failed"}


def test_second_server_on_a_taken_port_leaves_the_database_alone(tmp_path: Path) -> None:
    """Before: the second server opened the database and failed the first one's running analyses, then could not
    bind its port."""
    db = tmp_path / "r.sqlite3"
    store = ReportStore(db)
    dead = _row_owned_by(store, f"{socket.gethostname()}:{_dead_pid()}")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "newssift", "serve", "--port", str(port), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cannot listen on 127.0.0.1:{port}" in lines[0], proc.stderr
    assert store.get(dead).status == "running"  # type: ignore[union-attr]


def test_database_of_an_older_version_gains_owners(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "old.sqlite3"
    with sqlite3.connect(db) as con:
        con.execute(
            "CREATE TABLE analyses (id TEXT PRIMARY KEY, created TEXT NOT NULL, updated TEXT NOT NULL, status TEXT "
            "NOT NULL, stage TEXT, input_kind TEXT NOT NULL, input_label TEXT, title TEXT, report TEXT, error TEXT)"
        )
        con.execute("INSERT INTO analyses VALUES ('old', 't', 't', 'running', NULL, 'text', NULL, NULL, NULL, NULL)")
    store = ReportStore(db)
    assert store.interrupt_unfinished() == 1
    assert store.get("old").status == "failed"  # type: ignore[union-attr]
    assert store.get(store.create("text", "new")) is not None


# ------------------------------------------------------------------------------------------ smaller


def test_file_url_is_read_as_a_path(tmp_path: Path) -> None:
    """Before: 'no such file: file:/...' for a file that exists."""
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    raw = ingest.load(page.as_uri())
    assert isinstance(raw, RawPage) and raw.text.startswith("Bridge works")
    with pytest.raises(InputError, match="another host"):
        ingest.load("file://elsewhere/etc/passwd")
    with pytest.raises(InputError, match=r"no such file: /no/such/page\.txt"):
        ingest.load("file:///no/such/page.txt")


def test_serve_allowed_host_option(tmp_path: Path) -> None:
    """`newssift serve --allowed-host` adds a name; loopback still answers; any other name is refused."""
    port = free_port()
    cmd = [sys.executable, "-m", "newssift", "serve", "--port", str(port), "--db", str(tmp_path / "r.sqlite3")]
    proc = subprocess.Popen([*cmd, "--allowed-host", "desk.example.org"], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
        assert httpx.get(url, headers={"Host": "desk.example.org:8080"}, timeout=10).status_code == 200
        assert httpx.get(url, headers={"Host": "other.example.org"}, timeout=10).status_code == 400
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=30)
    assert "desk.example.org" in err  # the names it answers to, said at start


def test_moderation_is_capped_per_page_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """Comments past MAX_MODERATED_COMMENTS get no verdict, and the warnings say how many and after which."""
    from newssift import pipeline

    page = PAGE + "\n3. I agree with the council.\n\n4. Thanks for the update.\n"
    full = analyze_raw(ingest.from_text(page))
    assert len(full.comments) == 4 and all(c.moderation is not None for c in full.comments)
    monkeypatch.setattr(pipeline, "MAX_MODERATED_COMMENTS", 2)
    capped = analyze_raw(ingest.from_text(page))
    assert [c.moderation is not None for c in capped.comments] == [True, True, False, False]
    assert capped.comments[0].moderation == full.comments[0].moderation
    note = [w for w in capped.warnings if w.startswith("moderation read")]
    assert note == [
        f"moderation read the first 2 of 4 comments (its cap); the 2 after comment {capped.comments[1].id} have no verdict"
    ]


def test_huge_integer_score_threshold_is_a_400(running: Running) -> None:
    """A 400-digit scoreThreshold parses as a Python int and overflowed float(): a JSON 500 (found on review)."""
    body = b'{"comment": {"text": "hi"}, "requestedAttributes": {"TOXICITY": {"scoreThreshold": ' + b"9" * 400 + b"}}}"
    r = httpx.post(
        f"{running.url}/v1alpha1/comments:analyze", content=body, headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == 400, r.text[:300]


@pytest.mark.parametrize(
    ("answer", "inside"),
    [
        ("64:ff9b::a00:1", "10.0.0.1"),  # NAT64 (RFC 6052): reaches 10.0.0.1 on a NAT64 network
        ("2002:7f00:1::1", "127.0.0.1"),  # 6to4
        ("::ffff:169.254.169.254", "169.254.169.254"),  # IPv4-mapped
    ],
)
def test_ipv6_addresses_carrying_a_private_ipv4_are_refused(
    monkeypatch: pytest.MonkeyPatch, answer: str, inside: str
) -> None:
    """ipaddress calls NAT64 and 6to4 addresses global; the IPv4 address they reach is what counts (found on
    review: 64:ff9b::a00:1 was fetched)."""

    def resolve(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (answer, int(port), 0, 0))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError, match=f"{re.escape(inside)} is a"):
        ingest.check_url("http://nat64.test/")


def test_ipv6_literal_is_bracketed_in_the_host_header() -> None:
    from newssift.ingest import _pinned

    _target, host, sni = _pinned("http://[2001:db8::5]:8080/page", allow_private=True)
    assert host == "[2001:db8::5]:8080" and sni == {}
    _target, host, sni = _pinned("https://[2001:db8::5]/page", allow_private=True)
    assert host == "[2001:db8::5]" and sni == {"sni_hostname": "2001:db8::5"}
