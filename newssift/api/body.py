"""Request bodies: the size limits, strict JSON, and CPU-bound moderation off the event loop."""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request

from newssift.api.errors import ApiError
from newssift.document import has_lone_surrogate

MAX_BODY = 1024 * 1024 + 64 * 1024  # a 1 MB comment plus JSON overhead is refused by size, not parsed
MAX_COMMENT_BYTES = 20480  # Perspective's own limit on comment.text
MAX_BATCH = 1000
MAX_PAGE = 5 * 1024 * 1024  # a page given to /v1/analyze or the web form (text, HTML, or a fetched URL)
MAX_REQUEST = 8 * 1024 * 1024  # any request body (a page, JSON-escaped or in a multipart form)
MAX_JSON_DEPTH = 64  # Perspective's requests nest 4 deep; Python's parser recurses once a level
T = TypeVar("T")


async def json_body(request: Request, limit: int = MAX_BODY, strict_type: bool = False) -> Any:
    """The request's JSON, refusing bodies over *limit* bytes; *strict_type* also requires Content-Type JSON
    (state-changing endpoints: a cross-site form cannot send that without a CORS preflight, which is never allowed)."""
    if strict_type:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise ApiError(415, "Send the request as JSON with Content-Type: application/json.", "UNSUPPORTED_MEDIA")
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise ApiError(413, f"Request body is larger than {limit} bytes.", "REQUEST_TOO_LARGE")
    body = await request.body()  # read in full, within a deadline, by web.Guard
    if len(body) > limit:
        raise ApiError(413, f"Request body is larger than {limit} bytes.", "REQUEST_TOO_LARGE")
    return parse_json(body)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"{literal[:20]} is out of range")
    return value


def parse_json(body: bytes) -> Any:
    """Strict JSON (no NaN or Infinity, nesting at most :data:`MAX_JSON_DEPTH` deep, integers of at most 4,300
    digits); anything else is a 400 error object, never a 500."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"Invalid JSON payload received. Not UTF-8: {exc.reason}.", "INVALID_JSON") from None
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError; so are over-long integers
        raise ApiError(400, f"Invalid JSON payload received. {str(exc)[:200]}", "INVALID_JSON") from None
    if _nesting(value) > MAX_JSON_DEPTH:
        raise ApiError(400, f"Invalid JSON payload received. Nested deeper than {MAX_JSON_DEPTH}.", "INVALID_JSON")
    if _SURROGATE_ESCAPE.search(text) and _lone_surrogate(value):
        raise ApiError(
            400,
            "Invalid JSON payload received. A string has a lone surrogate (\\ud800-\\udfff without its pair), "
            "which is not Unicode.",
            "INVALID_JSON",
        )
    return value


#: a \u escape of a surrogate in the raw JSON: only then can a parsed string hold a lone one
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _lone_surrogate(value: Any) -> bool:
    """Whether a string of the parsed value (a key or a value) holds a lone surrogate, without recursion."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if has_lone_surrogate(v):
                return True
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


def _nesting(value: Any) -> int:
    """How deep the arrays and objects of a parsed JSON value nest, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, depth = stack.pop()
        children = v.values() if isinstance(v, dict) else v if isinstance(v, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if depth > MAX_JSON_DEPTH:
            break
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return deepest


_MODEL_LIMITER: list[Any] = []


async def moderation_thread(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run CPU-bound moderation off the event loop, one call at a time: more threads would not be faster (the GIL)
    and would starve the loop, so /healthz and other requests would wait behind them."""
    import anyio

    if not _MODEL_LIMITER:
        _MODEL_LIMITER.append(anyio.CapacityLimiter(1))
    return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs), limiter=_MODEL_LIMITER[0])
