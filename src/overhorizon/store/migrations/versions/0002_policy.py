"""Identity and ownership: organisations, users, need-to-know groups, API tokens; the owning
organisation of every statement and document; copies of a document stored by another reader.

Revision ID: 0002_policy
Revises: 0001
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002_policy"
down_revision = "0001"
branch_labels = ("policy",)
depends_on = None

LOCAL_ORG = "local"


def upgrade() -> None:
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("org", sa.String(64), nullable=False, server_default=LOCAL_ORG))
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("org", sa.String(64), nullable=False, server_default=LOCAL_ORG))
    op.create_table(
        "document_copies",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(8)),
        sa.Column("source", sa.Text),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("reliability", sa.String(1), nullable=False),
        sa.Column("tlp", sa.String(16), nullable=False),
        sa.Column("groups", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_document_copies_document", "document_copies", ["document_id"])
    organisations = op.create_table(
        "organisations",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("local", sa.Boolean, nullable=False),
        sa.Column("max_tlp", sa.String(16), nullable=False),
        sa.Column("max_groups", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("org", sa.String(32), sa.ForeignKey("organisations.name"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("clearance", sa.String(16), nullable=False),
        sa.Column("default_tlp", sa.String(16), nullable=False),
        sa.Column("default_groups", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_users_org", "users", ["org"])
    op.create_table(
        "need_to_know_groups",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("org", sa.String(32), sa.ForeignKey("organisations.name"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "group_members",
        sa.Column(
            "group_name",
            sa.String(64),
            sa.ForeignKey("need_to_know_groups.name", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "user_id",
            sa.String(32),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "user_id", sa.String(32), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_api_tokens_user", "api_tokens", ["user_id"])
    op.bulk_insert(
        organisations,
        [
            {
                "name": LOCAL_ORG,
                "title": "This instance's organisation",
                "local": True,
                "max_tlp": "red",
                "max_groups": "[]",
                "created_at": datetime.now(UTC),
            }
        ],
    )


def downgrade() -> None:
    op.drop_table("api_tokens")
    op.drop_table("group_members")
    op.drop_table("need_to_know_groups")
    op.drop_table("users")
    op.drop_table("organisations")
    op.drop_table("document_copies")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("org")
    with op.batch_alter_table("statements") as batch:
        batch.drop_column("org")
