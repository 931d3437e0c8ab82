"""An entity's profile as the workspace shows it: every statement with its id, marking and
source, values that disagree side by side, relations with time bounds, and what analysts
retracted (with the retraction to undo).

It follows ``analysis.profile`` but keeps each statement (the workspace selects, corrects and
marks statements, not values), reads other ends in one batch, and pages relations, so a group
linked to thousands of events stays quick.
"""

from __future__ import annotations

from overhorizon.analysis.profile import HIDDEN
from overhorizon.analysis.sources import SourceCache
from overhorizon.errors import NotFoundError
from overhorizon.model.entity import Entity
from overhorizon.model.model import load_model
from overhorizon.model.statement import Statement
from overhorizon.store import StatementQuery
from overhorizon.web.models import (
    ClaimOut,
    EntityOut,
    ProfileOut,
    PropertyOut,
    RelationOut,
    RetractionOut,
    StatementOut,
)
from overhorizon.web.reviewed import Retraction, ReviewedStore

RELATIONS_SHOWN = 50


def entity_out(entity: Entity) -> EntityOut:
    caption = entity.caption
    return EntityOut(
        id=entity.id,
        schema=entity.schema,
        caption=caption,
        aliases=[n for n in entity.names if n != caption],
    )


def retraction_out(found: Retraction) -> RetractionOut:
    record = found.record
    return RetractionOut(
        id=found.id,
        statement_id=found.target,
        replacement_id=found.replacement,
        reason=found.reason,
        author=found.author,
        at=record.first_seen,
        tlp=record.tlp,
        groups=sorted(record.groups),
    )


def get_entity(store: ReviewedStore, entity_id: str) -> Entity:
    entity = store.entity(entity_id)
    if entity is None:
        raise NotFoundError(f"no entity {entity_id!r}")
    return entity


def sourced(stmt: Statement, cache: SourceCache, retracted_by: str | None = None) -> StatementOut:
    """A statement with its source sentence and a short label of its document."""
    out = StatementOut.of(stmt, retracted_by)
    if stmt.document_id is not None:
        source = cache.source(stmt)
        out.sentence = source.sentence
        out.source = source.label
    return out


def _properties(entity: Entity, cache: SourceCache) -> list[PropertyOut]:
    schema = load_model()[entity.schema]
    grouped: dict[str, dict[str, list[Statement]]] = {}
    for stmt in entity.statements:
        if stmt.prop in HIDDEN:
            continue
        grouped.setdefault(stmt.prop, {}).setdefault(stmt.value, []).append(stmt)
    found = []
    for prop, claims in grouped.items():
        declared = schema.properties.get(prop)
        ordered = sorted(claims.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        found.append(
            PropertyOut(
                name=prop,
                label=declared.label if declared else prop,
                conflicting=declared.disagree(len(claims)) if declared else len(claims) > 1,
                claims=[
                    ClaimOut(value=v, statements=[sourced(s, cache) for s in stmts])
                    for v, stmts in ordered
                ],
            )
        )
    found.sort(key=lambda p: p.label)
    return found


def _about_events(schema: str) -> bool:
    """Claims, attributions and targetings link to events, which the events list shows; the
    links between actors come first on a profile."""
    edge = load_model()[schema].edge
    return edge is not None and any(
        load_model()[t].is_a("Event") for t in (*edge.source, *edge.target) if t in load_model()
    )


def relations(
    store: ReviewedStore,
    entity: Entity,
    limit: int = RELATIONS_SHOWN,
    offset: int = 0,
    cache: SourceCache | None = None,
) -> tuple[list[RelationOut], int]:
    """Relations written to any member id of ``entity``: links between actors first, then
    links to events. They are counted and ordered from their ids and types alone; only the
    page asked for is read whole, its other ends in one batch. The total is counted after the
    reader's filter."""
    model = load_model()
    cache = cache or SourceCache(store)
    members = {s.entity_id for s in entity.statements} | {entity.id}
    ends = store.references([entity.id], ["source", "target"])
    kinds = {r.entity_id: r.schema for r in ends if model[r.schema].is_relation}
    ordered = sorted(kinds, key=lambda r: (_about_events(kinds[r]), kinds[r], r))
    rels = store.entities(ordered[offset : offset + limit])
    rels.sort(key=lambda r: (_about_events(r.schema), r.schema, r.first("startDate") or "", r.id))
    others: dict[str, str] = {}
    for rel in rels:
        source, target = rel.first("source"), rel.first("target")
        if source is not None and target is not None:
            others[rel.id] = target if source in members else source
    canonical = store.canonical_ids(sorted(set(others.values())))
    found_others = {e.id: e for e in store.entities(sorted(set(canonical.values())))}
    out = []
    for rel in rels:
        if rel.id not in others or not model[rel.schema].is_relation:
            continue
        other_id = canonical.get(others[rel.id], others[rel.id])
        other = found_others.get(other_id)
        outgoing = rel.first("source") in members
        edge = model[rel.schema].edge
        assert edge is not None
        phrase = edge.phrase if outgoing or edge.symmetric else edge.inverse
        out.append(
            RelationOut(
                id=rel.id,
                schema=rel.schema,
                label=phrase,
                other_id=other_id,
                other=other.caption if other else other_id,
                other_schema=other.schema if other else "Thing",
                outgoing=outgoing,
                start=rel.first("startDate"),
                end=rel.first("endDate"),
                statements=[sourced(s, cache) for s in rel.statements if s.prop != "target"],
            )
        )
    return out, len(ordered)


def build(store: ReviewedStore, entity_id: str, *, relations_offset: int = 0) -> ProfileOut:
    entity = get_entity(store, entity_id)
    members = sorted({s.entity_id for s in entity.statements} | {entity.id})
    everything = store.all_statements(StatementQuery(entity_ids=[entity.id]))
    withdrawn = store.retractions(members)
    shown = {s.id for s in entity.statements}
    retracted = [s for s in everything if s.id in withdrawn and s.id not in shown]
    cache = SourceCache(store)
    rels, total = relations(store, entity, offset=relations_offset, cache=cache)
    mentions = [
        sourced(s, cache)
        for s in entity.statements
        if s.prop in ("name", "alias") and s.span_start is not None
    ]
    return ProfileOut(
        entity=entity_out(entity),
        members=members,
        properties=_properties(entity, cache),
        relations=rels,
        relations_total=total,
        mentions=mentions,
        retractions=[retraction_out(withdrawn[s.id]) for s in retracted],
        withdrawn=[sourced(s, cache, withdrawn[s.id].id) for s in retracted],
    )
