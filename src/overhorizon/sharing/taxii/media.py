"""TAXII 2.1 media types, content negotiation, and errors as TAXII error messages.

Every response of the TAXII router is ``application/taxii+json;version=2.1`` (or the STIX
media type, for objects asked for as such), errors included: a TAXII error message with a
title, a description and the HTTP status, never the API's problem documents. ``TaxiiRoute``
turns whatever a TAXII endpoint raises into one, so the router needs no application-wide
handler.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from overhorizon.errors import AuthenticationError, OverhorizonError

TAXII_21 = "application/taxii+json;version=2.1"
STIX_21 = "application/stix+json;version=2.1"
REALM = 'Basic realm="overhorizon TAXII", charset="UTF-8"'

_TAXII = "application/taxii+json"
_STIX = "application/stix+json"
_log = logging.getLogger(__name__)


def _ranges(header: str) -> list[tuple[str, dict[str, str]]]:
    """The media ranges of an Accept header with their parameters (q=0 ones left out)."""
    found = []
    for part in header.split(","):
        kind, *params = (p.strip() for p in part.split(";"))
        if not kind:
            continue
        values = {}
        for param in params:
            name, _, value = param.partition("=")
            values[name.strip().lower()] = value.strip().strip('"')
        if values.get("q", "1") in ("0", "0.0", "0.00", "0.000"):
            continue
        found.append((kind.lower(), values))
    return found


def negotiate(request: Request, *, stix: bool = False) -> str:
    """The media type to answer ``request`` in; 406 when it accepts none the resource has.

    TAXII resources are served as TAXII 2.1; objects (``stix``) also as STIX 2.1 when that is
    what the client asks for. A range without a version means the latest, 2.1.
    """
    header = request.headers.get("accept", "").strip()
    if not header:
        return TAXII_21
    for kind, params in _ranges(header):
        if params.get("version", "2.1") != "2.1":
            continue
        if kind in (_TAXII, "application/*", "*/*"):
            return TAXII_21
        if stix and kind == _STIX:
            return STIX_21
    wanted = f"{TAXII_21} or {STIX_21}" if stix else TAXII_21
    raise HTTPException(406, f"this resource is served as {wanted} only")


def check_content_type(request: Request) -> None:
    """A POST must carry a TAXII 2.1 envelope; 415 otherwise."""
    kind, *params = (p.strip() for p in request.headers.get("content-type", "").split(";"))
    version = "2.1"
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "version":
            version = value.strip().strip('"')
    if kind.lower() != _TAXII or version != "2.1":
        raise HTTPException(415, f"send a TAXII envelope as {TAXII_21}")


def taxii_json(
    body: Mapping[str, Any] | str,
    *,
    status: int = 200,
    media_type: str = TAXII_21,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """A response whose body is a resource (or its JSON text, already written)."""
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return Response(
        text.encode("utf-8"), status, headers=dict(headers or {}), media_type=media_type
    )


_TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
}


def error_response(
    status: int, description: str, headers: Mapping[str, str] | None = None
) -> Response:
    """A TAXII error message."""
    body = {
        "title": _TITLES.get(status, "Server error"),
        "description": description,
        "http_status": str(status),
    }
    extra = dict(headers or {})
    if status == 401:
        extra["WWW-Authenticate"] = REALM
    return taxii_json(body, status=status, headers=extra)


def as_error(exc: Exception) -> Response:
    """The TAXII error message for anything a TAXII endpoint raised."""
    if isinstance(exc, HTTPException):
        return error_response(exc.status_code, str(exc.detail), exc.headers)
    if isinstance(exc, AuthenticationError):
        return error_response(401, exc.message)
    if isinstance(exc, OverhorizonError):
        return error_response(exc.status if exc.status < 500 else 500, exc.message)
    if isinstance(exc, RequestValidationError):
        return error_response(400, "the request does not fit this endpoint")
    _log.exception("TAXII request failed")
    return error_response(500, "the server could not answer this request")


class TaxiiRoute(APIRoute):
    """A route whose every failure is answered as a TAXII error message."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as exc:  # every failure becomes a TAXII error message
                return as_error(exc)

        return answer
