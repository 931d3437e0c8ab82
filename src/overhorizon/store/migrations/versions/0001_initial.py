"""Documents, statements, metadata and full-text search.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
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
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("entity_id", sa.String(160), nullable=False),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("prop", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("value_key", sa.Text),
        sa.Column("origin", sa.String(200), nullable=False),
        sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE")),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("reliability", sa.String(1), nullable=False),
        sa.Column("asserted_by", sa.Text),
        sa.Column("tlp", sa.String(16), nullable=False),
        sa.Column("groups", sa.Text, nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_statements_entity", "statements", ["entity_id"])
    op.create_index("ix_statements_document", "statements", ["document_id"])
    op.create_index("ix_statements_schema", "statements", ["schema"])
    op.create_index("ix_statements_value_key", "statements", ["value_key"])
    op.create_table(
        "overhorizon_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "document_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE VIRTUAL TABLE names_fts USING fts5("
            "statement_id UNINDEXED, entity_id UNINDEXED, name, "
            "tokenize='unicode61 remove_diacritics 2')"
        )
    else:
        op.execute(
            "CREATE INDEX ix_documents_fts ON documents USING gin "
            "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"
        )
        op.execute(
            "CREATE INDEX ix_statements_names_fts ON statements USING gin "
            "(to_tsvector('simple', value)) WHERE prop IN ('name', 'alias')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE names_fts")
        op.execute("DROP TABLE documents_fts")
    op.drop_table("overhorizon_meta")
    op.drop_table("statements")
    op.drop_table("documents")
