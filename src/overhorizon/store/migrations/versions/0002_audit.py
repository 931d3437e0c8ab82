"""The tamper-evident audit log: entries, signed tree heads, public keys and the append state.

Revision ID: 0002_audit
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_audit"
down_revision = "0001"
branch_labels = ("audit",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("objects", sa.Text, nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("leaf_hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_entries_action", "audit_entries", ["action"])
    op.create_index("ix_audit_entries_actor", "audit_entries", ["actor"])
    op.create_table(
        "audit_keys",
        sa.Column("key_id", sa.String(64), primary_key=True),
        sa.Column("public_key", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "audit_heads",
        sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("tree_size", sa.BigInteger, nullable=False),
        sa.Column("root_hash", sa.String(64), nullable=False),
        sa.Column("signed_at", sa.String(32), nullable=False),
        sa.Column("key_id", sa.String(64), sa.ForeignKey("audit_keys.key_id"), nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
    )
    state = op.create_table(
        "audit_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("heads", sa.Integer, nullable=False),
        sa.Column("frontier", sa.Text, nullable=False),
    )
    op.bulk_insert(state, [{"id": 1, "size": 0, "heads": 0, "frontier": "[]"}])


def downgrade() -> None:
    op.drop_table("audit_state")
    op.drop_table("audit_heads")
    op.drop_table("audit_keys")
    op.drop_index("ix_audit_entries_actor", "audit_entries")
    op.drop_index("ix_audit_entries_action", "audit_entries")
    op.drop_table("audit_entries")
