"""Recurring posts: the series, and on each post the series and time it was made for.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06

A new table, and nullable columns (and a flag with a default) on ``posts``, which SQLite adds
in place; the unique index on (series_id, occurrence_at) is what keeps an occurrence from
being made twice. Posts made before belong to no series.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("posts", sa.Column("series_id", sa.Integer(), nullable=True))
    op.add_column("posts", sa.Column("occurrence_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "posts",
        sa.Column("edited_alone", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index(
        "ix_posts_series_id_occurrence_at",
        "posts",
        ["series_id", "occurrence_at"],
        unique=True,
    )
    op.create_table(
        "post_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_post_id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("board_id", sa.String(length=64), nullable=True),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("frequency", sa.String(length=20), nullable=True),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("weekdays", sa.String(length=40), nullable=False),
        sa.Column("rrule", sa.Text(), nullable=True),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("materialised_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["template_post_id"],
            ["posts.id"],
            name="fk_post_series_template_post_id_posts",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["credential_id"], ["credentials.id"], name="fk_post_series_credential_id_credentials"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name="fk_post_series_owner_id_users", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_post_series"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_post_series_status_materialised_until",
        "post_series",
        ["status", "materialised_until"],
    )


def downgrade() -> None:
    op.drop_index("ix_post_series_status_materialised_until", table_name="post_series")
    op.drop_table("post_series")
    op.drop_index("ix_posts_series_id_occurrence_at", table_name="posts")
    # Not in a batch: on SQLite a batch copies ``posts``, and dropping the old one would take
    # every publication with it (their foreign key deletes in cascade).
    op.drop_column("posts", "edited_alone")
    op.drop_column("posts", "occurrence_at")
    op.drop_column("posts", "series_id")
