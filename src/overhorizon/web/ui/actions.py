"""The workspace's forms (POST): each writes through the requesting user's store and sends the
browser back where it came from with a notice (post, redirect, get).

The session cookie is SameSite=Strict, so another site cannot post these forms with it; a
request whose Origin header names another site is refused as well.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from overhorizon.errors import PermissionDeniedError
from overhorizon.resolution import judgements as decisions
from overhorizon.resolution import review
from overhorizon.store import SQLStore
from overhorizon.web import corrections
from overhorizon.web.api.common import touched
from overhorizon.web.api.session import safe_next
from overhorizon.web.auth import SESSION_COOKIE, base_store, reader
from overhorizon.web.session import close_session

router = APIRouter()


def same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc:
        raise PermissionDeniedError("a form from another site")


def writer_store(request: Request, store: Annotated[SQLStore, Depends(reader)]) -> SQLStore:
    same_origin(request)
    return store


Writer = Annotated[SQLStore, Depends(writer_store)]
Next = Annotated[str, Form(max_length=2000)]
Reason = Annotated[str, Form(max_length=2000)]


def back(target: str, notice: str) -> RedirectResponse:
    path = safe_next(target)
    path, _, anchor = path.partition("#")
    joiner = "&" if "?" in path else "?"
    return RedirectResponse(
        f"{path}{joiner}notice={notice}" + (f"#{anchor}" if anchor else ""), status_code=303
    )


@router.post("/statements/{statement_id}/correct")
def correct(
    statement_id: str,
    request: Request,
    store: Writer,
    value: Annotated[str, Form(min_length=1, max_length=5000)],
    tlp: Annotated[str, Form(max_length=16)] = "",
    reason: Reason = "",
    next: Next = "/",
) -> Response:
    change = corrections.correct(store, statement_id, value, reason or None, tlp=tlp or None)
    touched(request, store, {change.retraction.record.entity_id})
    return back(next, "corrected")


@router.post("/statements/{statement_id}/reject")
def reject(
    statement_id: str, request: Request, store: Writer, reason: Reason = "", next: Next = "/"
) -> Response:
    change = corrections.reject(store, statement_id, reason or None)
    touched(request, store, {change.retraction.record.entity_id})
    return back(next, "rejected")


@router.post("/retractions/{retraction_id}/undo")
def undo_retraction(
    retraction_id: str, request: Request, store: Writer, next: Next = "/"
) -> Response:
    undone = corrections.undo(store, retraction_id)
    touched(request, store, {undone.record.entity_id})
    return back(next, "undone")


@router.post("/markings")
def remark(
    request: Request,
    store: Writer,
    statement: Annotated[list[str], Form(max_length=500)],
    tlp: Annotated[str, Form(max_length=16)],
    group: Annotated[list[str] | None, Form()] = None,
    reason: Reason = "",
    next: Next = "/",
) -> Response:
    changes = corrections.remark(store, statement, tlp, frozenset(group or ()), reason or None)
    touched(request, store, {c.retraction.record.entity_id for c in changes})
    return back(next, "marked")


@router.post("/review/{judgement_id}")
def answer(
    judgement_id: str,
    store: Writer,
    verdict: Annotated[str, Form(pattern="^(same|not_same)$")],
    reason: Reason = "",
    next: Next = "/review",
) -> Response:
    same = verdict == "same"
    review.answer(store, judgement_id, same, corrections.analyst_label(store), reason or None)
    return back(next, "accepted" if same else "distinguished")


@router.post("/merges")
def merge(
    store: Writer,
    left: Annotated[str, Form(min_length=1, max_length=160)],
    right: Annotated[str, Form(min_length=1, max_length=160)],
    reason: Annotated[str, Form(min_length=1, max_length=2000)],
    next: Next = "/review",
) -> Response:
    decisions.merge(store, left.strip(), right.strip(), corrections.analyst_label(store), reason)
    return back(next, "merged")


@router.post("/splits")
def split(
    store: Writer,
    entity: Annotated[str, Form(min_length=1, max_length=160)],
    reason: Annotated[str, Form(min_length=1, max_length=2000)],
    next: Next = "/review",
) -> Response:
    decisions.split(store, entity.strip(), corrections.analyst_label(store), reason)
    return back(next, "split")


@router.post("/judgements/{judgement_id}/undo")
def undo_judgement(judgement_id: str, store: Writer, next: Next = "/review") -> Response:
    decisions.undo(store, judgement_id, corrections.analyst_label(store))
    return back(next, "judgement-undone")


@router.post("/logout")
def logout(request: Request) -> Response:
    same_origin(request)
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        close_session(base_store(request), secret)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response
