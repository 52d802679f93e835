"""HTTP API and the reviewer's desk, on FastAPI + uvicorn.

- ``POST /v1alpha1/comments:analyze``: Perspective API's request and response shapes (``comment.text``,
  ``requestedAttributes``, ``spanAnnotations``; ``attributeScores.<A>.summaryScore.value``, ``spanScores``),
  errors as Perspective-style error objects, so Coral Talk and other Perspective clients can point here.
- ``POST /v1/moderate``: newssift's labels, evidence spans, targets, reasons and policy action.
- ``POST /v1/analyze``: a page (``text``, ``html`` or ``url``) queued for the whole pipeline; ``GET /v1/reports/{id}``
  its status, stage and report; ``POST /v1/reports/{id}/overrides`` a reviewer's action on one comment (audit log).
  Reports live in an SQLite file (:mod:`newssift.store`).
- The web pages of :mod:`newssift.web` (``/``, ``/reports/{id}``).
- ``GET /healthz``. OpenAPI docs at ``/docs`` (``/openapi.json``).

Every error is a JSON error object with a 4xx status; request bodies are capped; the models load once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newssift import __version__
from newssift.errors import FetchError, InputError
from newssift.ingest import check_url, fetch_url, from_text
from newssift.jobs import Analyses, Busy
from newssift.moderation import Comment, StreamMemo, moderate_stream
from newssift.moderation.policy import Policy, load_policy
from newssift.moderation.stage import Verdict, judge
from newssift.pipeline import Options, parse_page_date
from newssift.store import ReportStore, analysis_json, default_path

MAX_BODY = 1024 * 1024 + 64 * 1024  # a 1 MB comment plus JSON overhead is refused by size, not parsed
MAX_COMMENT_BYTES = 20480  # Perspective's own limit on comment.text
MAX_BATCH = 1000
MAX_PAGE = 5 * 1024 * 1024  # a page given to /v1/analyze or the web form (text, HTML, or a fetched URL)
MAX_REQUEST = 8 * 1024 * 1024  # any request body (a page, JSON-escaped or in a multipart form)
MAX_WAIT = 120.0  # seconds /v1/analyze?wait= may hold a request open
ATTRIBUTES = ("TOXICITY", "SEVERE_TOXICITY", "IDENTITY_ATTACK", "INSULT", "PROFANITY", "THREAT")
_STATUS = {
    400: "INVALID_ARGUMENT",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "FAILED_PRECONDITION",
    413: "INVALID_ARGUMENT",
    415: "INVALID_ARGUMENT",
    422: "INVALID_ARGUMENT",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*\s*")


class ApiError(Exception):
    def __init__(self, code: int, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.reason = code, message, reason


def error_body(code: int, message: str, reason: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message, "status": _STATUS.get(code, "INVALID_ARGUMENT")}
    if reason:
        body["details"] = [{"@type": "type.googleapis.com/google.commentanalyzer.v1alpha1.Error", "errorType": reason}]
    return {"error": body}


def perspective_scores(v: Verdict) -> dict[str, float]:
    """newssift labels as Perspective attributes."""
    s = v.scores()
    hate, violence = s.get("hate", 0.0), s.get("violence", 0.0)
    harassment, profanity = s.get("harassment", 0.0), s.get("profanity", 0.0)
    return {
        "TOXICITY": max(hate, violence, harassment, 0.7 * profanity),
        "SEVERE_TOXICITY": max(hate if hate >= 0.8 else 0.6 * hate, violence if violence >= 0.8 else 0.6 * violence),
        "IDENTITY_ATTACK": hate,
        "INSULT": harassment,
        "PROFANITY": profanity,
        "THREAT": violence,
    }


async def _json_body(request: Request, limit: int = MAX_BODY, strict_type: bool = False) -> Any:
    """The request's JSON, refusing bodies over *limit* bytes; *strict_type* also requires Content-Type JSON
    (state-changing endpoints: a cross-site form cannot send that without a CORS preflight, which is never allowed)."""
    if strict_type:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise ApiError(415, "Send the request as JSON with Content-Type: application/json.", "UNSUPPORTED_MEDIA")
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise ApiError(413, f"Request body is larger than {limit} bytes.", "REQUEST_TOO_LARGE")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, f"Request body is larger than {limit} bytes.", "REQUEST_TOO_LARGE")
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"Invalid JSON payload received. {exc}", "INVALID_JSON") from None


def _context_parent(context: Any) -> str | None:
    """The text a comment replies to, from Perspective's optional ``context`` (``{"entries": [{"text": ...}]}``):
    the last entry. None without one; a malformed context is a 400, as Perspective answers."""
    if context is None:
        return None
    entries = context.get("entries") if isinstance(context, dict) else None
    if not isinstance(entries, list) or any(
        not isinstance(e, dict) or not isinstance(e.get("text"), str) for e in entries
    ):
        raise ApiError(400, 'context must be {"entries": [{"text": "..."}, ...]}.')
    if not entries or not entries[-1]["text"].strip():
        return None
    last: str = entries[-1]["text"]
    if len(last.encode("utf-8")) > MAX_COMMENT_BYTES:
        raise ApiError(400, f"context entry too long: the limit is {MAX_COMMENT_BYTES} bytes.", "COMMENT_TOO_LONG")
    return last


def create_app(
    policy: Policy | None = None,
    *,
    store: ReportStore | None = None,
    policy_path: Path | None = None,
    corpus: Path | None = None,
    allow_private: bool = False,
) -> FastAPI:
    """The app. *store* holds analyses (default: :func:`newssift.store.default_path`); *policy_path* is the
    moderation policy file (default policy when None); *corpus* a corpus folder to corroborate claims against;
    *allow_private* lets URL analyses fetch private and loopback addresses."""
    from newssift.web import Guard, add_web_routes

    policy = policy or load_policy(policy_path)
    store = store or ReportStore(default_path())
    jobs = Analyses(store, Options(policy=policy_path, corpus=corpus))
    app = FastAPI(
        title="newssift",
        version=__version__,
        description="Lateral reading and moderation of news pages: analyses with evidence, a reviewer's desk, and "
        "a self-hosted, Perspective-compatible moderation API.",
    )
    app.add_middleware(Guard, max_body=MAX_REQUEST)
    app.mount("/static", StaticFiles(packages=[("newssift", "static")]), name="static")
    app.state.store, app.state.jobs = store, jobs
    app.router.on_shutdown.append(jobs.shutdown)

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message, exc.reason), status_code=exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(error_body(exc.status_code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(error_body(400, f"Invalid request: {exc.errors()[:3]}"), status_code=400)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__, "policy": policy.name}

    @app.post("/v1alpha1/comments:analyze")
    async def analyze_comment(request: Request) -> JSONResponse:
        data = await _json_body(request)
        if not isinstance(data, dict):
            raise ApiError(400, "Request body must be a JSON object.")
        comment = data.get("comment")
        if not isinstance(comment, dict) or not isinstance(comment.get("text"), str):
            raise ApiError(400, "comment.text is required and must be a string.", "COMMENT_EMPTY")
        text: str = comment["text"]
        if not text.strip():
            raise ApiError(400, "Comment must be non-empty.", "COMMENT_EMPTY")
        if len(text.encode("utf-8")) > MAX_COMMENT_BYTES:
            raise ApiError(400, f"Comment text too long: the limit is {MAX_COMMENT_BYTES} bytes.", "COMMENT_TOO_LONG")
        requested = data.get("requestedAttributes")
        if not isinstance(requested, dict) or not requested:
            raise ApiError(400, "requestedAttributes must name at least one attribute.", "NO_REQUESTED_ATTRIBUTES")
        unknown = [a for a in requested if a not in ATTRIBUTES]
        if unknown:
            raise ApiError(400, f"Unknown requested attribute: {unknown[0]}.", "ATTRIBUTE_NOT_SUPPORTED")
        languages = data.get("languages") or ["en"]
        if not isinstance(languages, list) or any(str(lang).lower().split("-")[0] != "en" for lang in languages):
            raise ApiError(
                400, f"Attribute(s) do not support language(s): {languages}.", "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE"
            )
        span_annotations = bool(data.get("spanAnnotations", False))
        parent = _context_parent(data.get("context"))
        if parent is None:
            whole = (await run_in_threadpool(judge, [text], policy=policy))[0]
        else:  # the comment replies to the last context entry: judged with it in view, as /v1/moderate does
            whole = (await run_in_threadpool(judge, [parent, text], [None, 0], policy=policy))[1]
        summary = perspective_scores(whole)
        pieces = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]
        piece_scores = []
        if span_annotations and len(pieces) > 1:
            verdicts = await run_in_threadpool(judge, [text[a:b] for a, b in pieces], policy=policy)
            piece_scores = [(a, b, perspective_scores(v)) for (a, b), v in zip(pieces, verdicts, strict=True)]
        else:
            piece_scores = [(0, len(text), summary)]
        out: dict[str, Any] = {}
        for attr in requested:
            entry: dict[str, Any] = {"summaryScore": {"value": round(summary[attr], 6), "type": "PROBABILITY"}}
            if span_annotations:
                entry["spanScores"] = [
                    {"begin": a, "end": b, "score": {"value": round(sc[attr], 6), "type": "PROBABILITY"}}
                    for a, b, sc in piece_scores
                ]
            out[attr] = entry
        body: dict[str, Any] = {"attributeScores": out, "languages": ["en"], "detectedLanguages": ["en"]}
        if data.get("clientToken") is not None:
            body["clientToken"] = data["clientToken"]
        return JSONResponse(body)

    @app.post("/v1/moderate")
    async def moderate_comments(request: Request) -> JSONResponse:
        data = await _json_body(request)
        comments = data.get("comments") if isinstance(data, dict) else None
        if not isinstance(comments, list) or not comments:
            raise ApiError(400, 'Expected {"comments": [{"id": ..., "text": ..., "parent": ...}, ...]}.')
        if len(comments) > MAX_BATCH:
            raise ApiError(400, f"At most {MAX_BATCH} comments per request.")
        batch: list[Comment] = []
        for n, c in enumerate(comments):
            if not isinstance(c, dict) or not isinstance(c.get("text"), str) or not c["text"].strip():
                raise ApiError(400, f"comments[{n}].text is required and must be a non-empty string.")
            if len(c["text"].encode("utf-8")) > MAX_COMMENT_BYTES:
                raise ApiError(400, f"comments[{n}].text is longer than {MAX_COMMENT_BYTES} bytes.", "COMMENT_TOO_LONG")
            parent = c.get("parent")
            batch.append(Comment(str(c.get("id", n)), c["text"], None if parent is None else str(parent)))
        memo = StreamMemo()
        judged = await run_in_threadpool(
            lambda: list(moderate_stream(batch, policy=policy, batch_size=MAX_BATCH, memo=memo))
        )
        results = [{"id": comment.id, **result.model_dump(mode="json")} for comment, result in judged]
        body: dict[str, Any] = {"results": results}
        # what the request had that the verdicts alone do not say (the CLI prints the same on stderr)
        warnings = [
            f"comment {cid}: its parent does not come before it; judged without it" for cid in memo.unknown_parents
        ]
        warnings += [
            f"comment id {cid} given twice; replies to it are judged with the latest" for cid in memo.duplicate_ids
        ]
        if warnings:
            body["warnings"] = warnings
        return JSONResponse(body)

    @app.post("/v1/analyze", status_code=202)
    async def analyze_page(request: Request, wait: float = 0.0) -> JSONResponse:
        """Queue a page: ``{"text": ...}``, ``{"html": ...}`` or ``{"url": ...}``, with optional ``page_url``
        (the address of given content) and ``date`` (ISO, overrides the page's). Answers 202 with the analysis id;
        ``?wait=SECONDS`` (at most 120) holds the request until the analysis is done, and answers 200 with it."""
        data = await _json_body(request, MAX_REQUEST, strict_type=True)
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
        if data.get("date") is not None and parse_page_date(str(data["date"])) is None:
            raise ApiError(400, '"date" must be an ISO date (YYYY-MM-DD).')
        options = Options(policy=policy_path, corpus=corpus, page_date=data.get("date"))
        try:
            if kind == "url":
                url = check_url(value, allow_private=allow_private)
                aid = jobs.submit(
                    "url", url, lambda: fetch_url(url, allow_private=allow_private, max_bytes=MAX_PAGE), options
                )
            else:
                if len(value.encode("utf-8")) > MAX_PAGE:
                    raise ApiError(413, f'"{kind}" is larger than {MAX_PAGE} bytes.', "REQUEST_TOO_LARGE")
                raw = from_text(value, url=page_url, origin="content")
                first = next((line.strip() for line in value.splitlines() if line.strip()), "")
                aid = jobs.submit(kind, page_url or first[:120], lambda: raw, options)
        except FetchError as exc:
            raise ApiError(400, str(exc), "URL_REFUSED") from None
        except InputError as exc:
            raise ApiError(400, str(exc)) from None
        except Busy as exc:
            raise ApiError(503, str(exc), "BUSY") from None
        if wait > 0:
            await run_in_threadpool(jobs.wait, aid, min(wait, MAX_WAIT))
        a = store.get(aid)
        assert a is not None
        done = a.status in ("done", "failed")
        body: dict[str, Any] = analysis_json(a, []) if done else {"id": aid, "status": a.status, "stage": a.stage}
        body["links"] = {"self": f"/v1/reports/{aid}", "page": f"/reports/{aid}"}
        return JSONResponse(body, status_code=200 if done else 202, headers={"Location": f"/v1/reports/{aid}"})

    @app.get("/v1/reports/{aid}")
    async def get_report(aid: str) -> JSONResponse:
        """An analysis: ``status`` (queued, running, done, failed), ``stage``, ``report`` when done, ``error`` when
        failed, and ``overrides`` (the audit log of reviewers' actions)."""
        a = store.get(aid)
        if a is None:
            raise ApiError(404, f"No analysis {aid!r}.")
        return JSONResponse(analysis_json(a, store.overrides(aid)))

    @app.get("/v1/reports")
    async def list_reports(limit: int = 20) -> JSONResponse:
        """The most recent analyses (id, created, status, input, title), newest first."""
        return JSONResponse({"reports": store.recent(max(1, min(limit, 200)))})

    @app.post("/v1/reports/{aid}/overrides", status_code=201)
    async def override(aid: str, request: Request) -> JSONResponse:
        """Overrule the action on one comment: ``{"comment": id, "action": "remove"|"review"|"allow",
        "reason": ..., "reviewer": ...}``; stored with its time in the audit log."""
        data = await _json_body(request, 64 * 1024, strict_type=True)
        if not isinstance(data, dict) or not isinstance(data.get("comment"), str):
            raise ApiError(400, 'Expected {"comment": id, "action": ..., "reason": ..., "reviewer": ...}.')
        a = store.get(aid)
        if a is None:
            raise ApiError(404, f"No analysis {aid!r}.")
        if a.report is None:
            raise ApiError(409, f"Analysis {aid!r} is {a.status}; only a finished report can be overruled.")
        reviewer = data.get("reviewer")
        try:
            o = store.override(
                aid, data["comment"], str(data.get("action", "")), str(data.get("reason") or ""), str(reviewer or "")
            )
        except LookupError as exc:
            raise ApiError(404, str(exc).strip("'\"")) from None
        except InputError as exc:
            raise ApiError(400, str(exc)) from None
        return JSONResponse(o.as_json(), status_code=201)

    add_web_routes(app, store, jobs, allow_private=allow_private, max_page=MAX_PAGE)
    return app


def run(
    host: str = "127.0.0.1",
    port: int = 8080,
    policy_path: Path | None = None,
    db: Path | None = None,
    corpus: Path | None = None,
    allow_private: bool = False,
) -> None:
    import uvicorn

    from newssift.moderation.model import get_model

    get_model()  # load before accepting requests
    app = create_app(
        store=ReportStore(db or default_path()), policy_path=policy_path, corpus=corpus, allow_private=allow_private
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
