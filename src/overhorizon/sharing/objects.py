"""The parts of exported objects built from statements: extension blocks and reports.

Every statement an object exports becomes one entry of the extension's ``statements`` list,
marked with the statement's own marking; its source (report reference, span and sentence) is
marked with the document's marking too. Reports list the objects whose exported statements
came from them, each reference marked as the statements that justify it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from overhorizon.analysis.events import RESPONSIBILITY_RANK, headline
from overhorizon.model.statement import Statement
from overhorizon.model.types import Quantity
from overhorizon.sharing.extension import (
    EXTENSION_PATH,
    block,
    encode_entry,
    entry_path,
    timestamp,
)
from overhorizon.sharing.granular import MarkingLayout
from overhorizon.sharing.ids import stix_id
from overhorizon.sharing.markings import Marking, least
from overhorizon.sharing.values import pick
from overhorizon.sharing.view import RecipientView

if TYPE_CHECKING:
    from overhorizon.sharing.stix_export import Item

_CLAIMS = {"Claimed": ("target", "source"), "AttributedTo": ("source", "target")}
"""Relations that say who is responsible for an event: (the event's end, the actor's end)."""


@dataclass
class Trace:
    """The earliest first-seen and latest last-seen of the statements behind an object."""

    first_seen: datetime | None = None
    last_seen: datetime | None = None

    def add(self, stmt: Statement) -> None:
        self.extend(stmt.first_seen, stmt.last_seen)

    def extend(self, first_seen: datetime | None, last_seen: datetime | None) -> None:
        if first_seen is not None and (self.first_seen is None or first_seen < self.first_seen):
            self.first_seen = first_seen
        if last_seen is not None and (self.last_seen is None or last_seen > self.last_seen):
            self.last_seen = last_seen


@dataclass
class Built:
    obj: dict[str, Any]
    layout: MarkingLayout
    trace: Trace = field(default_factory=Trace)


@dataclass
class _Link:
    markings: list[Marking] = field(default_factory=list)
    trace: Trace = field(default_factory=Trace)


class ObjectBuilder:
    def __init__(self, view: RecipientView, items: dict[str, Item], member: dict[str, str]) -> None:
        self.view = view
        self.items = items
        self.member = member
        self.links: dict[str, dict[str, _Link]] = defaultdict(lambda: defaultdict(_Link))
        self.claims: dict[str, list[tuple[str, Marking, str]]] = defaultdict(list)
        for item in items.values():
            claim = _claim(item)
            if claim is not None and item.ends is not None:
                status, marking = claim
                event, actor = item.ends
                if _CLAIMS[item.schema.name][0] == "target":
                    event, actor = actor, event
                self.claims[event.entity.id].append((status, marking, actor.id))

    def entity(self, item: Item, obj: dict[str, Any]) -> Built:
        """The object of ``item`` with its extension block and the markings of its parts."""
        built = Built(obj, MarkingLayout(item.base))
        for path, marking in item.shown.needs.items():
            built.layout.need(path, marking)
        entries = []
        for index, (entry, marking, source_marking) in enumerate(self._entries(item, built)):
            built.layout.need(entry_path(index), marking)
            if source_marking is not None:
                built.layout.need(entry_path(index) + ".source", source_marking)
            entries.append(entry)
        fields: dict[str, Any] = {
            "entity_id": item.entity.id,
            "schema": item.schema.name,
            "statements": entries,
        }
        heads = self._headline(item, built.layout)
        if heads:
            fields["headline"] = heads
        if item.ends is not None:
            claim = _claim(item)
            if claim is not None:
                fields["claim_status"] = claim[0]
                built.layout.need(f"{EXTENSION_PATH}.claim_status", claim[1])
        elif self.claims.get(item.entity.id):
            status, marking, actor = min(
                self.claims[item.entity.id],
                key=lambda c: (RESPONSIBILITY_RANK[c[0]], c[1].sort_key, c[2]),
            )
            fields["responsibility"] = {"claim_status": status, "actor_ref": actor}
            built.layout.need(f"{EXTENSION_PATH}.responsibility", marking)
        obj["extensions"] = block(fields)
        return built

    def _entries(
        self, item: Item, built: Built
    ) -> list[tuple[dict[str, Any], Marking, Marking | None]]:
        rows = []
        for stmt in item.entity.statements:
            spec = item.schema.properties.get(stmt.prop)
            value, marking = stmt.value, Marking.of(stmt)
            if spec is not None and spec.type == "entity":
                target = self.items.get(self.member.get(stmt.value, stmt.value))
                if target is None:
                    self.view.withheld["statements about entities not exported"] += 1
                    continue
                value, marking = target.id, marking | target.base
            entry = encode_entry(stmt, value, item.schema.name)
            source_marking = None
            doc = self.view.document(stmt.document_id)
            if doc is not None:
                source: dict[str, Any] = {"report_ref": stix_id("report", doc.id)}
                if stmt.span_start is not None and stmt.span_end is not None:
                    source["span"] = [stmt.span_start, stmt.span_end]
                    source["sentence"] = doc.text[stmt.span_start : stmt.span_end]
                entry["source"] = source
                source_marking = marking | Marking.of(doc)
                link = self.links[doc.id][item.id]
                link.markings.append(marking | item.base)
                link.trace.add(stmt)
            built.trace.add(stmt)
            rows.append((entry, marking, source_marking))
        rows.sort(key=lambda row: json.dumps(row[0], sort_keys=True, ensure_ascii=False))
        return rows

    def _headline(self, item: Item, layout: MarkingLayout) -> dict[str, Any]:
        """The value a table shows for each count (min/max) and each category."""
        by_prop = item.entity.by_property()
        heads: dict[str, Any] = {}
        for name, spec in item.schema.properties.items():
            statements = by_prop.get(name, [])
            if not statements:
                continue
            if spec.type == "quantity":
                best = headline(statements, self.view.sources)
                if best is None:
                    continue
                quantity = Quantity.parse(best.value)
                heads[name] = {
                    k: v for k, v in (("min", quantity.min), ("max", quantity.max)) if v is not None
                }
                marking = Marking.of(best)
            elif spec.type == "enum":
                heads[name], marking = pick(statements)
            else:
                continue
            layout.need(f"{EXTENSION_PATH}.headline.{name}", marking)
        return heads

    def reports(self) -> list[Built]:
        """A report per document that exported statements came from."""
        out = []
        for doc_id in sorted(self.links):
            doc = self.view.document(doc_id)
            if doc is None:
                continue
            links = self.links[doc_id]
            refs = sorted(links)
            built = Built({}, MarkingLayout(Marking.of(doc)))
            for index, ref in enumerate(refs):
                built.layout.need(f"object_refs.[{index}]", least(links[ref].markings))
                built.trace.extend(links[ref].trace.first_seen, links[ref].trace.last_seen)
            published = (
                f"{doc.published.isoformat()}T00:00:00Z"
                if doc.published
                else timestamp(built.trace.first_seen or doc.ingested_at)
            )
            meta = {
                "title": doc.title,
                "publisher": doc.publisher,
                "url": doc.url,
                "published": doc.published.isoformat() if doc.published else None,
                "language": doc.language,
                "media_type": doc.media_type,
                "reliability": doc.reliability,
            }
            built.obj = {
                "type": "report",
                "id": stix_id("report", doc.id),
                "name": doc.title or f"Document {doc.id}",
                "published": published,
                "description": doc.text,
                "object_refs": refs,
                "extensions": block({"document": {k: v for k, v in meta.items() if v}}),
            }
            if doc.language:
                built.obj["lang"] = doc.language
            out.append(built)
        return out


def _claim(item: Item) -> tuple[str, Marking] | None:
    """A relation's claim status (claimed, attributed or suspected) and its marking."""
    if item.ends is None or item.schema.name not in _CLAIMS:
        return None
    if item.schema.name == "Claimed":
        return "claimed", item.base
    certainty = [s for s in item.entity.statements if s.prop == "certainty"]
    if not certainty:
        return "attributed", item.base
    status, marking = pick(certainty)
    return status, item.base | marking
