"""The audit log's tables, on a metadata of their own (migration ``0002_audit``).

``audit_entries`` holds one row per entry with its leaf hash; ``audit_heads`` the signed tree
heads; ``audit_keys`` the public keys that signed them, so anyone can check a head; and the one
row of ``audit_state`` is both the lock that keeps sequence numbers gap-free and the compact
range from which the current root is computed without reading the whole log.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

entries = Table(
    "audit_entries",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("objects", Text, nullable=False),
    Column("details", Text, nullable=False),
    Column("leaf_hash", String(64), nullable=False),
    Index("ix_audit_entries_action", "action"),
    Index("ix_audit_entries_actor", "actor"),
)

keys = Table(
    "audit_keys",
    metadata,
    Column("key_id", String(64), primary_key=True),
    Column("public_key", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

heads = Table(
    "audit_heads",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("tree_size", BigInteger, nullable=False),
    Column("root_hash", String(64), nullable=False),
    Column("signed_at", String(32), nullable=False),
    Column("key_id", String(64), ForeignKey("audit_keys.key_id"), nullable=False),
    Column("signature", String(128), nullable=False),
)

state = Table(
    "audit_state",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("size", BigInteger, nullable=False),
    Column("heads", Integer, nullable=False),
    Column("frontier", Text, nullable=False),
)

STATE_ID = 1
