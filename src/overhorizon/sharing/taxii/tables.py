"""TAXII tables (migration ``0002_taxii``): collection definitions, per-reader snapshots of
each collection's objects, status resources of POSTs, and the client's high-water marks.

Timestamps that TAXII pages on are integers (microseconds since the epoch), so ordering,
``added_after`` and the ``next`` cursor compare exactly on both databases.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

collections = Table(
    "taxii_collections",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("alias", String(64), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("description", Text),
    Column("tlp", String(16), nullable=False),
    Column("groups", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
"""Collections defined by an administrator, beside the built-in ones (one per TLP level and
one per need-to-know group): a collection is a marking cut, ``tlp`` and ``groups``."""

views = Table(
    "taxii_views",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("collection_id", String(36), nullable=False),
    Column("marker", BigInteger, nullable=False),
    Column("last_added", BigInteger, nullable=False),
    Column("built_at", DateTime(timezone=True), nullable=False),
)
"""One snapshot of a collection as one kind of reader sees it. ``marker`` is the audit log's
last write when it was built: a later write makes it stale."""

objects = Table(
    "taxii_objects",
    metadata,
    Column(
        "view_key",
        String(64),
        ForeignKey("taxii_views.key", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("stix_id", String(200), primary_key=True),
    Column("type", String(64), nullable=False),
    Column("version", String(40), nullable=False),
    Column("version_us", BigInteger, nullable=False),
    Column("added_us", BigInteger, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("body", Text, nullable=False),
    Index("ix_taxii_objects_added", "view_key", "added_us", unique=True),
)
"""The current version of each object of a snapshot, as JSON text ready to send;
``added_us`` (unique within a snapshot) is when this content was added to it."""

statuses = Table(
    "taxii_status",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(32), nullable=False),
    Column("collection_id", String(36), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("body", Text, nullable=False),
)
"""The status resource of each POST, readable by the user who posted."""

pulls = Table(
    "taxii_pulls",
    metadata,
    Column("source", String(500), primary_key=True),
    Column("collection_id", String(100), primary_key=True),
    Column("org", String(32), nullable=False),
    Column("added_after", String(40)),
    Column("pulled_at", DateTime(timezone=True), nullable=False),
    Column("objects", BigInteger, nullable=False),
)
"""What this instance pulled from a partner's collection: the high-water mark (the last
``X-TAXII-Date-Added-Last`` received) and how many objects so far."""
