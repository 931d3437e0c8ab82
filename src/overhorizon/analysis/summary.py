"""A one-screen summary of the store: counts, most active groups, deadliest attacks."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from overhorizon.analysis.events import EventRow, list_events
from overhorizon.model.model import load_model
from overhorizon.store.base import StatementQuery, Store


@dataclass
class GroupActivity:
    id: str
    name: str
    attacks: int
    """Events claimed by or attributed to the group."""
    killed: int
    """Sum of the headline death tolls of those events."""
    documents: int
    """Documents that name the group."""


@dataclass
class Summary:
    counts: dict[str, int]
    groups: list[GroupActivity]
    deadliest: list[EventRow]


def summarise(store: Store, top: int = 5) -> Summary:
    events = list_events(store)
    attacks: Counter[str] = Counter()
    killed: Counter[str] = Counter()
    for row in events:
        if row.perpetrator_id:
            attacks[row.perpetrator_id] += 1
            killed[row.perpetrator_id] += (row.killed.best or 0) if row.killed else 0
    group_schemata = [s.name for s in load_model().descendants("ArmedGroup")]
    documents: dict[str, set[str]] = defaultdict(set)
    query = StatementQuery(schemata=group_schemata, props=["name", "alias"])
    named = [s for s in store.statements(query) if s.document_id]
    canonical = store.canonical_ids(sorted({s.entity_id for s in named}))
    for stmt in named:
        assert stmt.document_id is not None
        documents[canonical[stmt.entity_id]].add(stmt.document_id)
    ranked = sorted(
        set(attacks) | set(documents),
        key=lambda g: (-attacks[g], -len(documents[g]), g),
    )[:top]
    groups = []
    for entity in store.entities(ranked):
        groups.append(
            GroupActivity(
                entity.id,
                entity.caption,
                attacks[entity.id],
                killed[entity.id],
                len(documents[entity.id]),
            )
        )
    return Summary(store.counts(), groups, events[:top])
