"""Entities: search by name or alias, list by type, profiles, statements and relations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from overhorizon.model.model import load_model
from overhorizon.store import StatementQuery
from overhorizon.web import profile
from overhorizon.web.api.common import Limit, Offset, Reader, page, reviewed, window
from overhorizon.web.models import EntityOut, Page, ProfileOut, RelationOut, StatementOut
from overhorizon.web.reviewed import ReviewedStore

router = APIRouter(prefix="/api/entities", tags=["entities"])


def schemata_for(kind: str | None) -> list[str]:
    """Concrete entity types (not relations) of ``kind`` and its subtypes; all without one."""
    model = load_model()
    if kind is None:
        return [s.name for s in model if not s.is_relation and not s.abstract]
    base = model.by_key(kind)
    return [s.name for s in model.descendants(base.name)]


def search_ids(store: ReviewedStore, query: str, limit: int = 200) -> list[str]:
    """Exact spellings first, then a full-text name search; each entity once."""
    exact = store.ids_by_name(query)
    fuzzy = [h.entity_id for h in store.search_names(query, limit=limit)]
    return list(dict.fromkeys([*exact, *fuzzy]))


@router.get("", response_model=Page[EntityOut], summary="Search entities, or list them by type")
def list_entities(
    request: Request,
    store: Reader,
    q: Annotated[str | None, Query(max_length=200, description="A name or alias.")] = None,
    type: Annotated[str | None, Query(max_length=64, description="E.g. ArmedGroup.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[EntityOut]:
    view = reviewed(store)
    wanted = schemata_for(type)
    if q:
        ids = search_ids(view, q)
        found = [e for e in view.entities(ids) if e.schema in wanted]
        items = [profile.entity_out(e) for e in window(found, limit, offset)]
        return page(request, items, len(found), limit, offset)
    total = len(view.entity_ids(wanted))
    ids = view.entity_ids(wanted, limit=limit, offset=offset)
    items = [profile.entity_out(e) for e in view.entities(ids)]
    return page(request, items, total, limit, offset)


@router.get("/{entity_id}", response_model=ProfileOut, summary="An entity's profile")
def read_entity(entity_id: str, store: Reader) -> ProfileOut:
    return profile.build(reviewed(store), entity_id)


@router.get(
    "/{entity_id}/statements",
    response_model=Page[StatementOut],
    summary="Every statement about an entity (any id merged into it)",
)
def statements_of_entity(
    entity_id: str, request: Request, store: Reader, limit: Limit = 100, offset: Offset = 0
) -> Page[StatementOut]:
    view = reviewed(store)
    entity = profile.get_entity(view, entity_id)
    rows = view.all_statements(StatementQuery(entity_ids=[entity.id]))
    withdrawn = view.retractions({s.entity_id for s in rows})
    items = [
        StatementOut.of(s, withdrawn[s.id].id if s.id in withdrawn else None)
        for s in window(rows, limit, offset)
    ]
    return page(request, items, len(rows), limit, offset)


@router.get(
    "/{entity_id}/relations",
    response_model=Page[RelationOut],
    summary="An entity's relations with their time bounds",
)
def relations_of_entity(
    entity_id: str, request: Request, store: Reader, limit: Limit = 100, offset: Offset = 0
) -> Page[RelationOut]:
    view = reviewed(store)
    entity = profile.get_entity(view, entity_id)
    items, total = profile.relations(view, entity, limit=limit, offset=offset)
    return page(request, items, total, limit, offset)
