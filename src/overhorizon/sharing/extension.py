"""The overhorizon STIX extension: what STIX 2.1 has no property for, carried in the objects.

One extension definition, of type ``property-extension``, so every object stays a standard
STIX object that any tool can read; the extension adds, under ``extensions[EXTENSION_ID]``:

- on a domain or relationship object: ``entity_id`` and ``schema`` (the ontology's id and
  type), ``statements`` (every exported statement with its value, provenance and source
  sentence: conflicting values such as two tolls are simply two entries, each with its
  source), ``figures`` (the headline ``min``/``max`` of each count, such as killed), and
  ``responsibility`` or ``claim_status`` (claimed, attributed or suspected);
- on a report: ``document`` (the source document's metadata; its text is the description);
- on a marking definition: ``need_to_know`` (the name of a need-to-know group).

Events stay ``incident`` objects rather than a new object type, because partners' tools show
an incident they have never heard of our extension for, and would drop an unknown type.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from overhorizon.model.statement import Statement

EXTENSION_ID = "extension-definition--4ed996fd-10e1-48fa-bd9f-6723a5b8f267"
PROJECT_IDENTITY_ID = "identity--1e0223ac-8d45-4736-9ffe-da4beba90a0a"
DEFINED = "2025-01-01T00:00:00.000Z"
"""When the extension (version 1.0.0) and the project's marking definitions were defined."""

EXTENSION_PATH = f"extensions.{EXTENSION_ID}"
"""The granular-marking selector of the extension's block in an object."""

IMPORT_PREFIX = "import:stix:"

_SCHEMA_TEXT = (
    "overhorizon statements, version 1.0.0, described in docs/stix.md of the overhorizon "
    "project. Domain and relationship objects: entity_id (string), schema (string), "
    "statements (list of {prop, value, origin, confidence 0..1, reliability A-F, first_seen, "
    "last_seen, optional schema, asserted_by and source {report_ref, span [start, end], "
    "sentence}}), headline ({count property: {min, max}, category property: value}), "
    "responsibility ({claim_status, actor_ref}), claim_status (claimed | attributed | "
    "suspected). Reports: document "
    "({title, publisher, url, published, language, media_type, reliability}). Marking "
    "definitions: need_to_know (group name)."
)


def project_identity() -> dict[str, Any]:
    """The identity that defines the extension (the overhorizon project, not an agency)."""
    return {
        "type": "identity",
        "spec_version": "2.1",
        "id": PROJECT_IDENTITY_ID,
        "created": DEFINED,
        "modified": DEFINED,
        "name": "overhorizon project",
        "identity_class": "organization",
    }


def extension_definition() -> dict[str, Any]:
    return {
        "type": "extension-definition",
        "spec_version": "2.1",
        "id": EXTENSION_ID,
        "created_by_ref": PROJECT_IDENTITY_ID,
        "created": DEFINED,
        "modified": DEFINED,
        "name": "overhorizon statements",
        "description": (
            "Sourced statements behind each object (value, provenance, source sentence and "
            "span), headline casualty figures as min/max, claim status, and need-to-know "
            "group markings."
        ),
        "schema": _SCHEMA_TEXT,
        "version": "1.0.0",
        "extension_types": ["property-extension"],
    }


def block(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The ``extensions`` property of an object carrying ``fields``."""
    return {EXTENSION_ID: {"extension_type": "property-extension", **fields}}


def fields_of(obj: Mapping[str, Any]) -> dict[str, Any] | None:
    """The extension's fields in ``obj``, or None when the object does not carry it."""
    found = (obj.get("extensions") or {}).get(EXTENSION_ID)
    return dict(found) if isinstance(found, Mapping) else None


def entry_path(index: int) -> str:
    return f"{EXTENSION_PATH}.statements.[{index}]"


def timestamp(when: datetime) -> str:
    """A STIX timestamp in UTC with microseconds, so statement times survive the trip."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(text: str) -> datetime:
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def upstream_origin(origin: str) -> str:
    """Who first asserted a statement: an import's origin without the hop that brought it.

    Imported statements are stored as ``import:stix:PRODUCER/UPSTREAM``; exporting them again
    names the upstream origin, so a fact keeps its first author however often it travels.
    """
    if origin.startswith(IMPORT_PREFIX) and "/" in origin:
        return origin.split("/", 1)[1]
    return origin


def import_origin(producer: str, upstream: str | None) -> str:
    """The origin of an imported statement: always an import, never the upstream's tier."""
    base = f"{IMPORT_PREFIX}{producer}"
    return f"{base}/{upstream_origin(upstream)}" if upstream else base


def encode_entry(stmt: Statement, value: str, object_schema: str) -> dict[str, Any]:
    """One statement as an entry of ``statements`` (its source is added by the caller)."""
    entry: dict[str, Any] = {
        "prop": stmt.prop,
        "value": value,
        "origin": upstream_origin(stmt.origin),
        "confidence": stmt.confidence,
        "reliability": stmt.reliability,
        "first_seen": timestamp(stmt.first_seen),
        "last_seen": timestamp(stmt.last_seen),
    }
    if stmt.schema != object_schema:
        entry["schema"] = stmt.schema
    if stmt.asserted_by is not None:
        entry["asserted_by"] = stmt.asserted_by
    return entry
