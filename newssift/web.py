"""The reviewer's desk: server-rendered pages (Jinja2, no script) over the report store.

- ``GET /``: a form to paste text or HTML, give a link, or upload a saved page; recent analyses.
- ``POST /analyze``: queues the analysis and redirects to its page.
- ``GET /reports/{id}``: progress while it runs (the page refreshes itself), then the whole report: article with
  quotes coloured by speaker and check-worthy claims with corroboration badges, the provenance card, and the comment
  thread with labels, evidence and actions, each of which a reviewer can overrule (with a reason, kept in an audit log).

Forms are CSRF-safe (a double-submit token in a SameSite=Strict cookie, and the Origin header checked); every page
is sent with a Content-Security-Policy that forbids script, so page text can never run, even if escaping failed.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from newssift.errors import FetchError, InputError
from newssift.ingest import check_url, fetch_url, from_bytes, from_text
from newssift.jobs import UI_STAGES, Analyses, Busy
from newssift.render.html import page_context, render_template
from newssift.store import Conflict, ReportStore

CSRF_COOKIE = "newssift_csrf"
REVIEWER_COOKIE = "newssift_reviewer"
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


#: Host names a server on loopback answers to by default (with any port); see :func:`allowed_hosts_for`.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
#: Seconds a client has to send a whole request body; a stalled or trickling body is answered 408.
BODY_TIMEOUT = 30.0
# A refused body is still read (and dropped) up to this many times the limit, for at most this long, so the 413 reaches
# the client; past either, the connection is simply closed.
DRAIN_FACTOR = 4
DRAIN_SECONDS = 10.0


def host_name(header: str) -> str:
    """The host name of a ``Host`` header value (``example.org:8080`` -> ``example.org``, ``[::1]:80`` -> ``::1``),
    lower-cased, without a trailing dot."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else ""
    name = header.rsplit(":", 1)[0] if header.count(":") == 1 else header
    return name.rstrip(".")


def normal_host(name: str) -> str:
    """A host name as the allow-list keeps it: lower-cased, without brackets or a trailing dot."""
    return name.strip().lower().strip("[]").rstrip(".")


def host_allowed(name: str, allowed: tuple[str, ...]) -> bool:
    """Whether *name* (from :func:`host_name`) is in *allowed*: exact names, ``*.example.org`` for any sub-domain
    of example.org, or ``*`` for any host (no DNS-rebinding defence)."""
    if not name:
        return False
    for entry in allowed:
        if entry == "*" or entry == name:
            return True
        if entry.startswith("*.") and name.endswith(entry[1:]):
            return True
    return False


class Guard:
    """ASGI middleware in front of every request:

    - answers only requests whose ``Host`` is one of *allowed_hosts* (a DNS-rebinding page names its own host);
    - reads every request body before the app sees it, refusing one over *max_body* bytes (413) or one that is not
      complete within *body_timeout* seconds (408), and dropping a request whose client went away, quietly;
    - adds security headers to every response; pages of our own (not the /docs pages, which load Swagger UI) get the
      CSP."""

    def __init__(
        self,
        app: Callable[[Scope, Receive, Send], Awaitable[None]],
        max_body: int,
        allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS,
        body_timeout: float = BODY_TIMEOUT,
    ) -> None:
        self.app, self.max_body, self.body_timeout = app, max_body, body_timeout
        self.allowed_hosts = tuple(normal_host(h) for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if not host_allowed(host_name(host), self.allowed_hosts):
            await _error(send, 400, f"Host {host[:100]!r} is not one this server answers to (--allowed-host).")
            return
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body:
            await self._too_large(receive, send)
            return
        if scope["method"] in ("POST", "PUT", "PATCH", "DELETE") or length.isdigit():
            try:
                body = await asyncio.wait_for(_read_body(receive, self.max_body), self.body_timeout)
            except TimeoutError:
                await _error(send, 408, f"The request body did not arrive within {self.body_timeout:g} s.", "TIMEOUT")
                return
            if body is None:  # the client went away: nobody to answer
                return
            if len(body) > self.max_body:
                await self._too_large(receive, send)
                return
            receive = _replay(bytes(body), receive)
        docs = scope["path"].startswith(("/docs", "/redoc"))

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
                if not docs:
                    extra += [(b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY")]
                message["headers"] = list(message.get("headers") or []) + extra
            await send(message)

        await self.app(scope, receive, secured)


    async def _too_large(self, receive: Receive, send: Send) -> None:
        """Answer 413 after reading and dropping what the client is still sending (up to DRAIN_FACTOR times the
        limit, for at most DRAIN_SECONDS): closing a socket with unread data makes the kernel reset the connection,
        and the client then loses the 413 it was sent."""
        try:
            await asyncio.wait_for(_drain(receive, DRAIN_FACTOR * self.max_body), DRAIN_SECONDS)
        except TimeoutError:
            pass
        await _error(send, 413, f"Request body is larger than {self.max_body} bytes.", "REQUEST_TOO_LARGE")


async def _drain(receive: Receive, limit: int) -> None:
    """Read and drop the rest of a request body, stopping after *limit* bytes or when the client goes away."""
    seen, more = 0, True
    while more and seen <= limit:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        seen += len(message.get("body", b""))
        more = message.get("more_body", False)


async def _read_body(receive: Receive, limit: int) -> bytearray | None:
    """The whole body (stopping once it is over *limit*), or None when the client disconnected."""
    body, more = bytearray(), True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        more = message.get("more_body", False)
        if len(body) > limit:
            break
    return body


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive callable that gives the app the body already read, then waits on the real one (for disconnect)."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _error(send: Send, status: int, message: str, reason: str | None = None) -> None:
    import json

    from newssift.serve import error_body

    body = json.dumps(error_body(status, message, reason)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _csrf_token(request: Request) -> tuple[str, bool]:
    """The browser's CSRF token, and whether it is new (and must be set as a cookie)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if len(token) >= 32 and token.replace("-", "").replace("_", "").isalnum():
        return token, False
    return secrets.token_urlsafe(32), True


def _page(request: Request, body: str, status: int = 200, token: str | None = None, new: bool = False) -> Response:
    resp = HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})
    if new and token:
        resp.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return resp


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None  # an opaque origin ("null") is a sandboxed or cross-site document
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc == host


class CsrfError(Exception):
    pass


async def _checked_form(request: Request, max_part: int) -> Any:
    if not _same_origin(request):
        raise CsrfError("the form was sent from another site")
    form = await request.form(max_files=1, max_fields=10, max_part_size=max_part)
    sent, cookie = str(form.get("csrf") or ""), request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(sent.encode(), cookie.encode()):
        raise CsrfError("the form's security token does not match (expired, or sent from another site)")
    return form


def add_web_routes(app: FastAPI, store: ReportStore, jobs: Analyses, *, allow_private: bool, max_page: int) -> None:
    def error(request: Request, status: int, heading: str, message: str) -> Response:
        return _page(request, render_template("error.html", heading=heading, message=message), status)

    def forbidden(request: Request, why: str) -> Response:
        return error(request, 403, "Refused", f"{why}. Reload the form and try again.")

    def index(request: Request, error: str | None = None, form: dict[str, str] | None = None, status: int = 200):
        token, new = _csrf_token(request)
        body = render_template(
            "index.html",
            csrf=token,
            error=error,
            form=form or {},
            recent=store.recent(),
            max_mb=max_page // (1024 * 1024),
            allow_private=allow_private,
        )
        return _page(request, body, status, token, new)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> Response:  # sync handlers run in FastAPI's threadpool: SQLite off the event loop
        return index(request)

    @app.post("/analyze", include_in_schema=False)
    async def submit(request: Request) -> Response:
        try:
            form = await _checked_form(request, max_page)
        except CsrfError as exc:
            return forbidden(request, str(exc))
        text = str(form.get("text") or "")
        url = str(form.get("url") or "").strip()
        upload = form.get("file")
        data = b""
        name = None
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(max_page + 1)
            name = upload.filename
        given = [k for k, v in (("text", text.strip()), ("url", url), ("file", data)) if v]
        keep = {"url": url, "text": text if len(text) < 200_000 else ""}
        if len(given) != 1:
            what = "nothing" if not given else " and ".join(given)
            return index(request, f"Give exactly one of a link, pasted text, or a file (got {what}).", keep, 400)
        try:
            if url:
                checked = await run_in_threadpool(check_url, url, allow_private=allow_private)
                aid = await run_in_threadpool(
                    jobs.submit,
                    "url",
                    checked,
                    lambda: fetch_url(checked, allow_private=allow_private, max_bytes=max_page),
                )
            elif data:
                if len(data) > max_page:
                    raise InputError(f"the file is larger than {max_page // (1024 * 1024)} MB")
                raw = from_bytes(data, origin="file", max_bytes=max_page)
                aid = await run_in_threadpool(jobs.submit, "file", name, lambda: raw)
            else:
                if len(text.encode("utf-8")) > max_page:
                    raise InputError(f"the text is larger than {max_page // (1024 * 1024)} MB")
                raw = from_text(text, origin="content")
                first = next((line.strip() for line in text.splitlines() if line.strip()), "")
                aid = await run_in_threadpool(jobs.submit, "text", first[:120], lambda: raw)
        except (InputError, FetchError) as exc:
            return index(request, str(exc), keep, 400)
        except Busy as exc:
            return index(request, str(exc), keep, 503)
        return RedirectResponse(f"/reports/{aid}", status_code=303)

    @app.get("/reports/{aid}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(request: Request, aid: str) -> Response:
        a = store.get(aid)
        if a is None:
            return error(request, 404, "Not found", f"No analysis {aid!r} here.")
        if a.report is None:
            current = UI_STAGES.index(a.stage) if a.stage in UI_STAGES else -1
            body = render_template("progress.html", a=a, stages=UI_STAGES, current=current, ahead=jobs.waiting() - 1)
            return _page(request, body)
        token, new = _csrf_token(request)
        audit = store.overrides(aid)
        review = {
            "id": aid,
            "csrf": token,
            "effective": {o.comment: o for o in audit},
            "audit": audit,
            "reviewer": request.cookies.get(REVIEWER_COOKIE, "")[:120],
        }
        body = render_template("report.html", standalone=False, review=review, **page_context(a.report))
        return _page(request, body, 200, token, new)

    @app.post("/reports/{aid}/comments/{cid}/override", include_in_schema=False)
    async def overrule(request: Request, aid: str, cid: str) -> Response:
        try:
            form = await _checked_form(request, 16 * 1024)
        except CsrfError as exc:
            return forbidden(request, str(exc))
        reviewer = str(form.get("reviewer") or "")
        try:
            fields = (str(form.get("action") or ""), str(form.get("reason") or ""), reviewer)
            await run_in_threadpool(store.override, aid, cid, *fields)  # SQLite off the event loop
        except LookupError as exc:
            return error(request, 404, "Not found", str(exc).strip("'\""))
        except Conflict as exc:
            return error(request, 409, "Not saved", str(exc))
        except InputError as exc:
            return error(request, 400, "Not saved", str(exc))
        resp = RedirectResponse(f"/reports/{aid}#comment-{quote(cid, safe='')}", status_code=303)
        if reviewer.strip():
            resp.set_cookie(REVIEWER_COOKIE, reviewer.strip()[:120], httponly=True, samesite="strict", path="/")
        return resp
