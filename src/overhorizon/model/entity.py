"""Entities are assembled from statements; nothing about them is stored anywhere else."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from overhorizon.model.model import Model, load_model
from overhorizon.model.statement import RELIABILITY, Statement, origin_tier


@dataclass
class Entity:
    """One entity and every statement about it, conflicting values included."""

    id: str
    schema: str
    statements: list[Statement] = field(default_factory=list)

    @classmethod
    def from_statements(cls, entity_id: str, statements: Iterable[Statement]) -> Entity:
        rows = list(statements)
        return cls(entity_id, _common_schema([s.schema for s in rows]), rows)

    def values(self, prop: str) -> list[str]:
        """Distinct values of ``prop``, the best supported first (count, then reliability, then
        the extractor's confidence: the attack a report tells before the one it recalls)."""
        support: dict[str, tuple[int, int, float]] = {}
        for stmt in self.statements:
            if stmt.prop != prop:
                continue
            count, rank, sure = support.get(stmt.value, (0, len(RELIABILITY), 0.0))
            support[stmt.value] = (
                count + 1,
                min(rank, RELIABILITY.index(stmt.reliability)),
                max(sure, stmt.confidence),
            )
        return sorted(support, key=lambda v: (-support[v][0], support[v][1], -support[v][2], v))

    def first(self, prop: str) -> str | None:
        values = self.values(prop)
        return values[0] if values else None

    def by_property(self) -> dict[str, list[Statement]]:
        grouped: dict[str, list[Statement]] = defaultdict(list)
        for stmt in self.statements:
            grouped[stmt.prop].append(stmt)
        return dict(grouped)

    @property
    def caption(self) -> str:
        """The name to show: an analyst's first, then the curated seed's, then a reference
        list's, then an extracted one; among equals the most frequent, then the one written
        under the member id with the most statements (of a merged attack, the main report's
        rather than a passing mention's), then the shortest."""
        names = [s for s in self.statements if s.prop == "name"]
        if not names:
            return self.first("title") or self.id
        tier = min(origin_tier(s.origin) for s in names)
        size: dict[str, int] = defaultdict(int)
        for stmt in self.statements:
            size[stmt.entity_id] += 1
        counts: dict[str, int] = defaultdict(int)
        weight: dict[str, int] = defaultdict(int)
        for stmt in names:
            if origin_tier(stmt.origin) == tier:
                counts[stmt.value] += 1
                weight[stmt.value] = max(weight[stmt.value], size[stmt.entity_id])
        return sorted(counts, key=lambda v: (-counts[v], -weight[v], len(v), v))[0]

    @property
    def names(self) -> list[str]:
        seen: dict[str, None] = {}
        for stmt in self.statements:
            if stmt.prop in ("name", "alias"):
                seen.setdefault(stmt.value, None)
        return list(seen)


def _common_schema(schemata: list[str], model: Model | None = None) -> str:
    """The most specific schema all statements agree with (ArmedGroup + Faction -> Faction).

    Where statements disagree beyond refinement (a Person and an ArmedGroup), the most
    frequent wins; the disagreement stays visible in the statements themselves.
    """
    if not schemata:
        return "Thing"
    model = model or load_model()
    distinct = sorted(set(schemata), key=lambda s: (-len(model[s].ancestors), s))
    best = distinct[0]
    if all(model[best].is_a(other) for other in distinct):
        return best
    return max(distinct, key=schemata.count)
