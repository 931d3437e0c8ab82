"""Judgements between entity ids and the clusters they form.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = ("resolution",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("left_id", sa.String(160), nullable=False),
        sa.Column("right_id", sa.String(160), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("score", sa.Float),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reverted_at", sa.DateTime(timezone=True)),
        sa.Column("reverted_by", sa.String(200)),
    )
    op.create_index("ix_judgements_left", "judgements", ["left_id"])
    op.create_index("ix_judgements_right", "judgements", ["right_id"])
    op.create_table(
        "resolver",
        sa.Column("entity_id", sa.String(160), primary_key=True),
        sa.Column("canonical_id", sa.String(160), nullable=False),
    )
    op.create_index("ix_resolver_canonical", "resolver", ["canonical_id"])


def downgrade() -> None:
    op.drop_table("resolver")
    op.drop_table("judgements")
