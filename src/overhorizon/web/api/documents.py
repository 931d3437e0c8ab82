"""Documents: the list, one document with its text, and the statements that point into it."""

from __future__ import annotations

from fastapi import APIRouter, Request

from overhorizon.errors import NotFoundError
from overhorizon.model.document import Document
from overhorizon.store import SQLStore, StatementQuery
from overhorizon.web.api.common import Limit, Offset, Reader, page, reviewed, window
from overhorizon.web.models import DocumentDetail, DocumentOut, Page, StatementOut

router = APIRouter(prefix="/api/documents", tags=["documents"])


def get_document(store: SQLStore, document_id: str) -> Document:
    doc = store.get_document(document_id)
    if doc is None:
        raise NotFoundError(f"no document {document_id!r}")
    return doc


def document_statements(store: SQLStore, document_id: str) -> list[StatementOut]:
    """Statements read from the document, in text order, retracted ones flagged."""
    view = reviewed(store)
    rows = view.all_statements(StatementQuery(document_id=document_id, resolved=False))
    withdrawn = view.retractions({s.entity_id for s in rows})
    rows.sort(key=lambda s: (s.span_start if s.span_start is not None else -1, s.prop, s.id))
    return [StatementOut.of(s, withdrawn[s.id].id if s.id in withdrawn else None) for s in rows]


@router.get("", response_model=Page[DocumentOut], summary="Documents, newest first")
def list_documents(
    request: Request, store: Reader, limit: Limit = 50, offset: Offset = 0
) -> Page[DocumentOut]:
    total = store.counts()["documents"]
    items = [DocumentOut.of(d) for d in store.documents(limit=limit, offset=offset)]
    return page(request, items, total, limit, offset)


@router.get("/{document_id}", response_model=DocumentDetail, summary="A document with its text")
def read_document(document_id: str, store: Reader) -> DocumentDetail:
    doc = get_document(store, document_id)
    return DocumentDetail(
        **DocumentOut.of(doc).model_dump(),
        text=doc.text,
        statements=document_statements(store, doc.id),
    )


@router.get(
    "/{document_id}/statements",
    response_model=Page[StatementOut],
    summary="The statements read from a document, with their spans",
)
def statements_of_document(
    document_id: str, request: Request, store: Reader, limit: Limit = 100, offset: Offset = 0
) -> Page[StatementOut]:
    doc = get_document(store, document_id)
    found = document_statements(store, doc.id)
    return page(request, window(found, limit, offset), len(found), limit, offset)
