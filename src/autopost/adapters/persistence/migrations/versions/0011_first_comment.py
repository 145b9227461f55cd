"""An Instagram post's first comment, and where its writing is on each publication.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

Nullable columns, and a counter with a default: SQLite adds them in place, without copying
the tables. Posts and publications made before have no first comment.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PUBLICATION_COLUMNS = (
    "first_comment_status",
    "first_comment_requested_at",
    "first_comment_attempts",
    "first_comment_id",
    "first_comment_error",
)


def upgrade() -> None:
    op.add_column("posts", sa.Column("first_comment", sa.Text(), nullable=True))
    op.add_column(
        "publications", sa.Column("first_comment_status", sa.String(length=20), nullable=True)
    )
    op.add_column(
        "publications",
        sa.Column("first_comment_requested_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.add_column(
        "publications",
        sa.Column("first_comment_attempts", sa.Integer(), nullable=False, server_default="0"),
    )
    op.add_column(
        "publications", sa.Column("first_comment_id", sa.String(length=64), nullable=True)
    )
    op.add_column("publications", sa.Column("first_comment_error", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        for column in _PUBLICATION_COLUMNS:
            batch.drop_column(column)
    # Not in a batch: on SQLite a batch copies the table, and dropping the old ``posts``
    # would take every publication with it (their foreign key deletes in cascade). A plain
    # column is dropped in place (SQLite 3.35 and later).
    op.drop_column("posts", "first_comment")
