"""Perspective's endpoints (``commentanalyzer v1alpha1``): ``POST /v1alpha1/comments:analyze``, ``POST
/v1alpha1/comments:suggestscore`` and the discovery document. The protocol itself (requests read as Google's JSON
mapping reads them, scores, spans, errors) is :mod:`newssift.perspective`; this module only routes to it.

With the server's API keys (``newssift serve --api-key-file``) each endpoint needs one of them; with a suggestions
file, ``comments:suggestscore`` appends what it is sent to it (otherwise nothing is kept).
A :class:`~newssift.perspective.PerspectiveError` is answered by :func:`perspective_error`, which
:func:`newssift.serve.create_app` registers on the app (a router cannot hold exception handlers)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from newssift.api.body import json_body
from newssift.api.state import Server, ServerState
from newssift.perspective import PerspectiveError, analyze, check_key, suggest_score
from newssift.perspective_discovery import discovery_document

router = APIRouter()


async def perspective_error(_request: Request, exc: PerspectiveError) -> JSONResponse:
    """A Google API error object, with the error's own status."""
    return JSONResponse(exc.body(), status_code=exc.code)


@router.post("/v1alpha1/comments:analyze")
async def analyze_comment(request: Request, server: Server) -> JSONResponse:
    check_key(request, server.api_keys)
    return JSONResponse(await analyze(await json_body(request), server.policy))


@router.post("/v1alpha1/comments:suggestscore")
async def suggest_comment_score(request: Request, server: Server) -> JSONResponse:
    check_key(request, server.api_keys)
    return JSONResponse(suggest_score(await json_body(request), server.suggestions))


async def _discovery(request: Request, server: ServerState, version: str) -> JSONResponse:
    check_key(request, server.api_keys)
    if version != "v1alpha1":
        raise PerspectiveError(404, f"Discovery document not found for API service: commentanalyzer {version}")
    return JSONResponse(discovery_document(str(request.base_url)))


@router.get("/$discovery/rest")
async def discovery_v2(request: Request, server: Server, version: str = "") -> JSONResponse:
    return await _discovery(request, server, version)


@router.get("/discovery/v1/apis/commentanalyzer/{version}/rest")
async def discovery_v1(request: Request, server: Server, version: str) -> JSONResponse:
    return await _discovery(request, server, version)
