"""Search across names, aliases and documents, and the network of groups and people."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from overhorizon.web.api.common import Reader, reviewed
from overhorizon.web.api.entities import search_ids
from overhorizon.web.models import DocumentHitOut, NameHitOut, NetworkOut, SearchOut
from overhorizon.web.network import network
from overhorizon.web.reviewed import ReviewedStore

router = APIRouter(prefix="/api", tags=["search", "network"])


def search(store: ReviewedStore, q: str, limit: int = 20) -> SearchOut:
    """Entities by exact spelling then full text, and documents by full text."""
    query = q.strip()
    if not query:
        return SearchOut(query=q, entities=[], documents=[])
    ids = search_ids(store, query, limit=limit)[:limit]
    hits = {h.entity_id: h.name for h in store.search_names(query, limit=limit)}
    entities = [
        NameHitOut(id=e.id, schema=e.schema, name=hits.get(e.id, e.caption), caption=e.caption)
        for e in store.entities(ids)
    ]
    documents = [
        DocumentHitOut(id=d.document_id, title=d.title, snippet=d.snippet)
        for d in store.search_documents(query, limit=limit)
    ]
    return SearchOut(query=q, entities=entities, documents=documents)


@router.get("/search", response_model=SearchOut, summary="Names, aliases and documents")
def search_route(
    store: Reader,
    q: Annotated[str, Query(max_length=200, description="Words of a name, alias or text.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchOut:
    return search(reviewed(store), q, limit)


@router.get(
    "/network",
    response_model=NetworkOut,
    summary="Groups and people and the relations between them, with time bounds",
    tags=["network"],
)
def network_route(store: Reader, limit: Annotated[int, Query(ge=1, le=2000)] = 400) -> NetworkOut:
    return network(reviewed(store), limit)
