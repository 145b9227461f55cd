"""Instagram's publishing options on a post: a reel's cover image, feed sharing, audio name
and trial, and the collaborators invited (alt text shares the pins' column).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06

Nullable columns only: SQLite adds them in place, without copying the table. Posts made
before ask for none of the options.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("cover_url", "share_to_feed", "audio_name", "trial_params", "collaborators")


def upgrade() -> None:
    op.add_column("posts", sa.Column("cover_url", sa.Text(), nullable=True))
    op.add_column("posts", sa.Column("share_to_feed", sa.Boolean(), nullable=True))
    op.add_column("posts", sa.Column("audio_name", sa.Text(), nullable=True))
    op.add_column("posts", sa.Column("trial_params", sa.JSON(none_as_null=True), nullable=True))
    op.add_column("posts", sa.Column("collaborators", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    # Not in a batch: on SQLite a batch copies the table, and dropping the old ``posts``
    # would take every publication with it. Plain columns are dropped in place.
    for column in reversed(_COLUMNS):
        op.drop_column("posts", column)
