"""The reviewer's desk: what guards its pages and the API (the pages themselves are the router of
:mod:`newssift.api.pages`).

- :class:`Guard`, in front of every request: the ``Host`` allow-list (DNS rebinding), request bodies read in full
  within a deadline and capped, and security headers on every response.
- Forms are CSRF-safe (a double-submit token in a SameSite=Strict cookie, and the Origin header checked):
  :func:`csrf_token`, :func:`checked_form`; :func:`html_page` sends a page that is never cached.

Every page is sent with a Content-Security-Policy that forbids script, so page text can never run, even if escaping
failed.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

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


def csrf_token(request: Request) -> tuple[str, bool]:
    """The browser's CSRF token, and whether it is new (and must be set as a cookie)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if len(token) >= 32 and token.replace("-", "").replace("_", "").isalnum():
        return token, False
    return secrets.token_urlsafe(32), True


def html_page(body: str, status: int = 200, token: str | None = None, new: bool = False) -> Response:
    """A page, never cached; with a *new* CSRF *token*, the cookie that holds it."""
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
    """A form that did not come from one of our pages (its Origin, or its CSRF token)."""


async def checked_form(request: Request, max_part: int) -> Any:
    """The form of a POST from one of our pages: sent from this site (Origin) with the CSRF cookie's token, at most
    one file and ten fields, no part over *max_part* bytes; else :class:`CsrfError`."""
    if not _same_origin(request):
        raise CsrfError("the form was sent from another site")
    form = await request.form(max_files=1, max_fields=10, max_part_size=max_part)
    sent, cookie = str(form.get("csrf") or ""), request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(sent.encode(), cookie.encode()):
        raise CsrfError("the form's security token does not match (expired, or sent from another site)")
    return form
