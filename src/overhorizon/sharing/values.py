"""The values an exported object shows in standard STIX properties, each with its marking.

A value stated by several statements is disclosed under the least restrictive of their
markings. Among several values, the one shown is the least restrictive, then (for names) the
caption, then the best supported; caption and support are judged only on statements a reader
of that marking may see, so the choice of a GREEN value never betrays AMBER statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from overhorizon.model.entity import Entity
from overhorizon.model.schema import Schema
from overhorizon.model.statement import RELIABILITY, Statement
from overhorizon.sharing.mapping import Mirror, date_to_timestamp, mirrors
from overhorizon.sharing.markings import Marking, least

_PAIRED = (("latitude", "longitude"),)
"""STIX properties that are given together or not at all."""
_ORDERED = (("start_time", "stop_time"),)
"""Pairs whose second must be later than the first; the second is left out otherwise."""


@dataclass
class Shown:
    """Standard properties of one object and the marking each part needs."""

    properties: dict[str, Any] = field(default_factory=dict)
    needs: dict[str, Marking] = field(default_factory=dict)


def value_markings(statements: Iterable[Statement]) -> dict[str, Marking]:
    """Each distinct value with the least restrictive marking it is stated under."""
    found: dict[str, list[Marking]] = {}
    for stmt in statements:
        found.setdefault(stmt.value, []).append(Marking.of(stmt))
    return {value: least(markings) for value, markings in found.items()}


def _support(statements: Sequence[Statement], level: Marking) -> dict[str, tuple[int, int]]:
    """Per value, the sort key of its support among statements a reader of ``level`` sees:
    more statements first, then the more reliable source."""
    counts: dict[str, tuple[int, int]] = {}
    for stmt in statements:
        if level.covers(Marking.of(stmt)):
            count, rank = counts.get(stmt.value, (0, len(RELIABILITY)))
            counts[stmt.value] = (count - 1, min(rank, RELIABILITY.index(stmt.reliability)))
    return counts


def ordered(statements: Sequence[Statement]) -> list[tuple[str, Marking]]:
    """Distinct values with their markings, the one to show first (see the module docstring)."""
    pool = value_markings(statements)
    supports = {m: _support(statements, m) for m in set(pool.values())}
    unknown = (1, len(RELIABILITY))
    return sorted(
        pool.items(),
        key=lambda vm: (vm[1].sort_key, supports[vm[1]].get(vm[0], unknown), vm[0]),
    )


def pick(statements: Sequence[Statement], caption: bool = False) -> tuple[str, Marking]:
    """The value to show and its marking; ``caption`` prefers the caption at that marking."""
    values = ordered(statements)
    value, marking = values[0]
    if caption:
        seen = [s for s in statements if marking.covers(Marking.of(s))]
        preferred = Entity("-", "Thing", seen).caption
        for candidate, level in values:
            if candidate == preferred and level == marking:
                return candidate, level
    return value, marking


def _convert(mirror: Mirror, value: str) -> Any:
    if mirror.kind == "number":
        return float(value)
    if mirror.kind == "date":
        return date_to_timestamp(value)
    return value


def shown(entity: Entity, schema: Schema, object_type: str) -> Shown:
    """The mirrored standard properties of ``entity`` as an object of ``object_type``."""
    out = Shown()
    by_prop = entity.by_property()
    names = by_prop.get("name", [])
    chosen: str | None = None
    for mirror in mirrors(schema, object_type):
        statements = by_prop.get(mirror.prop, [])
        if mirror.stix == "name":
            statements = names or by_prop.get("alias", [])
            if statements:
                chosen, marking = pick(statements, caption=True)
                out.properties["name"] = chosen
                out.needs["name"] = marking
            continue
        values = ordered(statements)
        if mirror.prop == "alias":
            values = [(v, m) for v, m in ordered(names + statements) if v != chosen]
        if not values:
            continue
        if mirror.many:
            out.properties[mirror.stix] = [_convert(mirror, v) for v, _ in values]
            for index, (_, marking) in enumerate(values):
                out.needs[f"{mirror.stix}.[{index}]"] = marking
        else:
            out.properties[mirror.stix] = _convert(mirror, values[0][0])
            out.needs[mirror.stix] = values[0][1]
    _constrain(out)
    return out


def _constrain(out: Shown) -> None:
    for pair in _PAIRED:
        if sum(p in out.properties for p in pair) == 1:
            for prop in pair:
                out.properties.pop(prop, None)
                out.needs.pop(prop, None)
    for first, second in _ORDERED:
        both = first in out.properties and second in out.properties
        if both and out.properties[second] <= out.properties[first]:
            del out.properties[second]
            del out.needs[second]
