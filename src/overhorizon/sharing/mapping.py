"""Where the ontology meets STIX 2.1.

Object types, labels and relationship types come from the ``stix:`` mapping of each schema
file. The few STIX properties that mirror an ontology property are listed once here, by STIX
property, and apply to whichever STIX type defines that property (per the validator's table of
properties), so a new schema needs no code. Everything else travels in the extension.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stix2validator.v21 import enums

from overhorizon.model.model import Model
from overhorizon.model.schema import Schema


@dataclass(frozen=True, slots=True)
class Mirror:
    """A STIX property that shows an ontology property's headline value(s)."""

    stix: str
    prop: str
    many: bool = False
    kind: str = "text"
    """text, number (a JSON number) or date (a STIX timestamp at midnight UTC)."""


MIRRORS: tuple[Mirror, ...] = (
    Mirror("name", "name"),
    Mirror("aliases", "alias", many=True),
    Mirror("description", "description"),
    Mirror("country", "country"),
    Mirror("latitude", "latitude", kind="number"),
    Mirror("longitude", "longitude", kind="number"),
    Mirror("administrative_area", "region"),
    Mirror("roles", "position", many=True),
    Mirror("start_time", "startDate", kind="date"),
    Mirror("stop_time", "endDate", kind="date"),
)

_PREFERRED = {"incident": "Attack", "identity": "Organisation"}
"""The type to read a received object as when its labels do not tell (an unlabelled incident
could be any kind of event; an attack is by far the most reported)."""

_NOT_FIXED = ("type", "relationship_type")


def stix_type(schema: Schema) -> str | None:
    value = schema.stix.get("type")
    return str(value) if value else None


def fixed_properties(schema: Schema) -> dict[str, Any]:
    """What the schema file sets on every object of the type (labels, identity_class, ...)."""
    return {k: v for k, v in schema.stix.items() if k not in _NOT_FIXED}


def mirrors(schema: Schema, object_type: str) -> list[Mirror]:
    allowed = enums.PROPERTIES.get(object_type, ())
    return [m for m in MIRRORS if m.stix in allowed and m.prop in schema.properties]


def relationship_type(schema: Schema, source_type: str, target_type: str) -> str:
    """The schema file's relationship type where STIX suggests it between these two object
    types, else ``related-to`` (strict validation accepts nothing else); the precise ontology
    relation always travels in the extension."""
    declared = str(schema.stix.get("relationship_type", "related-to"))
    if declared in enums.COMMON_RELATIONSHIPS:
        return declared
    suggested = enums.RELATIONSHIPS.get(source_type, {}).get(declared, ())
    targets = [suggested] if isinstance(suggested, str) else list(suggested)
    return declared if target_type in targets else "related-to"


def _matches(wanted: Any, found: Any) -> bool:
    if isinstance(wanted, list):
        return isinstance(found, list) and set(wanted) <= set(found)
    return bool(wanted == found)


def schema_for(obj: Mapping[str, Any], model: Model) -> Schema | None:
    """The concrete entity type a received domain object is read as, or None if none fits.

    The types mapped to the object's STIX type compete: those whose fixed properties (such as
    identity_class) the object has come first, then those with more of their labels present,
    then the more general (fewer labels), then the preferred type of the STIX type.
    """
    candidates = [
        s for s in model.entities if stix_type(s) == obj.get("type") and stix_type(s) != "report"
    ]
    labels = set(obj.get("labels") or [])
    preferred = _PREFERRED.get(str(obj.get("type")))

    def score(schema: Schema) -> tuple[int, int, int, int, str]:
        fixed = fixed_properties(schema)
        own_labels = set(fixed.pop("labels", []) or [])
        props = sum(1 for k, v in fixed.items() if _matches(v, obj.get(k)))
        return (
            props,
            len(own_labels & labels),
            -len(own_labels),
            int(schema.name == preferred),
            schema.name,
        )

    return max(candidates, key=score) if candidates else None


def relation_schema_for(
    relationship: str, source: Schema, target: Schema, model: Model
) -> Schema | None:
    """The ontology relation a received relationship is read as: its type must be the one the
    schema file declares and its two ends must fit the relation's edge."""
    for schema in model.relations:
        edge = schema.edge
        if edge is None or schema.abstract or schema.stix.get("relationship_type") != relationship:
            continue
        if any(source.is_a(s) for s in edge.source) and any(target.is_a(t) for t in edge.target):
            return schema
    return None


def date_to_timestamp(value: str) -> str:
    """An ontology date (2015, 2015-06 or 2015-06-01) as a STIX timestamp at its start."""
    year, month, day = ([*value.split("-"), "01", "01"])[:3]
    return f"{year}-{month}-{day}T00:00:00Z"
