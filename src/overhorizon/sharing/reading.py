"""Reading one received STIX object into documents and statements.

An object carrying the overhorizon extension is read entry by entry, each entry with the
marking its selector has; any other object is read from the standard properties the mapping
mirrors, each value with the marking of its property.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from overhorizon.errors import ModelError
from overhorizon.model.document import Document
from overhorizon.model.model import Model
from overhorizon.model.schema import Schema
from overhorizon.model.statement import RELIABILITY, Statement, utcnow
from overhorizon.sharing.extension import (
    entry_path,
    fields_of,
    import_origin,
    parse_timestamp,
)
from overhorizon.sharing.granular import MarkingReader
from overhorizon.sharing.mapping import Mirror, mirrors
from overhorizon.sharing.markings import Marking

_ORIGIN_LIMIT = 200
"""The longest origin the store keeps."""


@dataclass
class StatementSink:
    """What an import will write, and the entity id and type of every object read so far."""

    model: Model
    floor: Marking
    documents: dict[str, Document] = field(default_factory=dict)
    """Report id -> the document it became."""
    statements: list[Statement] = field(default_factory=list)
    known: dict[str, tuple[str, Schema]] = field(default_factory=dict)
    """STIX id -> (entity id, type) of each imported object."""
    invalid: int = 0

    def register(self, stix_ref: str, entity_id: str, schema: Schema) -> None:
        self.known[stix_ref] = (entity_id, schema)

    def add(
        self,
        entity_id: str,
        schema_name: Any,
        prop: Any,
        raw: Any,
        marking: Marking,
        origin: str,
        *,
        first_seen: datetime,
        last_seen: datetime,
        document: Document | None = None,
        span: tuple[int, int] | None = None,
        confidence: Any = 1.0,
        reliability: Any = "F",
        asserted_by: Any = None,
    ) -> None:
        """One statement, or one more invalid value when it does not fit the ontology."""
        try:
            schema = self.model[str(schema_name)]
            spec = schema.get(str(prop))
            text = str(raw) if not isinstance(raw, float) else repr(raw)
            if spec.type == "entity":
                text = self.known.get(text, (text,))[0]
            marking = marking | self.floor
            self.statements.append(
                Statement(
                    entity_id=entity_id,
                    schema=schema.name,
                    prop=spec.name,
                    value=spec.clean(text),
                    origin=origin[:_ORIGIN_LIMIT],
                    document_id=document.id if document else None,
                    span_start=span[0] if span and document else None,
                    span_end=span[1] if span and document else None,
                    confidence=float(confidence),
                    reliability=_grade(reliability),
                    asserted_by=str(asserted_by) if asserted_by else None,
                    tlp=marking.tlp,
                    groups=marking.groups,
                    first_seen=first_seen,
                    last_seen=last_seen,
                )
            )
        except (ModelError, TypeError, ValueError):
            self.invalid += 1


class ObjectReader:
    """Reads one object; ``mentioned`` lists the other tools' reports that list it."""

    def __init__(
        self,
        obj: Mapping[str, Any],
        markings: MarkingReader,
        producer: str,
        sink: StatementSink,
        mentioned: list[tuple[Document, Marking]],
    ) -> None:
        self.obj = obj
        self.markings = markings
        self.producer = producer
        self.sink = sink
        self.mentioned = mentioned
        self.created = _time(obj.get("created"))
        self.modified = _time(obj.get("modified")) if obj.get("modified") else self.created

    def document(self, bundle_id: str) -> Document:
        """The document a report stands for; its text is the report's description."""
        obj = self.obj
        marking = self.markings.at() | self.sink.floor
        ours = (fields_of(obj) or {}).get("document")
        meta: Mapping[str, Any] = ours if isinstance(ours, Mapping) else {}
        urls = [r.get("url") for r in obj.get("external_references") or [] if r.get("url")]
        return Document(
            text=str(obj.get("description") or obj.get("name") or obj["id"]),
            title=meta.get("title") if meta else obj.get("name"),
            publisher=meta.get("publisher"),
            url=meta.get("url") if meta else (urls[0] if urls else None),
            published=parse_date(meta.get("published") if meta else obj.get("published")),
            language=meta.get("language") if meta else obj.get("lang"),
            source=f"stix:{bundle_id}",
            media_type=str(meta.get("media_type", "text/plain")),
            reliability=_grade(meta.get("reliability")),
            tlp=marking.tlp,
            groups=marking.groups,
        )

    def domain(self, schema: Schema, *, use_extension: bool) -> None:
        ours = fields_of(self.obj)
        if use_extension and ours is not None:
            self._entries(schema, ours)
        else:
            self._mirrored(schema)

    def relationship(self, schema: Schema, *, use_extension: bool) -> None:
        ours = fields_of(self.obj)
        if use_extension and ours is not None:
            self._entries(schema, ours)
            return
        entity_id = self.sink.known[str(self.obj["id"])][0]
        for prop, key in (("source", "source_ref"), ("target", "target_ref")):
            for document, link in self._contexts():
                self._add(
                    entity_id, schema, prop, self.obj[key], self.markings.at(key) | link, document
                )
        self._mirrored(schema)

    def note(self) -> bool:
        """A note of another tool becomes a description of each imported object it is about."""
        content = self.obj.get("content")
        if not content:
            return False
        abstract = self.obj.get("abstract")
        text = f"{abstract}\n\n{content}" if abstract else str(content)
        authors = ", ".join(str(a) for a in self.obj.get("authors") or []) or None
        found = False
        for index, ref in enumerate(self.obj.get("object_refs") or []):
            known = self.sink.known.get(str(ref))
            if known is None:
                continue
            marking = self.markings.at("content") | self.markings.at(f"object_refs.[{index}]")
            self.sink.add(
                known[0],
                known[1].name,
                "description",
                text,
                marking,
                import_origin(self.producer, None),
                first_seen=self.created,
                last_seen=self.modified,
                asserted_by=authors,
            )
            found = True
        return found

    def _entries(self, schema: Schema, ours: Mapping[str, Any]) -> None:
        entity_id = self.sink.known[str(self.obj["id"])][0]
        entries = ours.get("statements")
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, Mapping):
                self.sink.invalid += 1
                continue
            found = entry.get("source")
            source: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
            document = self.sink.documents.get(str(source.get("report_ref")))
            self.sink.add(
                entity_id,
                entry.get("schema", schema.name),
                entry.get("prop"),
                entry.get("value"),
                self.markings.at(entry_path(index)),
                import_origin(self.producer, str(entry.get("origin") or "") or None),
                first_seen=_time(entry.get("first_seen"), self.created),
                last_seen=_time(entry.get("last_seen"), self.modified),
                document=document,
                span=_span(source.get("span"), document),
                confidence=entry.get("confidence", 1.0),
                reliability=entry.get("reliability", "F"),
                asserted_by=entry.get("asserted_by"),
            )

    def _mirrored(self, schema: Schema) -> None:
        entity_id = self.sink.known[str(self.obj["id"])][0]
        for mirror in mirrors(schema, str(self.obj["type"])):
            raw = self.obj.get(mirror.stix)
            if raw is None:
                continue
            many = isinstance(raw, list)
            for index, value in enumerate(raw if many else [raw]):
                path = f"{mirror.stix}.[{index}]" if many else mirror.stix
                for document, link in self._contexts():
                    marking = self.markings.at(path) | link
                    self._add(
                        entity_id, schema, mirror.prop, _from_stix(mirror, value), marking, document
                    )

    def _contexts(self) -> list[tuple[Document | None, Marking]]:
        """Where the object's facts are read from: each report of another tool that lists it
        (one statement per report, marked as the listing too), and no report at all when none
        lists it or a listing is more restricted than the object itself."""
        contexts: list[tuple[Document | None, Marking]] = list(self.mentioned)
        if not contexts or any(not self.markings.base.covers(m) for _, m in contexts):
            contexts.append((None, Marking()))
        return contexts

    def _add(
        self,
        entity_id: str,
        schema: Schema,
        prop: str,
        value: Any,
        marking: Marking,
        document: Document | None,
    ) -> None:
        confidence = self.obj.get("confidence")
        self.sink.add(
            entity_id,
            schema.name,
            prop,
            value,
            marking,
            import_origin(self.producer, None),
            first_seen=self.created,
            last_seen=self.modified,
            document=document,
            confidence=confidence / 100 if isinstance(confidence, int) else 1.0,
        )


def _from_stix(mirror: Mirror, value: Any) -> Any:
    if mirror.kind == "date" and isinstance(value, str):
        return value[:10]
    return value


def _span(raw: Any, document: Document | None) -> tuple[int, int] | None:
    if document is None or not isinstance(raw, list) or len(raw) != 2:
        return None
    start, end = raw
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(document.text):
        return start, end
    return None


def _time(raw: Any, default: datetime | None = None) -> datetime:
    """A timestamp as received; the fallback, else now, when it is missing or malformed."""
    if isinstance(raw, str):
        try:
            return parse_timestamp(raw)
        except ValueError:
            pass
    return default if default is not None else utcnow()


def _grade(value: Any) -> str:
    return str(value) if value in RELIABILITY else "F"


def parse_date(text: Any) -> date | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return parse_timestamp(text).date() if "T" in text else date.fromisoformat(text[:10])
    except ValueError:
        return None
