"""The ontology, loaded once from the YAML files in ``overhorizon/schema``."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from overhorizon.errors import ModelError, UnknownSchemaError
from overhorizon.model.schema import Property, Schema, read_schema


class Model:
    """All schemata, with inheritance and edge declarations checked."""

    def __init__(self, schemata: dict[str, Schema]) -> None:
        self.schemata = schemata
        for schema in schemata.values():
            schema.ancestors = self._ancestors(schema.name, ())
        for schema in self._in_inheritance_order():
            merged: dict[str, Property] = {}
            for parent in schema.extends:
                merged.update(self.schemata[parent].properties)
            merged.update(schema.own_properties)
            schema.properties = merged
        self._check()

    @classmethod
    def from_directory(cls, path: Path) -> Model:
        specs: dict[str, Any] = {}
        for file in sorted(path.glob("*.yaml")):
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
            for name, spec in data.items():
                if name in specs:
                    raise ModelError(f"schema {name} is declared twice ({file.name})")
                specs[name] = spec
        return cls({name: read_schema(name, spec) for name, spec in specs.items()})

    def __getitem__(self, name: str) -> Schema:
        try:
            return self.schemata[name]
        except KeyError:
            raise UnknownSchemaError(f"no entity or relation type named {name!r}") from None

    def __iter__(self) -> Iterator[Schema]:
        return iter(sorted(self.schemata.values(), key=lambda s: s.name))

    def __contains__(self, name: object) -> bool:
        return name in self.schemata

    def by_key(self, key: str) -> Schema:
        """Find a schema by its name or its snake_case key (branch_of -> BranchOf)."""
        for schema in self.schemata.values():
            if key in (schema.name, schema.key):
                return schema
        raise UnknownSchemaError(f"no entity or relation type named {key!r}")

    @property
    def relations(self) -> list[Schema]:
        return [s for s in self if s.is_relation]

    @property
    def entities(self) -> list[Schema]:
        """Concrete (non-abstract) entity types that are not relations."""
        return [s for s in self if not s.is_relation and not s.abstract]

    def descendants(self, name: str) -> list[Schema]:
        """``name`` and every schema that extends it."""
        return [s for s in self if s.is_a(name)]

    def _ancestors(self, name: str, seen: tuple[str, ...]) -> tuple[str, ...]:
        if name in seen:
            raise ModelError(f"schema {name} extends itself")
        schema = self[name]
        found = [name]
        for parent in schema.extends:
            if parent not in self.schemata:
                raise ModelError(f"{name} extends unknown schema {parent}")
            for ancestor in self._ancestors(parent, (*seen, name)):
                if ancestor not in found:
                    found.append(ancestor)
        return tuple(found)

    def _in_inheritance_order(self) -> list[Schema]:
        return sorted(self.schemata.values(), key=lambda s: len(s.ancestors))

    def _check(self) -> None:
        for schema in self.schemata.values():
            for prop in schema.own_properties.values():
                if prop.type == "entity" and (prop.range is None or prop.range not in self):
                    raise ModelError(f"{schema.name}.{prop.name}: entity range missing or unknown")
                if prop.type == "enum" and not prop.values:
                    raise ModelError(f"{schema.name}.{prop.name}: enum without values")
            if schema.edge is not None:
                for end in (*schema.edge.source, *schema.edge.target):
                    if end not in self:
                        raise ModelError(f"{schema.name}: edge end {end} is unknown")
                if "source" not in schema.properties or "target" not in schema.properties:
                    raise ModelError(f"{schema.name}: a relation needs source and target")
            if not schema.abstract and not schema.stix:
                raise ModelError(f"{schema.name}: concrete schema without a STIX mapping")


SCHEMA_DIR = Path(str(resources.files("overhorizon") / "schema"))


@cache
def load_model() -> Model:
    """The shipped ontology (cached: the files are read once per process)."""
    return Model.from_directory(SCHEMA_DIR)
