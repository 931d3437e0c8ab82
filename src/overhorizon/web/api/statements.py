"""Statements: read one, list by entity or document, and the analyst's corrections (reject,
correct, undo), each an analyst statement or a retraction in the store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from overhorizon.errors import InvalidValueError, NotFoundError
from overhorizon.store import SQLStore, StatementQuery
from overhorizon.web import corrections
from overhorizon.web.api.common import Limit, Offset, Reader, page, reviewed, touched, window
from overhorizon.web.api.documents import document_statements, get_document
from overhorizon.web.lookup import find_statement
from overhorizon.web.models import ChangeOut, DocumentOut, Page, RetractionOut, StatementOut
from overhorizon.web.profile import retraction_out
from overhorizon.web.reviewed import RETRACTED, ReviewedStore

router = APIRouter(prefix="/api", tags=["statements"])


class Rejection(BaseModel):
    reason: str | None = Field(default=None, max_length=500)


class Correction(BaseModel):
    value: str = Field(min_length=1, max_length=5000)
    reason: str | None = Field(default=None, max_length=500)
    tlp: str | None = Field(default=None, description="Write the corrected value at this TLP.")
    groups: list[str] | None = Field(default=None, max_length=20)


def statement_out(store: SQLStore, statement_id: str) -> StatementOut:
    stmt = find_statement(store, statement_id)
    if stmt is None or stmt.prop == RETRACTED:
        raise NotFoundError(f"no statement {statement_id!r}")
    withdrawn = ReviewedStore(store).retractions([stmt.entity_id])
    return StatementOut.of(stmt, withdrawn[stmt.id].id if stmt.id in withdrawn else None)


def change_out(change: corrections.Change) -> ChangeOut:
    return ChangeOut(
        retraction=retraction_out(change.retraction),
        replacement=StatementOut.of(change.replacement) if change.replacement else None,
    )


@router.get(
    "/statements", response_model=Page[StatementOut], summary="Statements by entity or document"
)
def list_statements(
    request: Request,
    store: Reader,
    entity: Annotated[str | None, Query(max_length=160)] = None,
    document: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[StatementOut]:
    if entity is None and document is None:
        raise InvalidValueError("give an entity or a document")
    if document is not None:
        found = document_statements(store, get_document(store, document).id)
        if entity is not None:
            members = set(store.cluster(entity))
            found = [s for s in found if s.entity_id in members]
    else:
        view = reviewed(store)
        rows = view.all_statements(StatementQuery(entity_ids=[entity or ""]))
        withdrawn = view.retractions({s.entity_id for s in rows})
        found = [
            StatementOut.of(s, withdrawn[s.id].id if s.id in withdrawn else None) for s in rows
        ]
    return page(request, window(found, limit, offset), len(found), limit, offset)


@router.get("/statements/{statement_id}", response_model=StatementOut, summary="One statement")
def read_statement(statement_id: str, store: Reader) -> StatementOut:
    return statement_out(store, statement_id)


@router.get(
    "/statements/{statement_id}/document",
    response_model=DocumentOut,
    summary="The document a statement was read from",
)
def document_of_statement(statement_id: str, store: Reader) -> DocumentOut:
    stmt = statement_out(store, statement_id)
    if stmt.document_id is None:
        raise NotFoundError(f"statement {statement_id} has no source document")
    return DocumentOut.of(get_document(store, stmt.document_id))


@router.post(
    "/statements/{statement_id}/reject",
    response_model=ChangeOut,
    status_code=201,
    summary="Withdraw a statement (an analyst's retraction; undoable)",
)
def reject_statement(
    statement_id: str, body: Rejection, request: Request, store: Reader
) -> ChangeOut:
    change = corrections.reject(store, statement_id, body.reason)
    touched(request, store, {change.retraction.record.entity_id})
    return change_out(change)


@router.post(
    "/statements/{statement_id}/correct",
    response_model=ChangeOut,
    status_code=201,
    summary="Replace a statement's value with an analyst's (undoable)",
)
def correct_statement(
    statement_id: str, body: Correction, request: Request, store: Reader
) -> ChangeOut:
    groups = frozenset(body.groups) if body.groups is not None else None
    change = corrections.correct(
        store, statement_id, body.value, body.reason, tlp=body.tlp, groups=groups
    )
    touched(request, store, {change.retraction.record.entity_id})
    return change_out(change)


@router.get("/retractions", response_model=Page[RetractionOut], summary="Retractions on an entity")
def list_retractions(
    request: Request,
    store: Reader,
    entity: Annotated[str, Query(max_length=160)],
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[RetractionOut]:
    found = sorted(
        ReviewedStore(store).retractions(store.cluster(entity)).values(),
        key=lambda r: (r.record.first_seen, r.id),
    )
    items = [retraction_out(r) for r in window(found, limit, offset)]
    return page(request, items, len(found), limit, offset)


@router.post(
    "/retractions/{retraction_id}/undo",
    response_model=RetractionOut,
    summary="Undo a retraction: the statement counts again, its replacement goes",
)
def undo_retraction(retraction_id: str, request: Request, store: Reader) -> RetractionOut:
    undone = corrections.undo(store, retraction_id)
    touched(request, store, {undone.record.entity_id})
    return retraction_out(undone)
