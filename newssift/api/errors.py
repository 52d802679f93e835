"""The JSON error object every API error answers with, and the app's exception handlers."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newssift.render.html import render_template
from newssift.store import StoreUnavailable

_STATUS = {
    400: "INVALID_ARGUMENT",
    404: "NOT_FOUND",
    408: "DEADLINE_EXCEEDED",
    405: "METHOD_NOT_ALLOWED",
    409: "FAILED_PRECONDITION",
    413: "INVALID_ARGUMENT",
    415: "INVALID_ARGUMENT",
    422: "INVALID_ARGUMENT",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}
log = logging.getLogger("newssift.serve")


class ApiError(Exception):
    def __init__(self, code: int, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.reason = code, message, reason


def error_body(code: int, message: str, reason: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message, "status": _STATUS.get(code, "INVALID_ARGUMENT")}
    if reason:
        body["details"] = [{"@type": "type.googleapis.com/google.commentanalyzer.v1alpha1.Error", "errorType": reason}]
    return {"error": body}


async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return JSONResponse(error_body(exc.code, exc.message, exc.reason), status_code=exc.code)


async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    return JSONResponse(error_body(exc.status_code, str(exc.detail)), status_code=exc.status_code)


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = "; ".join(f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg')}" for e in exc.errors()[:3])
    return JSONResponse(error_body(400, f"Invalid request: {problems[:500]}"), status_code=400)


async def _store_unavailable(request: Request, exc: StoreUnavailable) -> Response:
    log.error("%s", exc)
    message = "The report database is unavailable; try again in a minute."
    if request.url.path.startswith("/v1"):
        return JSONResponse(error_body(503, message, "STORE_UNAVAILABLE"), status_code=503)
    page = render_template("error.html", heading="Unavailable", message=message)
    return HTMLResponse(page, status_code=503, headers={"Retry-After": "60"})


async def _internal_error(_request: Request, exc: Exception) -> JSONResponse:
    # never a plain-text 500 or a traceback to the client; the server log keeps the traceback
    return JSONResponse(error_body(500, f"Internal error ({type(exc).__name__}); the server log has details."), 500)


def add_error_handlers(app: FastAPI) -> None:
    """Every error as a JSON error object (an unavailable database on a web page: an HTML page, 503)."""
    app.exception_handler(ApiError)(_api_error)
    app.exception_handler(StarletteHTTPException)(_http_error)
    app.exception_handler(RequestValidationError)(_validation_error)
    app.exception_handler(StoreUnavailable)(_store_unavailable)
    app.exception_handler(Exception)(_internal_error)
