"""Drafts and approval: a draft may have no time yet, a reviewer's comment on a post sent
back, and the accounts whose Contributors' posts wait for approval.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

The new statuses (``draft``, ``awaiting_approval``, ``returned``) need no change: statuses are
kept as text. The two new columns are added in place; making ``publish_at`` nullable copies
``publications`` on SQLite (no other table refers to it). Downgrading cancels the held posts
(the older version knows no such status, and must not publish them) and gives a draft
without a time the moment it last changed.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_HELD = ("draft", "awaiting_approval", "returned")


def upgrade() -> None:
    op.add_column("publications", sa.Column("review_comment", sa.Text(), nullable=True))
    op.add_column(
        "credentials",
        sa.Column("requires_approval", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    with op.batch_alter_table("publications") as batch:
        batch.alter_column(
            "publish_at", existing_type=sa.DateTime(timezone=True), nullable=True
        )


def downgrade() -> None:
    publications = sa.table(
        "publications",
        sa.column("status", sa.String()),
        sa.column("publish_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    op.execute(
        publications.update()
        .where(publications.c.publish_at.is_(None))
        .values(publish_at=sa.func.coalesce(publications.c.updated_at, publications.c.created_at))
    )
    op.execute(
        publications.update()
        .where(publications.c.status.in_(_HELD))
        .values(status="cancelled")
    )
    with op.batch_alter_table("publications") as batch:
        batch.alter_column(
            "publish_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch.drop_column("review_comment")
    # Not in a batch: on SQLite a batch copies the table, and dropping the old ``credentials``
    # would take every board with it (their foreign key deletes in cascade).
    op.drop_column("credentials", "requires_approval")
