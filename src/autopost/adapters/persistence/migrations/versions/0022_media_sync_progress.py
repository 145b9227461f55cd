"""Media syncs resume: where each account's sync stopped part way.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06

A new table only: nothing existing changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "media_sync_progress",
        sa.Column("credential_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["credentials.id"],
            name="fk_media_sync_progress_credential_id_credentials",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("credential_id", name="pk_media_sync_progress"),
    )


def downgrade() -> None:
    op.drop_table("media_sync_progress")
