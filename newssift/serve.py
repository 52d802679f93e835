"""HTTP API and the reviewer's desk, on FastAPI + uvicorn.

- Perspective API (``/v1alpha1/comments:analyze``, ``:suggestscore``, its discovery document): see
  :mod:`newssift.perspective`; Perspective's clients work here once their base URL is changed.
- ``POST /v1/moderate``: newssift's labels, evidence spans, targets, reasons and policy action.
- ``POST /v1/analyze``: a page (``text``, ``html`` or ``url``) queued for the whole pipeline; ``GET /v1/reports/{id}``
  its status, stage and report; ``POST /v1/reports/{id}/overrides`` a reviewer's action on one comment (audit log).
  Reports live in an SQLite file (:mod:`newssift.store`).
- The web pages of :mod:`newssift.api.pages` (``/``, ``/reports/{id}``).
- ``GET /healthz``. OpenAPI docs at ``/docs`` (``/openapi.json``).

The endpoints are FastAPI routers by concern in :mod:`newssift.api` (health, Perspective, moderation, reports, the
web pages); :func:`create_app` assembles them with the middleware (:class:`newssift.web.Guard`) and the error
handlers.

Every error is a JSON error object with a 4xx status; request bodies are capped; the models load once.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newssift import __version__
from newssift.api import health, moderation, pages, perspective, reports
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
from newssift.api.reports import MAX_WAIT
from newssift.api.state import ServerState, attach
from newssift.errors import InputError
from newssift.jobs import Analyses
from newssift.moderation.policy import Policy, load_policy
from newssift.perspective import PerspectiveError
from newssift.pipeline import Options
from newssift.store import ReportStore, default_path
from newssift.web import BODY_TIMEOUT, LOOPBACK_HOSTS, Guard, normal_host

# the names other modules and the tests import from here (the API's pieces live in newssift.api)
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

MAX_CONNECTIONS = 256  # open connections at once; more are answered 503 at once rather than held


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
    not complete within *body_timeout* seconds is a 408. With *api_keys*, Perspective's endpoints need one of them;
    with *suggestions*, ``comments:suggestscore`` appends what it is sent to that file (otherwise nothing is kept)."""
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
    attach(app, ServerState(policy, policy_path, corpus, allow_private, store, jobs, api_keys, suggestions))
    add_error_handlers(app)
    app.exception_handler(PerspectiveError)(perspective.perspective_error)  # Google's error objects, as Perspective's
    # in this order, as before the split: it is the order of /openapi.json's paths
    for router in (health.router, perspective.router, moderation.router, reports.router, pages.router):
        app.include_router(router)
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
