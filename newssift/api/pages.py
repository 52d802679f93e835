"""The reviewer's desk: server-rendered pages (Jinja2, no script) over the report store.

- ``GET /``: a form to paste text or HTML, give a link, or upload a saved page; recent analyses.
- ``POST /analyze``: queues the analysis and redirects to its page.
- ``GET /reports/{id}``: progress while it runs (the page refreshes itself), then the whole report: article with
  quotes coloured by speaker and check-worthy claims with corroboration badges, the provenance card, and the comment
  thread with labels, evidence and actions, each of which a reviewer can overrule (with a reason, kept in an audit log).
- ``POST /reports/{id}/comments/{cid}/override``: a reviewer's action on one comment.

None is in the OpenAPI document. The forms' CSRF checks and the security headers are :mod:`newssift.web`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from newssift.api.body import MAX_PAGE
from newssift.api.state import Server, ServerState
from newssift.errors import FetchError, InputError
from newssift.ingest import check_url, fetch_url, from_bytes, from_text
from newssift.jobs import UI_STAGES, Busy
from newssift.render.html import page_context, render_template
from newssift.store import Conflict
from newssift.web import REVIEWER_COOKIE, CsrfError, checked_form, csrf_token, html_page

router = APIRouter(include_in_schema=False)


def _error(status: int, heading: str, message: str) -> Response:
    return html_page(render_template("error.html", heading=heading, message=message), status)


def _forbidden(why: str) -> Response:
    return _error(403, "Refused", f"{why}. Reload the form and try again.")


def _index(
    request: Request,
    server: ServerState,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    """The form (with *error* and what the reviewer had entered, *form*, when a submission was refused) and the
    recent analyses."""
    token, new = csrf_token(request)
    body = render_template(
        "index.html",
        csrf=token,
        error=error,
        form=form or {},
        recent=server.store.recent(),
        max_mb=MAX_PAGE // (1024 * 1024),
        allow_private=server.allow_private,
    )
    return html_page(body, status, token, new)


@dataclass(frozen=True)
class _Submission:
    """What the form of ``/`` was given: pasted *text*, a *url*, or a file's *data* and *name*."""

    text: str
    url: str
    data: bytes
    name: str | None

    def given(self) -> list[str]:
        return [k for k, v in (("text", self.text.strip()), ("url", self.url), ("file", self.data)) if v]

    def kept(self) -> dict[str, str]:
        """What the form shows again when the submission is refused (not a huge paste)."""
        return {"url": self.url, "text": self.text if len(self.text) < 200_000 else ""}


async def _submission(form: Any) -> _Submission:
    upload = form.get("file")
    data, name = b"", None
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(MAX_PAGE + 1)
        name = upload.filename
    return _Submission(str(form.get("text") or ""), str(form.get("url") or "").strip(), data, name)


async def _queue_url(server: ServerState, url: str) -> str:
    allow_private = server.allow_private
    checked = await run_in_threadpool(check_url, url, allow_private=allow_private)
    return await run_in_threadpool(
        server.jobs.submit,
        "url",
        checked,
        lambda: fetch_url(checked, allow_private=allow_private, max_bytes=MAX_PAGE),
    )


async def _queue(server: ServerState, sub: _Submission) -> str:
    """Queue the one input of *sub*; the analysis id. InputError or FetchError for a refused one, Busy when too
    many analyses are waiting."""
    if sub.url:
        return await _queue_url(server, sub.url)
    limit = f"larger than {MAX_PAGE // (1024 * 1024)} MB"
    if sub.data:
        if len(sub.data) > MAX_PAGE:
            raise InputError(f"the file is {limit}")
        raw = from_bytes(sub.data, origin="file", max_bytes=MAX_PAGE)
        return await run_in_threadpool(server.jobs.submit, "file", sub.name, lambda: raw)
    if len(sub.text.encode("utf-8")) > MAX_PAGE:
        raise InputError(f"the text is {limit}")
    raw = from_text(sub.text, origin="content")
    first = next((line.strip() for line in sub.text.splitlines() if line.strip()), "")
    return await run_in_threadpool(server.jobs.submit, "text", first[:120], lambda: raw)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, server: Server) -> Response:
    return _index(request, server)  # a sync handler runs in FastAPI's threadpool: SQLite off the event loop


@router.post("/analyze")
async def submit(request: Request, server: Server) -> Response:
    try:
        sub = await _submission(await checked_form(request, MAX_PAGE))
    except CsrfError as exc:
        return _forbidden(str(exc))
    given = sub.given()
    if len(given) != 1:
        what = "nothing" if not given else " and ".join(given)
        message = f"Give exactly one of a link, pasted text, or a file (got {what})."
        return _index(request, server, message, sub.kept(), 400)
    try:
        aid = await _queue(server, sub)
    except (InputError, FetchError) as exc:
        return _index(request, server, str(exc), sub.kept(), 400)
    except Busy as exc:
        return _index(request, server, str(exc), sub.kept(), 503)
    return RedirectResponse(f"/reports/{aid}", status_code=303)


@router.get("/reports/{aid}", response_class=HTMLResponse)
def report_page(request: Request, aid: str, server: Server) -> Response:
    store = server.store
    a = store.get(aid)
    if a is None:
        return _error(404, "Not found", f"No analysis {aid!r} here.")
    if a.report is None:
        current = UI_STAGES.index(a.stage) if a.stage in UI_STAGES else -1
        ahead = server.jobs.waiting() - 1
        return html_page(render_template("progress.html", a=a, stages=UI_STAGES, current=current, ahead=ahead))
    token, new = csrf_token(request)
    audit = store.overrides(aid)
    review = {
        "id": aid,
        "csrf": token,
        "effective": {o.comment: o for o in audit},
        "audit": audit,
        "reviewer": request.cookies.get(REVIEWER_COOKIE, "")[:120],
    }
    body = render_template("report.html", standalone=False, review=review, **page_context(a.report))
    return html_page(body, 200, token, new)


@router.post("/reports/{aid}/comments/{cid}/override")
async def overrule(request: Request, aid: str, cid: str, server: Server) -> Response:
    try:
        form = await checked_form(request, 16 * 1024)
    except CsrfError as exc:
        return _forbidden(str(exc))
    reviewer = str(form.get("reviewer") or "")
    try:
        fields = (str(form.get("action") or ""), str(form.get("reason") or ""), reviewer)
        await run_in_threadpool(server.store.override, aid, cid, *fields)  # SQLite off the event loop
    except LookupError as exc:
        return _error(404, "Not found", str(exc).strip("'\""))
    except Conflict as exc:
        return _error(409, "Not saved", str(exc))
    except InputError as exc:
        return _error(400, "Not saved", str(exc))
    resp = RedirectResponse(f"/reports/{aid}#comment-{quote(cid, safe='')}", status_code=303)
    if reviewer.strip():
        resp.set_cookie(REVIEWER_COOKIE, reviewer.strip()[:120], httponly=True, samesite="strict", path="/")
    return resp
