"""STIX 2.1 import: a bundle becomes documents and statements, markings carried over.

Objects an overhorizon instance exported are read from the extension, statement by statement,
so a round trip loses nothing; objects from other tools are read from their standard
properties through the ontology's ``stix:`` mappings. Every statement's origin is
``import:stix:PRODUCER`` (the object's ``created_by_ref``, else the bundle id), followed by
``/UPSTREAM`` when the extension names who first asserted it, so an import can never pass for
an analyst's or an extractor's own work.

Markings: TLP 2.0 and TLP 1.0 definitions and overhorizon's need-to-know groups are
understood; any other marking is read as TLP:RED and listed in the report. Nothing is dropped
without a count: objects of types the ontology has no place for, relationships whose type it
does not know, relationships with an end that was not imported, and values that do not fit.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from overhorizon.errors import DamagedSourceError
from overhorizon.model.document import Document
from overhorizon.model.model import Model, load_model
from overhorizon.model.schema import Schema
from overhorizon.sharing.extension import fields_of
from overhorizon.sharing.granular import MarkingReader
from overhorizon.sharing.ids import stix_id
from overhorizon.sharing.mapping import relation_schema_for, schema_for, stix_type
from overhorizon.sharing.markings import Marking, MarkingDefinitions
from overhorizon.sharing.reading import ObjectReader, StatementSink
from overhorizon.store.base import Store

_STRUCTURAL = ("marking-definition", "extension-definition", "bundle")


@dataclass
class ImportReport:
    """What an import wrote and everything it did not, with why."""

    bundle_id: str
    producers: set[str] = field(default_factory=set)
    documents: int = 0
    statements: int = 0
    objects: Counter[str] = field(default_factory=Counter)
    """Objects imported, by STIX type."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Objects not imported, by STIX type (types the ontology has no place for)."""
    unknown_relationships: Counter[str] = field(default_factory=Counter)
    """Relationships between imported objects whose type maps to no ontology relation."""
    dangling_relationships: Counter[str] = field(default_factory=Counter)
    """Relationships with an end that was not imported, by relationship type."""
    invalid_values: int = 0
    unknown_markings: set[str] = field(default_factory=set)
    """Marking definitions not understood, read as TLP:RED."""

    def lines(self) -> list[str]:
        """The report as short lines for people."""
        out = [
            f"bundle {self.bundle_id}: {self.documents} documents, {self.statements} statements",
            "imported: " + _counts(self.objects),
        ]
        if self.skipped:
            out.append("not imported (no ontology type): " + _counts(self.skipped))
        if self.unknown_relationships:
            out.append("relationships of unknown type: " + _counts(self.unknown_relationships))
        if self.dangling_relationships:
            out.append(
                "relationships with an end not imported: " + _counts(self.dangling_relationships)
            )
        if self.invalid_values:
            out.append(f"values that do not fit the ontology: {self.invalid_values}")
        if self.unknown_markings:
            out.append(
                "unknown markings, read as TLP:RED: " + ", ".join(sorted(self.unknown_markings))
            )
        return out


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{n} {name}" for name, n in sorted(counter.items())) or "nothing"


def read_bundle(path: Path) -> dict[str, Any]:
    """A bundle from a JSON file; DamagedSourceError when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedSourceError(f"{path}: not a readable JSON file ({exc})") from None
    return _check_bundle(data, str(path))


def _check_bundle(data: Any, where: str) -> dict[str, Any]:
    if isinstance(data, Mapping):
        data = dict(data)
    if not isinstance(data, dict) or data.get("type") != "bundle" or "id" not in data:
        raise DamagedSourceError(f"{where}: not a STIX bundle")
    objects = data.get("objects", [])
    if not isinstance(objects, list) or not all(
        isinstance(o, dict) and "type" in o and "id" in o for o in objects
    ):
        raise DamagedSourceError(f"{where}: a bundle object lacks its type or id")
    return data


def import_bundle(
    store: Store,
    bundle: Mapping[str, Any] | str,
    *,
    producer: str | None = None,
    tlp: str = "clear",
    groups: Iterable[str] = (),
) -> ImportReport:
    """Write ``bundle`` into ``store`` in one transaction and report what was and was not read.

    ``producer`` replaces the bundle's own producer in the origin (a TAXII client names the
    partner here). ``tlp`` and ``groups`` are a floor: every imported document and statement
    gets at least that TLP and those need-to-know groups.
    """
    if isinstance(bundle, str):
        try:
            bundle = json.loads(bundle)
        except json.JSONDecodeError as exc:
            raise DamagedSourceError(f"input: not JSON ({exc})") from None
    data = _check_bundle(bundle, "input")
    importer = _Importer(data, producer, Marking(tlp, frozenset(groups)), load_model())
    importer.run()
    report = importer.report
    with store.writer() as writer:
        for document in importer.sink.documents.values():
            if writer.add_document(document):
                report.documents += 1
        report.statements = writer.add_statements(importer.sink.statements)
    report.invalid_values = importer.sink.invalid
    report.unknown_markings = set(importer.definitions.unknown)
    return report


def _latest(objects: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One version of each object: the most recently modified, revoked ones left out."""
    best: dict[str, dict[str, Any]] = {}
    for obj in objects:
        known = best.get(obj["id"])
        if known is None or str(obj.get("modified", "")) > str(known.get("modified", "")):
            best[obj["id"]] = obj
    return [o for o in best.values() if not o.get("revoked")]


class _Importer:
    def __init__(self, bundle: dict[str, Any], producer: str | None, floor: Marking, model: Model):
        self.bundle_id = str(bundle["id"])
        self.objects = _latest(bundle.get("objects", []))
        self.producer = producer
        self.model = model
        self.report = ImportReport(self.bundle_id)
        self.definitions = MarkingDefinitions.read(self.objects)
        self.sink = StatementSink(model, floor)
        self.mentioned: dict[str, list[tuple[Document, Marking]]] = defaultdict(list)
        """Objects listed by reports of other tools -> (document, marking of the listing)."""

    def reader(self, obj: Mapping[str, Any]) -> ObjectReader:
        origin = self.producer or str(obj.get("created_by_ref") or self.bundle_id)
        self.report.producers.add(origin)
        markings = MarkingReader(obj, self.definitions)
        return ObjectReader(obj, markings, origin, self.sink, self.mentioned.get(obj["id"], []))

    def run(self) -> None:
        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for obj in self.objects:
            by_type[obj["type"]].append(obj)
        for obj in by_type.pop("report", []):
            self._report(obj)
        producers_only = self._producers_only()
        domain: list[tuple[dict[str, Any], Schema, bool]] = []
        for object_type in sorted(by_type):
            if object_type in ("relationship", "note", *_STRUCTURAL):
                continue
            for obj in by_type[object_type]:
                if obj["id"] in producers_only:
                    continue
                found = self._domain_schema(obj)
                if found is None:
                    self.report.skipped[object_type] += 1
                else:
                    domain.append((obj, *found))
        for obj, schema, use_extension in domain:
            self.reader(obj).domain(schema, use_extension=use_extension)
            self.report.objects[obj["type"]] += 1
        for obj in by_type.pop("relationship", []):
            self._relationship(obj)
        for obj in by_type.pop("note", []):
            self._note(obj)

    def _producers_only(self) -> set[str]:
        """Identities that only say who made other objects: origins, not entities."""
        makers = {str(o["created_by_ref"]) for o in self.objects if o.get("created_by_ref")}
        referenced: set[str] = set()
        for obj in self.objects:
            referenced.update(str(obj.get(k)) for k in ("source_ref", "target_ref") if k in obj)
            referenced.update(str(r) for r in obj.get("object_refs") or [])
        return makers - referenced

    def _declared(self, obj: Mapping[str, Any]) -> tuple[Schema, str] | None:
        """The type and entity id an overhorizon object declares in the extension, when they
        agree with the object: its STIX type, and an id derived from that entity id (else the
        object keeps its STIX id as entity id)."""
        ours = fields_of(obj)
        if ours is None or ours.get("schema") not in self.model:
            return None
        schema = self.model[ours["schema"]]
        expected = "relationship" if schema.is_relation else stix_type(schema)
        if schema.abstract or expected != obj["type"]:
            return None
        claimed = str(ours.get("entity_id", ""))
        consistent = bool(claimed) and stix_id(str(obj["type"]), claimed) == obj["id"]
        return schema, claimed if consistent else str(obj["id"])

    def _domain_schema(self, obj: dict[str, Any]) -> tuple[Schema, bool] | None:
        """The type to read ``obj`` as, registered with its entity id for references to it,
        and whether its extension is read."""
        declared = self._declared(obj)
        if declared is not None:
            self.sink.register(str(obj["id"]), declared[1], declared[0])
            return declared[0], True
        schema = schema_for(obj, self.model)
        if schema is None:
            return None
        self.sink.register(str(obj["id"]), str(obj["id"]), schema)
        return schema, False

    def _report(self, obj: dict[str, Any]) -> None:
        reader = self.reader(obj)
        document = reader.document(self.bundle_id)
        self.sink.documents[str(obj["id"])] = document
        self.report.objects["report"] += 1
        if fields_of(obj) is None:
            for index, ref in enumerate(obj.get("object_refs") or []):
                marking = reader.markings.at(f"object_refs.[{index}]")
                self.mentioned[str(ref)].append((document, marking))

    def _relationship(self, obj: dict[str, Any]) -> None:
        kind = str(obj.get("relationship_type", ""))
        source = self.sink.known.get(str(obj.get("source_ref")))
        target = self.sink.known.get(str(obj.get("target_ref")))
        if source is None or target is None:
            self.report.dangling_relationships[kind] += 1
            return
        declared = self._declared(obj)
        if declared is not None:
            schema, entity_id = declared
        else:
            found = relation_schema_for(kind, source[1], target[1], self.model)
            if found is None:
                self.report.unknown_relationships[kind] += 1
                return
            schema, entity_id = found, str(obj["id"])
        self.sink.register(str(obj["id"]), entity_id, schema)
        self.reader(obj).relationship(schema, use_extension=declared is not None)
        self.report.objects["relationship"] += 1

    def _note(self, obj: dict[str, Any]) -> None:
        if self.reader(obj).note():
            self.report.objects["note"] += 1
        else:
            self.report.skipped["note"] += 1
