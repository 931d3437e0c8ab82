"""The curated seed: groups, outlets and people the platform should know by all their names.

The file format is described at the top of ``data/seed/groups.yaml``. An entry with a UN
reference number gets the id the UN list importer gives that reference, so the seed's
aliases and the list's statements build one entity whichever is loaded first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from overhorizon.errors import ModelError, ReferenceImportError
from overhorizon.model.builder import StatementFactory, entity_id, relation_id
from overhorizon.model.model import load_model
from overhorizon.model.statement import Statement
from overhorizon.reference.summary import ImportSummary, write
from overhorizon.store.base import Store

SEED_PATH = Path(str(resources.files("overhorizon") / "data" / "seed" / "groups.yaml"))
ORIGIN = "import:seed@1"
_RESERVED = frozenset({"key", "schema", "name", "aliases", "un"})
_RELATION_KEYS = frozenset({"type", "source", "target"})


@dataclass(frozen=True)
class SeedRecord:
    """One curated entity: its id, canonical name and aliases, and further properties."""

    key: str
    id: str
    schema: str
    name: str
    aliases: tuple[str, ...]
    un: str | None
    """UN sanctions reference number, when the entity is on the list."""
    properties: tuple[tuple[str, str], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class SeedRelation:
    schema: str
    source: SeedRecord
    target: SeedRecord
    properties: tuple[tuple[str, str], ...]

    @property
    def id(self) -> str:
        return relation_id(self.schema, self.source.id, self.target.id)


def seed_records(path: Path | None = None) -> list[SeedRecord]:
    """The seed's entities, read from ``path`` (default: the shipped seed)."""
    return list(_read(path or SEED_PATH)[0])


def seed_relations(path: Path | None = None) -> list[SeedRelation]:
    """The relations the seed asserts between its entities."""
    return list(_read(path or SEED_PATH)[1])


def load_seed(store: Store, path: Path | None = None) -> ImportSummary:
    """Write the seed into ``store``; loading it again adds nothing."""
    records, relations = _read(path or SEED_PATH)
    return write(store, str(path or "seed"), list(_statements(records, relations)))


def _statements(
    records: tuple[SeedRecord, ...], relations: tuple[SeedRelation, ...]
) -> Iterator[Statement]:
    make = StatementFactory(origin=ORIGIN, reliability="B")
    for record in records:
        yield make.make(record.id, record.schema, "name", record.name)
        for alias in record.aliases:
            yield make.make(record.id, record.schema, "alias", alias)
        if record.un:
            yield make.make(record.id, record.schema, "referenceNumber", record.un)
        for prop, value in record.properties:
            yield make.make(record.id, record.schema, prop, value)
    for rel in relations:
        yield from make.relation(rel.schema, rel.source.id, rel.target.id)
        for prop, value in rel.properties:
            yield make.make(rel.id, rel.schema, prop, value)


@cache
def _read(path: Path) -> tuple[tuple[SeedRecord, ...], tuple[SeedRelation, ...]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        detail = " ".join(str(exc).split())
        raise ReferenceImportError(f"cannot read seed {path}: {detail}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise ReferenceImportError(f"seed {path} has no `entities` list")
    records: dict[str, SeedRecord] = {}
    for entry in data["entities"]:
        record = _record(entry, path)
        if record.key in records:
            raise ReferenceImportError(f"seed {path}: key {record.key!r} is used twice")
        records[record.key] = record
    relations = tuple(_relation(entry, records, path) for entry in data.get("relations") or [])
    return tuple(records.values()), relations


def _record(entry: Any, path: Path) -> SeedRecord:
    if not isinstance(entry, dict) or not all(k in entry for k in ("key", "schema", "name")):
        raise ReferenceImportError(f"seed {path}: every entity needs key, schema and name")
    key, schema, name = str(entry["key"]), str(entry["schema"]), str(entry["name"])
    try:
        spec = load_model()[schema]
        props = tuple(
            (prop, spec.get(prop).clean(value))
            for prop, raw in entry.items()
            if prop not in _RESERVED
            for value in _texts(raw, f"{key}.{prop}", path)
        )
    except ModelError as exc:
        raise ReferenceImportError(f"seed {path}, entity {key!r}: {exc.message}") from None
    un = str(entry["un"]) if entry.get("un") else None
    return SeedRecord(
        key=key,
        id=entity_id(schema, "un", un) if un else entity_id(schema, name),
        schema=schema,
        name=name,
        aliases=tuple(_texts(entry.get("aliases") or [], f"{key}.aliases", path)),
        un=un,
        properties=props,
    )


def _relation(entry: Any, records: dict[str, SeedRecord], path: Path) -> SeedRelation:
    if not isinstance(entry, dict) or not set(entry) >= _RELATION_KEYS:
        raise ReferenceImportError(f"seed {path}: every relation needs type, source and target")
    where = f"{entry['type']} {entry['source']} -> {entry['target']}"
    source, target = (records.get(str(entry[end])) for end in ("source", "target"))
    if source is None or target is None:
        raise ReferenceImportError(f"seed {path}: relation {where} names an unknown key")
    model = load_model()
    try:
        spec = model[str(entry["type"])]
        if spec.edge is None:
            raise ReferenceImportError(f"seed {path}: {spec.name} is not a relation type")
        for end, allowed in ((source, spec.edge.source), (target, spec.edge.target)):
            if not any(model[end.schema].is_a(kind) for kind in allowed):
                raise ReferenceImportError(
                    f"seed {path}: relation {where}: {spec.name} cannot link a {end.schema}"
                )
        props = tuple(
            (prop, spec.get(prop).clean(value))
            for prop, raw in entry.items()
            if prop not in _RELATION_KEYS
            for value in _texts(raw, where, path)
        )
    except ModelError as exc:
        raise ReferenceImportError(f"seed {path}, relation {where}: {exc.message}") from None
    return SeedRelation(spec.name, source, target, props)


def _texts(raw: Any, where: str, path: Path) -> list[str]:
    """YAML scalars as text: dates and years as written, one value or a list of them."""
    values = raw if isinstance(raw, list) else [raw]
    texts: list[str] = []
    for value in values:
        if isinstance(value, bool) or value is None or isinstance(value, dict | list):
            raise ReferenceImportError(f"seed {path}: {where} has an unreadable value {value!r}")
        texts.append(value.isoformat() if isinstance(value, date) else str(value))
    return texts
