"""HTTP API: a Perspective-compatible moderation endpoint and newssift's own, on FastAPI + uvicorn.

- ``POST /v1alpha1/comments:analyze``: Perspective API's request and response shapes (``comment.text``,
  ``requestedAttributes``, ``spanAnnotations``; ``attributeScores.<A>.summaryScore.value``, ``spanScores``),
  errors as Perspective-style error objects, so Coral Talk and other Perspective clients can point here.
- ``POST /v1/moderate``: newssift's labels, evidence spans, targets, reasons and policy action.
- ``GET /healthz``. OpenAPI docs at ``/docs``.

Every error is a JSON error object with a 4xx status; request bodies are capped; the model loads once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newssift import __version__
from newssift.moderation import to_report
from newssift.moderation.policy import Policy, load_policy
from newssift.moderation.stage import Verdict, judge

MAX_BODY = 1024 * 1024 + 64 * 1024  # a 1 MB comment plus JSON overhead is refused by size, not parsed
MAX_COMMENT_BYTES = 20480  # Perspective's own limit on comment.text
MAX_BATCH = 1000
ATTRIBUTES = ("TOXICITY", "SEVERE_TOXICITY", "IDENTITY_ATTACK", "INSULT", "PROFANITY", "THREAT")
_STATUS = {
    400: "INVALID_ARGUMENT",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "INVALID_ARGUMENT",
    415: "INVALID_ARGUMENT",
    422: "INVALID_ARGUMENT",
    500: "INTERNAL",
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


async def _json_body(request: Request) -> Any:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_BODY:
        raise ApiError(413, f"Request body is larger than {MAX_BODY} bytes.", "REQUEST_TOO_LARGE")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise ApiError(413, f"Request body is larger than {MAX_BODY} bytes.", "REQUEST_TOO_LARGE")
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"Invalid JSON payload received. {exc}", "INVALID_JSON") from None


def create_app(policy: Policy | None = None) -> FastAPI:
    policy = policy or load_policy()
    app = FastAPI(
        title="newssift",
        version=__version__,
        description="Comment moderation with evidence: a self-hosted, Perspective-compatible API.",
    )

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
        whole = judge([text], policy=policy)[0]
        summary = perspective_scores(whole)
        pieces = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]
        piece_scores = []
        if span_annotations and len(pieces) > 1:
            verdicts = judge([text[a:b] for a, b in pieces], policy=policy)
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
        texts: list[str] = []
        ids: list[str] = []
        parent_ids: list[str | None] = []
        for n, c in enumerate(comments):
            if not isinstance(c, dict) or not isinstance(c.get("text"), str) or not c["text"].strip():
                raise ApiError(400, f"comments[{n}].text is required and must be a non-empty string.")
            if len(c["text"].encode("utf-8")) > MAX_COMMENT_BYTES:
                raise ApiError(400, f"comments[{n}].text is longer than {MAX_COMMENT_BYTES} bytes.", "COMMENT_TOO_LONG")
            texts.append(c["text"])
            ids.append(str(c.get("id", n)))
            parent = c.get("parent")
            parent_ids.append(None if parent is None else str(parent))
        position = {cid: i for i, cid in enumerate(ids)}
        parents = [position.get(p) if p is not None else None for p in parent_ids]
        verdicts = judge(texts, parents, policy=policy)
        results = [
            {"id": cid, **to_report(v, 0, policy.name).model_dump(mode="json")}
            for cid, v in zip(ids, verdicts, strict=True)
        ]
        return JSONResponse({"results": results})

    return app


def run(host: str = "127.0.0.1", port: int = 8080, policy_path: Path | None = None) -> None:
    import uvicorn

    from newssift.moderation.model import get_model

    get_model()  # load before accepting requests
    uvicorn.run(create_app(load_policy(policy_path)), host=host, port=port, log_level="info")
