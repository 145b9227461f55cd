"""Publications prepared ahead of their time: whether the container is ready to publish.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

One column with a server default: SQLite adds it in place, without copying the table.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "publications",
        sa.Column("container_ready", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        batch.drop_column("container_ready")
