"""The events table: each event with its headline figures, perpetrator and sources.

Headline rule for a figure reported differently by several sources (a toll of 133 revised to
145): the value from the most recently published document wins; among statements from equally
recent documents, the more reliable source (Admiralty grade), then the higher figure. The
other values stay in the store as statements and are shown on the event's profile.

Merged events (see ``resolution``) are one row: the cluster's statements from every report,
every source listed, and the headline chosen among all their figures by the rule above; links
written to any member id count for the cluster, and perpetrators are read under their
canonical ids.

Attack type: the best-supported one, unless another report gives a type that refines it (a
"bombing" in one report, a "suicide bombing" in another): then the more specific.

Responsibility: a group's claim (a Claimed relation) outranks an attribution by others, which
outranks a suspicion; an event with none of them has an unknown perpetrator.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO

from overhorizon.analysis.sources import Source, SourceCache
from overhorizon.model.entity import Entity
from overhorizon.model.model import load_model
from overhorizon.model.statement import RELIABILITY, Statement
from overhorizon.model.types import Quantity
from overhorizon.store.base import StatementQuery, Store

RESPONSIBILITY_RANK = {"claimed": 0, "attributed": 1, "suspected": 2, "unknown": 3}
REFINES = {"suicide_bombing": "bombing"}
"""Attack types and the broader type each is a kind of."""


@dataclass
class EventRow:
    id: str
    schema: str
    name: str
    attack_type: str | None
    date: str | None
    place: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    killed: Quantity | None
    injured: Quantity | None
    perpetrator: str | None
    perpetrator_id: str | None
    responsibility: str
    sources: list[Source] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "type": self.attack_type or self.schema,
            "name": self.name,
            "date": self.date,
            "place": self.place,
            "country": self.country,
            "lat": self.latitude,
            "lon": self.longitude,
            "perpetrator": self.perpetrator,
            "responsibility": self.responsibility,
            "killed": _quantity_dict(self.killed),
            "injured": _quantity_dict(self.injured),
            "sources": sorted({s.label for s in self.sources}),
        }


@dataclass(frozen=True)
class EventFilter:
    """Which events to list; None matches all."""

    group_ids: frozenset[str] | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    attack_type: str | None = None
    min_killed: int | None = None

    def accepts(self, row: EventRow) -> bool:
        if self.group_ids is not None and row.perpetrator_id not in self.group_ids:
            return False
        if self.country and row.country != self.country.upper():
            return False
        if self.since and (row.date is None or row.date[: len(self.since)] < self.since):
            return False
        if self.until and (row.date is None or row.date[: len(self.until)] > self.until):
            return False
        if self.attack_type and row.attack_type != self.attack_type:
            return False
        best = row.killed.best if row.killed else None
        return self.min_killed is None or (best is not None and best >= self.min_killed)


def list_events(store: Store, where: EventFilter | None = None) -> list[EventRow]:
    """Every event that passes the filter, the deadliest first."""
    where = where or EventFilter()
    schemata = [s.name for s in load_model().descendants("Event")]
    event_ids = store.entity_ids(schemata)
    events = store.entities(event_ids)
    links = _responsibility(store, event_ids)
    cache = SourceCache(store)
    rows = []
    for event in events:
        row = _row(event, links.get(event.id), cache)
        if where.accepts(row):
            rows.append(row)
    rows.sort(key=lambda r: (-(r.killed.best or 0) if r.killed else 0, r.date or "", r.id))
    return rows


def headline(statements: Iterable[Statement], cache: SourceCache) -> Statement | None:
    """The statement whose value a table shows for a figure (see the module docstring)."""

    def rank(stmt: Statement) -> tuple[date, int, int]:
        doc = cache.document(stmt.document_id) if stmt.document_id else None
        published = doc.published if doc and doc.published else date.min
        figure = Quantity.parse(stmt.value).best or 0
        return (published, -RELIABILITY.index(stmt.reliability), figure)

    candidates = list(statements)
    return max(candidates, key=rank) if candidates else None


def _row(event: Entity, link: tuple[str, str] | None, cache: SourceCache) -> EventRow:
    by_prop = event.by_property()
    killed = headline(by_prop.get("killed", []), cache)
    injured = headline(by_prop.get("injured", []), cache)
    perpetrator_id, responsibility = link if link else (None, "unknown")
    perpetrator = None
    if perpetrator_id is not None:
        actor = cache.store.entity(perpetrator_id)
        perpetrator = actor.caption if actor else None
    lat, lon = event.first("latitude"), event.first("longitude")
    return EventRow(
        id=event.id,
        schema=event.schema,
        name=event.caption,
        attack_type=attack_type(event.values("attackType")),
        date=_most_precise(event.values("date")),
        place=event.first("placeName"),
        country=event.first("country"),
        latitude=float(lat) if lat else None,
        longitude=float(lon) if lon else None,
        killed=Quantity.parse(killed.value) if killed else None,
        injured=Quantity.parse(injured.value) if injured else None,
        perpetrator=perpetrator,
        perpetrator_id=perpetrator_id,
        responsibility=responsibility,
        sources=_sources(event, cache),
    )


def attack_type(types: list[str]) -> str | None:
    """The type to show, from the reported ones best-supported first (module docstring)."""
    if not types:
        return None
    return next((t for t in types if REFINES.get(t) == types[0]), types[0])


def _most_precise(dates: list[str]) -> str | None:
    """The best-supported date among the most precise ones (values come best-supported first)."""
    if not dates:
        return None
    longest = max(len(d) for d in dates)
    return next(d for d in dates if len(d) == longest)


def _sources(event: Entity, cache: SourceCache) -> list[Source]:
    seen: dict[str, Source] = {}
    for stmt in event.statements:
        if stmt.document_id and stmt.document_id not in seen:
            seen[stmt.document_id] = cache.source(stmt)
    return list(seen.values())


def _responsibility(store: Store, event_ids: list[str]) -> dict[str, tuple[str, str]]:
    """For each event: (actor id, claimed|attributed|suspected), the strongest link winning."""
    if not event_ids:
        return {}
    links = list(store.statements(StatementQuery(props=["source", "target"], values=event_ids)))
    relations = store.entities(sorted({s.entity_id for s in links}))
    ends = [e for rel in relations for e in (rel.first("source"), rel.first("target")) if e]
    canonical = store.canonical_ids(ends)
    best: dict[str, tuple[str, str]] = {}
    votes: dict[tuple[str, str, str], int] = defaultdict(int)
    for rel in relations:
        source, target = rel.first("source"), rel.first("target")
        source = canonical.get(source, source) if source else None
        target = canonical.get(target, target) if target else None
        if rel.schema == "Claimed" and source and target:
            event_id, actor_id, kind = target, source, "claimed"
        elif rel.schema == "AttributedTo" and source and target:
            event_id, actor_id = source, target
            kind = "suspected" if rel.first("certainty") == "suspected" else "attributed"
        else:
            continue
        votes[(event_id, actor_id, kind)] += len(rel.statements)
    for (event_id, actor_id, kind), _count in sorted(
        votes.items(), key=lambda kv: (RESPONSIBILITY_RANK[kv[0][2]], -kv[1], kv[0][1])
    ):
        best.setdefault(event_id, (actor_id, kind))
    return best


def _quantity_dict(quantity: Quantity | None) -> dict[str, int | None]:
    if quantity is None:
        return {"min": None, "max": None}
    return {"min": quantity.min, "max": quantity.max}


CSV_COLUMNS = (
    "id",
    "date",
    "type",
    "name",
    "place",
    "country",
    "latitude",
    "longitude",
    "perpetrator",
    "responsibility",
    "killed_min",
    "killed_max",
    "injured_min",
    "injured_max",
    "sources",
)


def write_csv(rows: Iterable[EventRow], out: TextIO) -> None:
    """The events table as CSV (``overhorizon events -f csv`` and the workspace's download)."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        killed, injured = row.killed, row.injured
        writer.writerow(
            [
                row.id,
                row.date,
                row.attack_type or row.schema,
                row.name,
                row.place,
                row.country,
                row.latitude,
                row.longitude,
                row.perpetrator,
                row.responsibility,
                killed.min if killed else None,
                killed.max if killed else None,
                injured.min if injured else None,
                injured.max if injured else None,
                "; ".join(sorted({s.label for s in row.sources})),
            ]
        )
