"""Log in and out: a password login sets the session cookie; logging out revokes it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from overhorizon.errors import AuthenticationError, InvalidValueError
from overhorizon.web.auth import SESSION_COOKIE, base_store
from overhorizon.web.session import SESSION_DAYS, close_session, open_session

router = APIRouter(prefix="/api", tags=["session"])

CREDENTIALS = {
    "type": "object",
    "required": ["user", "password"],
    "properties": {
        "user": {"type": "string", "maxLength": 64},
        "password": {"type": "string", "maxLength": 1024},
        "next": {"type": "string", "maxLength": 2000},
    },
}


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another origin after logging in."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


async def _credentials(request: Request) -> tuple[dict[str, Any], bool]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise InvalidValueError("the body is not JSON") from None
        if not isinstance(body, dict):
            raise InvalidValueError("the body is not a JSON object")
        return body, False
    if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        return {k: v for k, v in form.items() if isinstance(v, str)}, True
    raise InvalidValueError("send the credentials as JSON or as a form")


@router.post(
    "/login",
    summary="Log in with a password; sets the session cookie",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": CREDENTIALS},
                "application/x-www-form-urlencoded": {"schema": CREDENTIALS},
            },
        }
    },
    responses={200: {"description": "Logged in"}, 303: {"description": "Logged in (form)"}},
)
async def login(request: Request) -> Response:
    body, form = await _credentials(request)
    name, password = body.get("user"), body.get("password")
    if not isinstance(name, str) or not isinstance(password, str):
        raise AuthenticationError("unknown user or wrong password")
    user, secret = open_session(base_store(request), name, password)
    response: Response
    if form:
        response = RedirectResponse(safe_next(body.get("next")), status_code=303)
    else:
        response = JSONResponse({"user": user.name, "org": user.org, "role": user.role})
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=SESSION_DAYS * 86400,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post(
    "/logout", status_code=204, summary="Log out: revoke the session", response_class=Response
)
def logout(request: Request) -> Response:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        close_session(base_store(request), secret)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response
