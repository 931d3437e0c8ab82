"""TAXII: collection definitions, per-reader snapshots of collections, POST status resources
and the client's high-water marks.

Revision ID: 0002_taxii
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_taxii"
down_revision = "0001"
branch_labels = ("taxii",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "taxii_collections",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("alias", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("tlp", sa.String(16), nullable=False),
        sa.Column("groups", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "taxii_views",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("collection_id", sa.String(36), nullable=False),
        sa.Column("marker", sa.BigInteger, nullable=False),
        sa.Column("last_added", sa.BigInteger, nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "taxii_objects",
        sa.Column(
            "view_key",
            sa.String(64),
            sa.ForeignKey("taxii_views.key", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("stix_id", sa.String(200), primary_key=True),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("version_us", sa.BigInteger, nullable=False),
        sa.Column("added_us", sa.BigInteger, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_taxii_objects_added", "taxii_objects", ["view_key", "added_us"], unique=True
    )
    op.create_table(
        "taxii_status",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("collection_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_table(
        "taxii_pulls",
        sa.Column("source", sa.String(500), primary_key=True),
        sa.Column("collection_id", sa.String(100), primary_key=True),
        sa.Column("org", sa.String(32), nullable=False),
        sa.Column("added_after", sa.String(40)),
        sa.Column("pulled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("objects", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("taxii_pulls")
    op.drop_table("taxii_status")
    op.drop_index("ix_taxii_objects_added", "taxii_objects")
    op.drop_table("taxii_objects")
    op.drop_table("taxii_views")
    op.drop_table("taxii_collections")
