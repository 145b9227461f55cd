"""When a publication's message may be sent again if the publication is still not taken.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

A nullable column: SQLite adds it in place, without copying the table. A publication whose
message was sent before it has none, and is sent again once overdue, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "publications", sa.Column("resend_after", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        batch.drop_column("resend_after")
