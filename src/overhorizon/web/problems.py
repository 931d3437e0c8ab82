"""Errors as ``application/problem+json`` (RFC 9457), one shape for every failure.

Each ``OverhorizonError`` keeps its class's HTTP status and its code, so a client can branch on
``type`` (``/problems/OH204``) and a person can search the code. A hidden object raises the
same ``NotFoundError`` with the same message as a missing one, so the two answer identically.
Request validation failures and unknown routes take the same shape; an unexpected exception
becomes a 500 problem that says nothing about its cause.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from overhorizon.errors import AuthenticationError, OverhorizonError

PROBLEM = "application/problem+json"
log = logging.getLogger(__name__)

TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Too large",
    415: "Unsupported media type",
    422: "Unprocessable request",
    500: "Internal error",
    502: "Bad gateway",
    503: "Unavailable",
}


def problem(
    status: int, detail: str, *, code: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"/problems/{code}" if code else "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if code:
        body["code"] = code
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def from_error(exc: OverhorizonError) -> JSONResponse:
    headers = None
    if isinstance(exc, AuthenticationError):
        headers = {"WWW-Authenticate": 'Bearer realm="overhorizon", Basic realm="overhorizon"'}
    return problem(exc.status, exc.message, code=exc.code, headers=headers)


async def _overhorizon(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OverhorizonError)
    return from_error(exc)


async def _validation(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return problem(400, "; ".join(parts) or "invalid request")


async def _http(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
    return problem(exc.status_code, detail, headers=dict(exc.headers) if exc.headers else None)


async def _unexpected(_request: Request, exc: Exception) -> Response:
    log.exception("unexpected error", exc_info=exc)
    return problem(500, "the server failed to answer this request; it has been logged")


Handler = Callable[[Request, Exception], Awaitable[Response]]


def install(app: FastAPI, pages: Handler, is_page: Callable[[Request], bool]) -> None:
    """Register the handlers on ``app``: problems for the API (and anything else), and
    ``pages`` for the workspace's HTML pages (``is_page`` tells them apart by path)."""
    for kind, handler in (
        (OverhorizonError, _overhorizon),
        (RequestValidationError, _validation),
        (StarletteHTTPException, _http),
        (Exception, _unexpected),
    ):
        app.add_exception_handler(kind, _either(handler, pages, is_page))


def _either(api: Handler, pages: Handler, is_page: Callable[[Request], bool]) -> Handler:
    async def handle(request: Request, exc: Exception) -> Response:
        if is_page(request):
            if not isinstance(
                exc, OverhorizonError | RequestValidationError | StarletteHTTPException
            ):
                log.exception("unexpected error", exc_info=exc)
            return await pages(request, exc)
        return await api(request, exc)

    return handle
