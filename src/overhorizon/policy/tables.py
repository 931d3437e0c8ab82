"""Identity tables (migration ``0002_policy``): organisations, users, need-to-know groups,
memberships and API tokens. Passwords and tokens are stored only as hashes."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
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

organisations = Table(
    "organisations",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("title", Text),
    Column("local", Boolean, nullable=False),
    Column("max_tlp", String(16), nullable=False),
    Column("max_groups", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
"""``max_tlp`` and ``max_groups`` are the most this organisation may receive of what others
own (its maximum shareable marking); ``local`` marks the one that runs the instance."""

users = Table(
    "users",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("org", String(32), ForeignKey("organisations.name"), nullable=False),
    Column("role", String(16), nullable=False),
    Column("clearance", String(16), nullable=False),
    Column("default_tlp", String(16), nullable=False),
    Column("default_groups", Text, nullable=False),
    Column("password_hash", Text),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_users_org", "org"),
)
"""``default_tlp`` and ``default_groups`` are the least marking of whatever the user writes."""

groups = Table(
    "need_to_know_groups",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("org", String(32), ForeignKey("organisations.name"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
"""Group names are unique across organisations: a statement's marking names its groups."""

members = Table(
    "group_members",
    metadata,
    Column(
        "group_name",
        String(64),
        ForeignKey("need_to_know_groups.name", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("user_id", String(32), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("user_id", String(32), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Index("ix_api_tokens_user", "user_id"),
)
"""``token_hash`` is the SHA-256 of the token: tokens are random, so a plain hash suffices."""
