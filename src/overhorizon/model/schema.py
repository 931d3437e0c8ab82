"""Entity and relation types as declared in the schema files, with inheritance resolved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from overhorizon.errors import UnknownPropertyError
from overhorizon.model.types import VALUE_TYPES, clean


@dataclass(frozen=True)
class Property:
    """One property of a schema: its name, value type and, for entity links, its range."""

    name: str
    label: str
    type: str
    description: str = ""
    range: str | None = None
    """For entity-typed properties: the schema the linked entity must be (or extend)."""
    values: tuple[str, ...] = ()
    """For enum-typed properties: the allowed values."""
    schema: str = ""
    """The schema that declared the property (an ancestor for inherited ones)."""
    many: bool = False
    """Several values are expected (an actor active in several countries): they are listed
    together, not flagged as sources that disagree."""

    def disagree(self, values: int) -> bool:
        """Whether ``values`` distinct values of this property are sources that disagree."""
        return values > 1 and not self.many

    def clean(self, raw: str) -> str:
        """The canonical text of a value of this property."""
        return clean(self.type, raw, self.values)

    @property
    def matchable(self) -> bool:
        """Names are indexed for lookup and compared across entities."""
        return self.type == "name"


@dataclass(frozen=True)
class Edge:
    """What makes a relation schema a link: allowed source and target types."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    phrase: str
    """How the relation reads from its source: "is a branch of"."""
    inverse: str
    """How it reads from its target: "has the branch"."""
    symmetric: bool = False


@dataclass
class Schema:
    """An entity or relation type, such as ArmedGroup or BranchOf."""

    name: str
    label: str
    plural: str
    description: str
    abstract: bool
    extends: tuple[str, ...]
    own_properties: dict[str, Property]
    stix: dict[str, Any]
    edge: Edge | None
    properties: dict[str, Property] = field(default_factory=dict)
    """Own and inherited properties, filled in by the model once all schemata are read."""
    ancestors: tuple[str, ...] = ()
    """This schema's name and all it extends, nearest first."""

    @property
    def key(self) -> str:
        """snake_case form of the name, as used in JSON output: BranchOf -> branch_of."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.name).lower()

    @property
    def is_relation(self) -> bool:
        return self.edge is not None

    def is_a(self, other: str) -> bool:
        """True when this schema is ``other`` or extends it, directly or not."""
        return other in self.ancestors

    def get(self, prop: str) -> Property:
        try:
            return self.properties[prop]
        except KeyError:
            raise UnknownPropertyError(f"{self.name} has no property {prop!r}") from None


def read_property(schema: str, name: str, spec: dict[str, Any]) -> Property:
    type_name = str(spec.get("type", "string"))
    if type_name not in VALUE_TYPES:
        from overhorizon.errors import ModelError

        raise ModelError(f"{schema}.{name}: unknown value type {type_name!r}")
    return Property(
        name=name,
        label=str(spec.get("label", name)),
        type=type_name,
        description=str(spec.get("description", "")).strip(),
        range=spec.get("range"),
        values=tuple(str(v) for v in spec.get("values", ())),
        schema=schema,
        many=bool(spec.get("many", False)),
    )


def read_schema(name: str, spec: dict[str, Any]) -> Schema:
    edge_spec = spec.get("edge")
    edge = None
    if edge_spec is not None:
        edge = Edge(
            source=tuple(edge_spec["source"]),
            target=tuple(edge_spec["target"]),
            phrase=str(edge_spec.get("phrase", name)),
            inverse=str(edge_spec.get("inverse", f"{name} (by)")),
            symmetric=bool(edge_spec.get("symmetric", False)),
        )
    props = spec.get("properties") or {}
    return Schema(
        name=name,
        label=str(spec.get("label", name)),
        plural=str(spec.get("plural", spec.get("label", name))),
        description=" ".join(str(spec.get("description", "")).split()),
        abstract=bool(spec.get("abstract", False)),
        extends=tuple(spec.get("extends", ())),
        own_properties={p: read_property(name, p, s or {}) for p, s in props.items()},
        stix=dict(spec.get("stix") or {}),
        edge=edge,
    )
