"""STIX 2.1 export: the store, or a selection of it, as one bundle cut for one recipient.

Reading goes through ``RecipientView`` only: a statement the recipient may not see is never
read into the bundle, an entity none of whose statements survive is not exported, a relation
needs itself and both ends exported, and a report lists only exported objects. The same store
and recipient always give the same bundle: ids derive from entity and document ids, versions
from the statements' first and last seen, and the bundle id from the objects.

Markings: an object is marked with the least restrictive marking under which one of its
statements discloses it (for a relationship, also its ends' markings); every part that needs
more (an AMBER alias, the statement entry behind it, an AMBER report's reference) gets
granular markings for the difference. See ``granular``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import stix2

from overhorizon.model.entity import Entity
from overhorizon.model.model import Model, load_model
from overhorizon.model.schema import Schema
from overhorizon.sharing.extension import DEFINED, extension_definition, project_identity
from overhorizon.sharing.ids import stix_id, stix_uuid
from overhorizon.sharing.mapping import fixed_properties, relationship_type, stix_type
from overhorizon.sharing.markings import Marking, Recipient, definitions, least
from overhorizon.sharing.objects import Built, ObjectBuilder
from overhorizon.sharing.values import Shown, shown
from overhorizon.sharing.view import RecipientView
from overhorizon.store.base import StatementQuery, Store

_SKIPPED_TYPES = (None, "relationship", "report")


@dataclass
class ExportResult:
    """A bundle and, for the sender only, what it holds and what was withheld and why."""

    bundle: dict[str, Any]
    objects: Counter[str] = field(default_factory=Counter)
    withheld: Counter[str] = field(default_factory=Counter)

    def json(self) -> str:
        return json.dumps(self.bundle, indent=2, ensure_ascii=False) + "\n"


@dataclass
class Item:
    """An entity that will be exported, with its STIX type, id and object marking."""

    entity: Entity
    schema: Schema
    type: str
    id: str
    base: Marking
    shown: Shown
    ends: tuple[Item, Item] | None = None
    """A relationship's source and target."""


def export_bundle(
    store: Store,
    recipient: Recipient,
    *,
    entity_ids: Sequence[str] | None = None,
    producer: str | None = None,
) -> ExportResult:
    """Everything ``recipient`` may see (or only ``entity_ids``, the relations among them and
    the ends of selected relations) as a STIX 2.1 bundle.

    ``producer`` names the sending organisation: an identity object, the ``created_by_ref`` of
    every exported object, and the origin a receiving overhorizon files the statements under.
    """
    view = RecipientView(store, recipient)
    exporter = _Exporter(view, load_model(), producer)
    exporter.collect(_selection(store, view, entity_ids))
    objects = exporter.objects()
    digest = hashlib.sha256(json.dumps(objects, sort_keys=True).encode()).hexdigest()
    bundle: dict[str, Any] = {"type": "bundle", "id": f"bundle--{stix_uuid('bundle:' + digest)}"}
    if objects:
        bundle["objects"] = objects
    result = ExportResult(bundle, withheld=view.withheld)
    result.objects.update(obj["type"] for obj in objects)
    return result


def _selection(store: Store, view: RecipientView, entity_ids: Sequence[str] | None) -> list[str]:
    if entity_ids is None:
        return store.entity_ids()
    chosen = list(dict.fromkeys(entity_ids))
    ends = [
        value
        for entity in view.entities(chosen)
        if load_model()[entity.schema].is_relation
        for value in (entity.first("source"), entity.first("target"))
        if value is not None
    ]
    query = StatementQuery(props=["source", "target"], values=[*chosen, *ends])
    links = sorted({stmt.entity_id for stmt in store.statements(query)})
    return list(dict.fromkeys([*chosen, *ends, *links]))


class _Exporter:
    def __init__(self, view: RecipientView, model: Model, producer: str | None) -> None:
        self.view = view
        self.model = model
        self.items: dict[str, Item] = {}
        self.relations: list[Item] = []
        self.member: dict[str, str] = {}
        """The id each statement was written under -> the id of the entity it is read as."""
        self.producer = producer
        self.producer_ref = stix_id("identity", f"producer:{producer}") if producer else None

    def collect(self, entity_ids: list[str]) -> None:
        """Decide which entities become which objects, entities before the relations."""
        entities = self.view.entities(entity_ids)
        for entity in entities:
            for stmt in entity.statements:
                self.member[stmt.entity_id] = entity.id
        for entity in entities:
            schema = self.model[entity.schema]
            if not schema.is_relation:
                self._add_entity(entity, schema)
        for entity in entities:
            schema = self.model[entity.schema]
            if schema.is_relation:
                self._add_relation(entity, schema)

    def _add_entity(self, entity: Entity, schema: Schema) -> None:
        object_type = stix_type(schema)
        if object_type in _SKIPPED_TYPES or object_type is None:
            self.view.withheld["entities of a type not exported to STIX"] += 1
            return
        refs = {p for p, spec in schema.properties.items() if spec.type == "entity"}
        own = [s for s in entity.statements if s.prop not in refs]
        if not own:
            self.view.withheld["entities STIX cannot represent"] += 1
            return
        item = Item(
            entity,
            schema,
            object_type,
            stix_id(object_type, entity.id),
            least(Marking.of(s) for s in own),
            shown(entity, schema, object_type),
        )
        if not _representable(item):
            self.view.withheld["entities STIX cannot represent"] += 1
            return
        self.items[entity.id] = item

    def _add_relation(self, entity: Entity, schema: Schema) -> None:
        ends: list[Item] = []
        markings: list[Marking] = []
        for prop in ("source", "target"):
            value = entity.first(prop)
            end = self.items.get(self.member.get(value, value)) if value else None
            if end is None:
                self.view.withheld["relations with an end not exported"] += 1
                return
            ends.append(end)
            stated = [Marking.of(s) for s in entity.statements if s.prop == prop]
            markings.append(least(stated) | end.base)
        source, target = ends
        item = Item(
            entity,
            schema,
            "relationship",
            stix_id("relationship", entity.id),
            markings[0] | markings[1],
            shown(entity, schema, "relationship"),
            ends=(source, target),
        )
        self.items[entity.id] = item
        self.relations.append(item)

    def objects(self) -> list[dict[str, Any]]:
        builder = ObjectBuilder(self.view, self.items, self.member)
        built: list[Built] = []
        for item in self.items.values():
            if item.ends is None:
                built.append(builder.entity(item, self._domain_base(item)))
        for item in self.relations:
            if item.ends is not None:
                built.append(builder.entity(item, _relationship(item, *item.ends)))
        built += builder.reports()
        out = [self._finish(b) for b in built]
        if out:
            used = {ref for b in built for ref in b.layout.used}
            markings = [m for b in built for m in (b.layout.base, *b.layout.needs.values())]
            out += [d for d in definitions(markings) if d["id"] in used]
            out += [project_identity(), extension_definition()]
            if self.producer_ref:
                out.append(self._producer())
        out = [_checked(obj) for obj in out]
        return sorted(out, key=lambda o: (_ORDER.get(o["type"], 1), o["id"]))

    def _domain_base(self, item: Item) -> dict[str, Any]:
        return {
            "type": item.type,
            "id": item.id,
            **fixed_properties(item.schema),
            **item.shown.properties,
        }

    def _finish(self, built: Built) -> dict[str, Any]:
        obj = {"spec_version": "2.1", **built.obj}
        if self.producer_ref:
            obj["created_by_ref"] = self.producer_ref
        obj.update(created=built.trace.first_seen, modified=built.trace.last_seen)
        obj.update(built.layout.properties())
        return obj

    def _producer(self) -> dict[str, Any]:
        return {
            "type": "identity",
            "spec_version": "2.1",
            "id": self.producer_ref,
            "created": DEFINED,
            "modified": DEFINED,
            "name": self.producer,
            "identity_class": "organization",
        }


_ORDER = {"marking-definition": 0, "extension-definition": 0, "relationship": 2, "report": 3}


def _relationship(item: Item, source: Item, target: Item) -> dict[str, Any]:
    """The standard part of a relationship; ``description`` reads it in words."""
    edge = item.schema.edge
    return {
        "type": "relationship",
        "id": item.id,
        "relationship_type": relationship_type(item.schema, source.type, target.type),
        "source_ref": source.id,
        "target_ref": target.id,
        "description": edge.phrase if edge is not None else item.schema.label,
        **item.shown.properties,
    }


def _representable(item: Item) -> bool:
    """Whether STIX can carry the object at all (a threat actor needs a name, a location a
    country or coordinates), tried on its standard properties."""
    trial = {
        "type": item.type,
        "spec_version": "2.1",
        "id": item.id,
        "created": DEFINED,
        "modified": DEFINED,
        **fixed_properties(item.schema),
        **item.shown.properties,
    }
    try:
        stix2.parse(trial, allow_custom=False, version="2.1")
    except (stix2.exceptions.STIXError, ValueError):
        return False
    return True


def _checked(obj: dict[str, Any]) -> dict[str, Any]:
    """The object as the stix2 library writes it, after its own checks."""
    parsed = stix2.parse(obj, allow_custom=False, version="2.1")
    return dict(json.loads(parsed.serialize()))
