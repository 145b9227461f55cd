"""When each publication last changed, so that a post's ``updated_at`` tells the truth.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

A nullable column: SQLite adds it in place, without copying the table. Every publication
written since has one; those before it get the last change known of them, their publication
or else their creation.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("publications", sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    # Both columns hold times as the column type stores them, on either database.
    op.execute("UPDATE publications SET updated_at = COALESCE(published_at, created_at)")


def downgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        batch.drop_column("updated_at")
