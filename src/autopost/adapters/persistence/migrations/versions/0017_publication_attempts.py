"""Each step of work on a publication, for the timeline a post's page shows.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06

A new table: publications published before it have no attempts, and their timeline shows
what the publications themselves record (planned, publishing asked, published, last error).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

def upgrade() -> None:
    op.create_table(
        "publication_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "publication_id",
            sa.Integer(),
            sa.ForeignKey("publications.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("asked", sa.String(length=20), nullable=False),
        sa.Column("answer", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "ix_publication_attempts_publication_id",
        "publication_attempts",
        ["publication_id", "id"],
    )

def downgrade() -> None:
    op.drop_index("ix_publication_attempts_publication_id", table_name="publication_attempts")
    op.drop_table("publication_attempts")
