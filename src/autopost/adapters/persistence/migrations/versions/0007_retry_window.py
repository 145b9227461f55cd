"""Where each publication's window of retries starts: passing failures are retried for a time
past the post's time, no longer a number of times.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08

A nullable column: SQLite adds it in place, without copying the table. A publication written
before it has none: its window starts at its next try (or its time, if that is later).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "publications", sa.Column("retry_from", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        batch.drop_column("retry_from")
