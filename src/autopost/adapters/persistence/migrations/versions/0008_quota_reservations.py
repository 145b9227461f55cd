"""Places held in an account's publishing quota, so that two workers cannot take the last one.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08

One column with a server default: SQLite adds it in place, without copying the table. Before
it, a publication with a container was counted against the quota from its container on; such
publications that are still to be published hold their place from now on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "publications",
        sa.Column("quota_reserved", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.execute(
        "UPDATE publications SET quota_reserved = TRUE "
        "WHERE status IN ('scheduled', 'processing') AND container_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        batch.drop_column("quota_reserved")
