"""Analyses of whole pages and the reviewers' audit log: ``POST /v1/analyze`` queues a page for the pipeline,
``GET /v1/reports/{id}`` gives its status, stage and report, ``GET /v1/reports`` the recent ones, and
``POST /v1/reports/{id}/overrides`` records a reviewer's action on one comment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from newssift.api.body import MAX_PAGE, MAX_REQUEST, json_body
from newssift.api.errors import ApiError
from newssift.api.state import Server, ServerState
from newssift.errors import FetchError, InputError
from newssift.ingest import check_url, fetch_url, from_text
from newssift.jobs import Busy
from newssift.pipeline import Options, enabled_stages, parse_page_date
from newssift.store import Conflict, analysis_json

MAX_WAIT = 120.0  # seconds /v1/analyze?wait= may hold a request open

router = APIRouter()


@dataclass(frozen=True)
class _PageRequest:
    kind: str  # text, html or url
    value: str
    page_url: str | None
    date: Any
    disable: tuple[str, ...] = ()  # stages not to run, by name


def _page_request(data: Any) -> _PageRequest:
    """The body of ``POST /v1/analyze``, checked: exactly one of text, html or url, and a valid page_url and date."""
    if not isinstance(data, dict):
        raise ApiError(400, "Request body must be a JSON object.")
    given = [k for k in ("text", "html", "url") if data.get(k) is not None]
    if len(given) != 1:
        raise ApiError(400, 'Give exactly one of "text", "html" or "url".', "MISSING_INPUT")
    kind = given[0]
    value = data[kind]
    if not isinstance(value, str) or not value.strip():
        raise ApiError(400, f'"{kind}" must be a non-empty string.', "MISSING_INPUT")
    page_url = data.get("page_url")
    if page_url is not None and not isinstance(page_url, str):
        raise ApiError(400, '"page_url" must be a string.')
    if data.get("date") is not None and (not isinstance(data["date"], str) or parse_page_date(data["date"]) is None):
        raise ApiError(400, '"date" must be an ISO date (YYYY-MM-DD).')
    disable = data.get("disable") or []
    if not isinstance(disable, list) or len(disable) > 20 or not all(isinstance(d, str) for d in disable):
        raise ApiError(400, '"disable" must be a list of stage names.')
    return _PageRequest(kind, value, page_url, data.get("date"), tuple(disable))


async def _submit(server: ServerState, page: _PageRequest) -> str:
    """Queue *page* (a URL is checked, then fetched by the job); the analysis id."""
    options = Options(policy=server.policy_path, corpus=server.corpus, page_date=page.date, disable=page.disable)
    allow_private, jobs, kind, value = server.allow_private, server.jobs, page.kind, page.value
    try:
        enabled_stages(options, options.disabled)  # an unknown stage, or one whose requirement is disabled: 400
        if kind == "url":
            url = await run_in_threadpool(check_url, value, allow_private=allow_private)  # DNS: off the loop
            return await run_in_threadpool(
                jobs.submit,
                "url",
                url,
                lambda: fetch_url(url, allow_private=allow_private, max_bytes=MAX_PAGE),
                options,
            )
        if len(value.encode("utf-8")) > MAX_PAGE:
            raise ApiError(413, f'"{kind}" is larger than {MAX_PAGE} bytes.', "REQUEST_TOO_LARGE")
        raw = from_text(value, url=page.page_url, origin="content")
        first = next((line.strip() for line in value.splitlines() if line.strip()), "")
        return await run_in_threadpool(jobs.submit, kind, page.page_url or first[:120], lambda: raw, options)
    except FetchError as exc:
        raise ApiError(400, str(exc), "URL_REFUSED") from None
    except InputError as exc:
        raise ApiError(400, str(exc)) from None
    except Busy as exc:
        raise ApiError(503, str(exc), "BUSY") from None


@router.post("/v1/analyze", status_code=202)
async def analyze_page(request: Request, server: Server, wait: float = 0.0) -> JSONResponse:
    """Queue a page: ``{"text": ...}``, ``{"html": ...}`` or ``{"url": ...}``, with optional ``page_url``
    (the address of given content) and ``date`` (ISO, overrides the page's). Answers 202 with the analysis id;
    ``?wait=SECONDS`` (at most 120) holds the request until the analysis is done, and answers 200 with it."""
    page = _page_request(await json_body(request, MAX_REQUEST, strict_type=True))
    aid = await _submit(server, page)
    if wait > 0:
        await run_in_threadpool(server.jobs.wait, aid, min(wait, MAX_WAIT))
    a = await run_in_threadpool(server.store.get, aid)
    assert a is not None
    done = wait > 0 and a.status in ("done", "failed")  # without ?wait= always 202, however fast it ran
    body: dict[str, Any] = analysis_json(a, []) if done else {"id": aid, "status": a.status, "stage": a.stage}
    body["links"] = {"self": f"/v1/reports/{aid}", "page": f"/reports/{aid}"}
    return JSONResponse(body, status_code=200 if done else 202, headers={"Location": f"/v1/reports/{aid}"})


@router.get("/v1/reports/{aid}")
def get_report(aid: str, server: Server) -> JSONResponse:  # sync: FastAPI runs it in its threadpool, off the loop
    """An analysis: ``status`` (queued, running, done, failed), ``stage``, ``report`` when done, ``error`` when
    failed, and ``overrides`` (the audit log of reviewers' actions)."""
    a = server.store.get(aid)
    if a is None:
        raise ApiError(404, f"No analysis {aid!r}.")
    return JSONResponse(analysis_json(a, server.store.overrides(aid)))


@router.get("/v1/reports")
def list_reports(server: Server, limit: int = 20) -> JSONResponse:
    """The most recent analyses (id, created, status, input, title), newest first."""
    return JSONResponse({"reports": server.store.recent(max(1, min(limit, 200)))})


@router.post("/v1/reports/{aid}/overrides", status_code=201)
async def override(aid: str, request: Request, server: Server) -> JSONResponse:
    """Overrule the action on one comment: ``{"comment": id, "action": "remove"|"review"|"allow",
    "reason": ..., "reviewer": ...}``; stored with its time in the audit log."""
    data = await json_body(request, 64 * 1024, strict_type=True)
    if not isinstance(data, dict) or not isinstance(data.get("comment"), str):
        raise ApiError(400, 'Expected {"comment": id, "action": ..., "reason": ..., "reviewer": ...}.')
    store = server.store
    a = await run_in_threadpool(store.get, aid)  # SQLite off the event loop
    if a is None:
        raise ApiError(404, f"No analysis {aid!r}.")
    if a.report is None:
        raise ApiError(409, f"Analysis {aid!r} is {a.status}; only a finished report can be overruled.")
    fields = (str(data.get("action", "")), str(data.get("reason") or ""), str(data.get("reviewer") or ""))
    try:
        o = await run_in_threadpool(store.override, aid, data["comment"], *fields)
    except LookupError as exc:
        raise ApiError(404, str(exc).strip("'\"")) from None
    except Conflict as exc:
        raise ApiError(409, str(exc), "CONFLICT") from None
    except InputError as exc:
        raise ApiError(400, str(exc)) from None
    return JSONResponse(o.as_json(), status_code=201)
