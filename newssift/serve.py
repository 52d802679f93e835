"""HTTP API and the reviewer's desk, on FastAPI + uvicorn.

- Perspective API (``/v1alpha1/comments:analyze``, ``:suggestscore``, its discovery document): see
  :mod:`newssift.perspective`; Perspective's clients work here once their base URL is changed.
- ``POST /v1/moderate``: newssift's labels, evidence spans, targets, reasons and policy action.
- ``POST /v1/analyze``: a page (``text``, ``html`` or ``url``) queued for the whole pipeline; ``GET /v1/reports/{id}``
  its status, stage and report; ``POST /v1/reports/{id}/overrides`` a reviewer's action on one comment (audit log).
  Reports live in an SQLite file (:mod:`newssift.store`).
- The web pages of :mod:`newssift.web` (``/``, ``/reports/{id}``).
- ``GET /healthz``. OpenAPI docs at ``/docs`` (``/openapi.json``).

Every error is a JSON error object with a 4xx status; request bodies are capped; the models load once.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from newssift import __version__
from newssift.api.body import (
    MAX_BATCH,
    MAX_BODY,
    MAX_COMMENT_BYTES,
    MAX_JSON_DEPTH,
    MAX_PAGE,
    MAX_REQUEST,
    moderation_thread,
    parse_json,
)
from newssift.api.body import json_body as _json_body
from newssift.api.errors import ApiError, add_error_handlers, error_body
from newssift.errors import FetchError, InputError
from newssift.ingest import check_url, fetch_url, from_text
from newssift.jobs import Analyses, Busy
from newssift.moderation import Comment, StreamMemo, moderate_stream
from newssift.moderation.policy import Policy, load_policy
from newssift.pipeline import Options, parse_page_date
from newssift.store import Conflict, ReportStore, analysis_json, default_path
from newssift.web import BODY_TIMEOUT, LOOPBACK_HOSTS, normal_host

MAX_WAIT = 120.0  # seconds /v1/analyze?wait= may hold a request open
MAX_CONNECTIONS = 256  # open connections at once; more are answered 503 at once rather than held

# the names other modules and the tests import from here
__all__ = [
    "MAX_BATCH",
    "MAX_BODY",
    "MAX_COMMENT_BYTES",
    "MAX_CONNECTIONS",
    "MAX_JSON_DEPTH",
    "MAX_PAGE",
    "MAX_REQUEST",
    "MAX_WAIT",
    "ApiError",
    "_json_body",
    "allowed_hosts_for",
    "create_app",
    "error_body",
    "moderation_thread",
    "parse_json",
    "run",
]


def create_app(
    policy: Policy | None = None,
    *,
    store: ReportStore | None = None,
    policy_path: Path | None = None,
    corpus: Path | None = None,
    allow_private: bool = False,
    allowed_hosts: Sequence[str] = LOOPBACK_HOSTS,
    body_timeout: float = BODY_TIMEOUT,
    api_keys: frozenset[str] | None = None,
    suggestions: Path | None = None,
) -> FastAPI:
    """The app. *store* holds analyses (default: :func:`newssift.store.default_path`); *policy_path* is the
    moderation policy file (default policy when None); *corpus* a corpus folder to corroborate claims against;
    *allow_private* lets URL analyses fetch private and loopback addresses; *allowed_hosts* are the names the
    server answers to in the ``Host`` header (see :func:`allowed_hosts_for`), any other is a 400; a request body
    not complete within *body_timeout* seconds is a 408. *api_keys* and *suggestions*: see
    :func:`newssift.perspective.add_perspective_routes`."""
    from newssift.perspective import add_perspective_routes
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
    app.add_middleware(Guard, max_body=MAX_REQUEST, allowed_hosts=tuple(allowed_hosts), body_timeout=body_timeout)
    app.mount("/static", StaticFiles(packages=[("newssift", "static")]), name="static")
    app.state.store, app.state.jobs = store, jobs
    app.router.on_shutdown.append(jobs.shutdown)

    add_error_handlers(app)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__, "policy": policy.name}

    add_perspective_routes(app, policy, api_keys=api_keys, suggestions=suggestions)

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
        judged = await moderation_thread(
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
                url = await run_in_threadpool(check_url, value, allow_private=allow_private)  # DNS: off the loop
                aid = await run_in_threadpool(
                    jobs.submit,
                    "url",
                    url,
                    lambda: fetch_url(url, allow_private=allow_private, max_bytes=MAX_PAGE),
                    options,
                )
            else:
                if len(value.encode("utf-8")) > MAX_PAGE:
                    raise ApiError(413, f'"{kind}" is larger than {MAX_PAGE} bytes.', "REQUEST_TOO_LARGE")
                raw = from_text(value, url=page_url, origin="content")
                first = next((line.strip() for line in value.splitlines() if line.strip()), "")
                aid = await run_in_threadpool(jobs.submit, kind, page_url or first[:120], lambda: raw, options)
        except FetchError as exc:
            raise ApiError(400, str(exc), "URL_REFUSED") from None
        except InputError as exc:
            raise ApiError(400, str(exc)) from None
        except Busy as exc:
            raise ApiError(503, str(exc), "BUSY") from None
        if wait > 0:
            await run_in_threadpool(jobs.wait, aid, min(wait, MAX_WAIT))
        a = await run_in_threadpool(store.get, aid)
        assert a is not None
        done = wait > 0 and a.status in ("done", "failed")  # without ?wait= always 202, however fast it ran
        body: dict[str, Any] = analysis_json(a, []) if done else {"id": aid, "status": a.status, "stage": a.stage}
        body["links"] = {"self": f"/v1/reports/{aid}", "page": f"/reports/{aid}"}
        return JSONResponse(body, status_code=200 if done else 202, headers={"Location": f"/v1/reports/{aid}"})

    @app.get("/v1/reports/{aid}")
    def get_report(aid: str) -> JSONResponse:  # sync: FastAPI runs it in its threadpool, off the event loop
        """An analysis: ``status`` (queued, running, done, failed), ``stage``, ``report`` when done, ``error`` when
        failed, and ``overrides`` (the audit log of reviewers' actions)."""
        a = store.get(aid)
        if a is None:
            raise ApiError(404, f"No analysis {aid!r}.")
        return JSONResponse(analysis_json(a, store.overrides(aid)))

    @app.get("/v1/reports")
    def list_reports(limit: int = 20) -> JSONResponse:
        """The most recent analyses (id, created, status, input, title), newest first."""
        return JSONResponse({"reports": store.recent(max(1, min(limit, 200)))})

    @app.post("/v1/reports/{aid}/overrides", status_code=201)
    async def override(aid: str, request: Request) -> JSONResponse:
        """Overrule the action on one comment: ``{"comment": id, "action": "remove"|"review"|"allow",
        "reason": ..., "reviewer": ...}``; stored with its time in the audit log."""
        data = await _json_body(request, 64 * 1024, strict_type=True)
        if not isinstance(data, dict) or not isinstance(data.get("comment"), str):
            raise ApiError(400, 'Expected {"comment": id, "action": ..., "reason": ..., "reviewer": ...}.')
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

    add_web_routes(app, store, jobs, allow_private=allow_private, max_page=MAX_PAGE)
    return app


def allowed_hosts_for(host: str, extra: Sequence[str] = ()) -> tuple[str, ...]:
    """The ``Host`` names a server listening on *host* answers to: loopback names, *host* itself, and, when it
    listens on every address (``0.0.0.0``, ``::``), this machine's name; plus *extra* (``--allowed-host``), where
    ``*.example.org`` allows sub-domains and ``*`` any name (which gives up the DNS-rebinding defence)."""
    names = list(LOOPBACK_HOSTS)
    if host in ("0.0.0.0", "::", ""):
        names += [socket.gethostname(), socket.getfqdn()]
    else:
        names.append(host)
    names += extra
    return tuple(dict.fromkeys(normal_host(n) for n in names if n.strip()))


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to *host*:*port*, before anything else starts (so a second server on a taken port stops
    there, without touching the database); a taken or forbidden address is an InputError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def run(
    host: str = "127.0.0.1",
    port: int = 8080,
    policy_path: Path | None = None,
    db: Path | None = None,
    corpus: Path | None = None,
    allow_private: bool = False,
    allowed_hosts: Sequence[str] = (),
    api_key_file: Path | None = None,
    suggestions: Path | None = None,
) -> None:
    import uvicorn

    from newssift.moderation.encoder import get_moderation_encoder
    from newssift.moderation.model import get_model
    from newssift.perspective import load_api_keys

    api_keys = load_api_keys(api_key_file) if api_key_file is not None else None
    sock = _listen(host, port)
    get_model()  # load before accepting requests
    get_moderation_encoder()
    hosts = allowed_hosts_for(host, allowed_hosts)
    app = create_app(
        store=ReportStore(db or default_path()),
        policy_path=policy_path,
        corpus=corpus,
        allow_private=allow_private,
        allowed_hosts=hosts,
        api_keys=api_keys,
        suggestions=suggestions,
    )
    print(f"newssift: answering to Host {', '.join(hosts)} (add others with --allowed-host)", file=sys.stderr)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info",
        timeout_keep_alive=5,
        limit_concurrency=MAX_CONNECTIONS,
        h11_max_incomplete_event_size=64 * 1024,
    )
    uvicorn.Server(config).run(sockets=[sock])
