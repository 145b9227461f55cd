"""Each account's weekly posting slots, in its own time zone.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06

A new table: nothing that exists changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "posting_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("slots", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["credentials.id"],
            name="fk_posting_schedules_credential_id_credentials",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_posting_schedules"),
        sa.UniqueConstraint("credential_id", name="uq_posting_schedules_credential_id"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("posting_schedules")
