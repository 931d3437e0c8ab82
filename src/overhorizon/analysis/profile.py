"""The profile of an entity: every value with its sources, conflicts side by side, relations."""

from __future__ import annotations

from dataclasses import dataclass, field

from overhorizon.analysis.sources import Source, SourceCache
from overhorizon.model.entity import Entity
from overhorizon.model.model import load_model
from overhorizon.model.schema import Property
from overhorizon.store.base import StatementQuery, Store

HIDDEN = frozenset({"name", "alias", "source", "target"})
"""Shown elsewhere on the profile (caption, aliases, relations) rather than as properties."""


@dataclass
class Claim:
    """One value of a property and everyone who states it."""

    value: str
    sources: list[Source] = field(default_factory=list)


@dataclass
class PropertyView:
    name: str
    label: str
    claims: list[Claim]
    declared: Property | None = None
    """The property as the schema declares it (None for one it does not know)."""

    @property
    def conflicting(self) -> bool:
        count = len(self.claims)
        return self.declared.disagree(count) if self.declared else count > 1


@dataclass
class RelationView:
    id: str
    schema: str
    label: str
    """The relation as a phrase from this entity's side: "is a branch of", "leads"."""
    other_id: str
    other: str
    outgoing: bool
    start: str | None
    end: str | None
    sources: list[Source]


@dataclass
class Profile:
    entity: Entity
    aliases: list[str]
    properties: list[PropertyView]
    relations: list[RelationView]
    mentions: list[Source]
    """Sentences in which the entity is named."""


def find(store: Store, name_or_id: str) -> list[str]:
    """Entity ids for a name, an alias or an id; exact spellings first, then a name search."""
    entity = store.entity(name_or_id)
    if entity is not None:
        return [entity.id]
    ids = store.ids_by_name(name_or_id)
    if ids:
        return ids
    return [hit.entity_id for hit in store.search_names(name_or_id, limit=10)]


def build_profile(store: Store, entity: Entity) -> Profile:
    cache = SourceCache(store)
    schema = load_model()[entity.schema]
    properties = []
    for prop, stmts in entity.by_property().items():
        if prop in HIDDEN:
            continue
        claims: dict[str, Claim] = {}
        for stmt in stmts:
            claims.setdefault(stmt.value, Claim(stmt.value)).sources.append(cache.source(stmt))
        declared = schema.properties.get(prop)
        label = declared.label if declared else prop
        ordered = sorted(claims.values(), key=lambda c: (-len(c.sources), c.value))
        properties.append(PropertyView(prop, label, ordered, declared))
    properties.sort(key=lambda p: p.label)
    mentions = [
        cache.source(s)
        for s in entity.statements
        if s.prop in ("name", "alias") and s.span_start is not None
    ]
    aliases = [n for n in entity.names if n != entity.caption]
    return Profile(entity, aliases, properties, _relations(store, entity, cache), mentions)


def _relations(store: Store, entity: Entity, cache: SourceCache) -> list[RelationView]:
    """Relations written to any member id of the entity, one per type, direction and other
    end (links to two merged ids of the same group are one relation with both sources)."""
    model = load_model()
    members = {s.entity_id for s in entity.statements} | {entity.id}
    ends = store.statements(StatementQuery(props=["source", "target"], values=[entity.id]))
    relation_ids = sorted({s.entity_id for s in ends})
    relations = store.entities(relation_ids)
    ids = [e for rel in relations for e in (rel.first("source"), rel.first("target")) if e]
    canonical = store.canonical_ids(ids)
    views: dict[tuple[str, bool, str], RelationView] = {}
    for rel in relations:
        source, target = rel.first("source"), rel.first("target")
        if source is None or target is None or not model[rel.schema].is_relation:
            continue
        outgoing = source in members
        other_id = canonical.get(target if outgoing else source, target if outgoing else source)
        edge = model[rel.schema].edge
        assert edge is not None
        phrase = edge.phrase if outgoing or edge.symmetric else f"{model[rel.schema].label} (by)"
        sources = {}
        for stmt in rel.statements:
            if stmt.prop == "source":
                sources[stmt.id] = cache.source(stmt)
        key = (rel.schema, outgoing, other_id)
        if key in views:
            views[key].sources.extend(sources.values())
            continue
        other = store.entity(other_id)
        views[key] = RelationView(
            id=rel.id,
            schema=rel.schema,
            label=phrase,
            other_id=other_id,
            other=other.caption if other else other_id,
            outgoing=outgoing,
            start=rel.first("startDate"),
            end=rel.first("endDate"),
            sources=list(sources.values()),
        )
    found = list(views.values())
    found.sort(key=lambda v: (v.schema, v.start or "", v.other))
    return found
