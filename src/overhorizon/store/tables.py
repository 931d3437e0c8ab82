"""The tables every database holds. They are generic (one row per statement), so adding a
property to the ontology changes no table; the per-type views in ``views.py`` follow the model.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from overhorizon.policy.clearance import LOCAL_ORG

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("publisher", Text),
    Column("url", Text),
    Column("published", Date),
    Column("language", String(8)),
    Column("source", Text),
    Column("media_type", String(100), nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("tlp", String(16), nullable=False),
    Column("groups", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("text", Text, nullable=False),
    Column("org", String(64), nullable=False, server_default=LOCAL_ORG),
)
"""``org`` owns the document: the organisation of whoever stored it first."""

document_copies = Table(
    "document_copies",
    metadata,
    Column("id", String(64), primary_key=True),
    Column(
        "document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("org", String(64), nullable=False),
    Column("title", Text),
    Column("publisher", Text),
    Column("url", Text),
    Column("published", Date),
    Column("language", String(8)),
    Column("source", Text),
    Column("media_type", String(100), nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("tlp", String(16), nullable=False),
    Column("groups", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_document_copies_document", "document_id"),
)
"""The same content stored again by someone who may not see the first copy: their own
metadata and markings over the shared text, so storing it neither fails nor tells them that
a hidden copy exists."""

statements = Table(
    "statements",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("entity_id", String(160), nullable=False),
    Column("schema", String(64), nullable=False),
    Column("prop", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("value_key", Text),
    Column("origin", String(200), nullable=False),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE")),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("confidence", Float, nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("asserted_by", Text),
    Column("tlp", String(16), nullable=False),
    Column("groups", Text, nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("org", String(64), nullable=False, server_default=LOCAL_ORG),
    Index("ix_statements_entity", "entity_id"),
    Index("ix_statements_document", "document_id"),
    Index("ix_statements_schema", "schema"),
    Index("ix_statements_value_key", "value_key"),
)

meta = Table(
    "overhorizon_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

judgements = Table(
    "judgements",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("left_id", String(160), nullable=False),
    Column("right_id", String(160), nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("author", String(200), nullable=False),
    Column("reason", Text),
    Column("score", Float),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("reverted_at", DateTime(timezone=True)),
    Column("reverted_by", String(200)),
    Index("ix_judgements_left", "left_id"),
    Index("ix_judgements_right", "right_id"),
)
"""Resolution decisions between two entity ids (same, not_same, unsure), never deleted:
undoing one sets ``reverted_at``."""

resolver = Table(
    "resolver",
    metadata,
    Column("entity_id", String(160), primary_key=True),
    Column("canonical_id", String(160), nullable=False),
    Index("ix_resolver_canonical", "canonical_id"),
)
"""Each member of a cluster of two or more ids and the id the cluster is read under; kept in
step with ``judgements`` in the same transaction."""
