"""Rows to objects and back: statements and documents as the tables hold them."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from overhorizon.model.document import Document
from overhorizon.model.statement import Statement, make_id
from overhorizon.model.types import name_key
from overhorizon.policy.clearance import LOCAL_ORG


def aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def groups_json(groups: frozenset[str]) -> str:
    return json.dumps(sorted(groups))


def load_groups(raw: str) -> frozenset[str]:
    return frozenset(json.loads(raw)) if raw else frozenset()


def row_id(statement_id: str, org: str) -> str:
    """The key of a statement's row. Each organisation holds its own row of a fact, so that
    storing what another organisation already holds neither fails nor reveals that it does;
    the local organisation's rows keep the statement's own id."""
    return statement_id if org == LOCAL_ORG else make_id(statement_id, org)


def copy_id(document_id: str, org: str, tlp: str, groups: frozenset[str]) -> str:
    return "copy-" + make_id(document_id, org, tlp, groups_json(groups))


def value_key(stmt: Statement, refs: frozenset[str]) -> str | None:
    if stmt.prop in ("name", "alias"):
        return name_key(stmt.value) or None
    if stmt.prop in refs:
        return stmt.value
    return None


def statement_row(stmt: Statement, refs: frozenset[str], org: str) -> dict[str, Any]:
    return {
        "id": row_id(stmt.id, org),
        "entity_id": stmt.entity_id,
        "schema": stmt.schema,
        "prop": stmt.prop,
        "value": stmt.value,
        "value_key": value_key(stmt, refs),
        "origin": stmt.origin,
        "document_id": stmt.document_id,
        "span_start": stmt.span_start,
        "span_end": stmt.span_end,
        "confidence": stmt.confidence,
        "reliability": stmt.reliability,
        "asserted_by": stmt.asserted_by,
        "tlp": stmt.tlp,
        "groups": groups_json(stmt.groups),
        "first_seen": stmt.first_seen,
        "last_seen": stmt.last_seen,
        "org": org,
    }


def statement(row: Any) -> Statement:
    return Statement(
        entity_id=row["entity_id"],
        schema=row["schema"],
        prop=row["prop"],
        value=row["value"],
        origin=row["origin"],
        document_id=row["document_id"],
        span_start=row["span_start"],
        span_end=row["span_end"],
        confidence=row["confidence"],
        reliability=row["reliability"],
        asserted_by=row["asserted_by"],
        tlp=row["tlp"],
        groups=load_groups(row["groups"]),
        first_seen=aware(row["first_seen"]),
        last_seen=aware(row["last_seen"]),
    )


def metadata_row(document: Document, org: str) -> dict[str, Any]:
    """What a document row and a copy row share: everything but the text."""
    return {
        "title": document.title,
        "publisher": document.publisher,
        "url": document.url,
        "published": document.published,
        "language": document.language,
        "source": document.source,
        "media_type": document.media_type,
        "reliability": document.reliability,
        "tlp": document.tlp,
        "groups": groups_json(document.groups),
        "ingested_at": document.ingested_at,
        "org": org,
    }


def document(row: Any, text: str | None = None) -> Document:
    """A document from its row, or from a copy's row and the shared ``text``."""
    published = row["published"]
    return Document(
        text=row["text"] if text is None else text,
        title=row["title"],
        publisher=row["publisher"],
        url=row["url"],
        published=published if isinstance(published, date) or published is None else None,
        language=row["language"],
        source=row["source"],
        media_type=row["media_type"],
        reliability=row["reliability"],
        tlp=row["tlp"],
        groups=load_groups(row["groups"]),
        ingested_at=aware(row["ingested_at"]),
    )
