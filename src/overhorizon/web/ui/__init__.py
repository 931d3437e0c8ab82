"""The analyst's workspace: server-rendered pages with a little vanilla JavaScript, all
assets shipped in the package (no CDN), every page read through the user's filtered store."""

from __future__ import annotations

from importlib import resources
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from overhorizon.errors import AuthenticationError, OverhorizonError
from overhorizon.web.ui import actions, pages
from overhorizon.web.ui.render import render

PAGES = frozenset(
    {
        "",
        "search",
        "entities",
        "events",
        "network",
        "documents",
        "review",
        "statements",
        "retractions",
        "markings",
        "merges",
        "splits",
        "judgements",
        "login",
        "logout",
        "audit",
    }
)
"""First path segments of the workspace's pages; everything else answers problems."""

router = APIRouter(include_in_schema=False)
router.include_router(pages.router)
router.include_router(actions.router)


def is_page(request: Request) -> bool:
    return request.url.path.strip("/").split("/")[0] in PAGES


def mount_static(app: FastAPI) -> None:
    static = resources.files("overhorizon.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")


async def error_page(request: Request, exc: Exception) -> Response:
    """Errors on a page: the login form when credentials are missing, else an error page."""
    if isinstance(exc, AuthenticationError) and request.url.path != "/login":
        target = request.url.path + ("?" + request.url.query if request.url.query else "")
        return RedirectResponse(f"/login?{urlencode({'next': target})}", status_code=303)
    if isinstance(exc, OverhorizonError):
        status, detail = exc.status, exc.message
    elif isinstance(exc, StarletteHTTPException):
        status, detail = exc.status_code, str(exc.detail)
    elif isinstance(exc, RequestValidationError):
        status, detail = 400, "the request is not valid: check the form's values"
    else:
        status, detail = 500, "the server failed to answer this request; it has been logged"
    context = {"title": f"Error {status}", "status": status, "detail": detail}
    return render(request, None, "error.html", context, status)


__all__ = ["error_page", "is_page", "mount_static", "router"]
