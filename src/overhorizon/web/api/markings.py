"""Markings: the TLP levels and groups the reader may use, and marking a selection of
statements anew (each replaced by an analyst copy at the new marking; undoable)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from overhorizon.web import corrections
from overhorizon.web.api.common import Reader, touched
from overhorizon.web.api.statements import change_out
from overhorizon.web.auth import whoami
from overhorizon.web.models import ChangeOut, Me

router = APIRouter(prefix="/api", tags=["markings"])


class Remark(BaseModel):
    statement_ids: list[str] = Field(min_length=1, max_length=500)
    tlp: str = Field(max_length=16)
    groups: list[str] = Field(default_factory=list, max_length=20)
    reason: str | None = Field(default=None, max_length=500)


@router.get("/me", response_model=Me, summary="Who the request reads as")
def me(store: Reader) -> Me:
    return whoami(store)


@router.get("/markings", response_model=Me, summary="TLP levels and groups the reader may use")
def markings(store: Reader) -> Me:
    return whoami(store)


@router.post(
    "/markings",
    response_model=list[ChangeOut],
    status_code=201,
    summary="Put a selection of statements under another marking",
)
def remark(body: Remark, request: Request, store: Reader) -> list[ChangeOut]:
    changes = corrections.remark(
        store, body.statement_ids, body.tlp, frozenset(body.groups), body.reason
    )
    touched(request, store, {c.retraction.record.entity_id for c in changes})
    return [change_out(c) for c in changes]
