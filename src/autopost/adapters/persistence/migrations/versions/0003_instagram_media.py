"""Instagram: each account's synced media, and their comments.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-09

Only new tables: SQLite creates and drops them without copying any other table.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _time(name: str, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "instagram_media",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("media_id", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=20), nullable=False),
        sa.Column("media_product_type", sa.String(length=20), nullable=True),
        sa.Column("caption", sa.Text(), nullable=True),
        sa.Column("media_url", sa.Text(), nullable=True),
        sa.Column("thumbnail_url", sa.Text(), nullable=True),
        sa.Column("permalink", sa.Text(), nullable=True),
        _time("timestamp", nullable=False),
        sa.Column("like_count", sa.Integer(), nullable=True),
        sa.Column("comments_count", sa.Integer(), nullable=True),
        sa.Column("children", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        _time("last_seen_at", nullable=False),
        _time("synced_at", nullable=False),
        _time("deleted_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["credentials.id"],
            name="fk_instagram_media_credential_id_credentials",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name="fk_instagram_media_post_id_posts", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_instagram_media"),
        sa.UniqueConstraint(
            "credential_id", "media_id", name="uq_instagram_media_credential_id_media_id"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_instagram_media_timestamp_id", "instagram_media", ["timestamp", "id"])
    op.create_index(
        "ix_instagram_media_credential_id_timestamp_id",
        "instagram_media",
        ["credential_id", "timestamp", "id"],
    )
    op.create_index("ix_instagram_media_post_id", "instagram_media", ["post_id"])

    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("media_pk", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.String(length=64), nullable=False),
        sa.Column("parent_id", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("username", sa.String(length=150), nullable=True),
        _time("timestamp", nullable=False),
        sa.Column("like_count", sa.Integer(), nullable=True),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        _time("deleted_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["media_pk"],
            ["instagram_media.id"],
            name="fk_comments_media_pk_instagram_media",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name="fk_comments_author_id_users", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_comments"),
        sa.UniqueConstraint("comment_id", name="uq_comments_comment_id"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_comments_media_pk_timestamp_id", "comments", ["media_pk", "timestamp", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_comments_media_pk_timestamp_id", table_name="comments")
    op.drop_table("comments")
    op.drop_index("ix_instagram_media_post_id", table_name="instagram_media")
    op.drop_index("ix_instagram_media_credential_id_timestamp_id", table_name="instagram_media")
    op.drop_index("ix_instagram_media_timestamp_id", table_name="instagram_media")
    op.drop_table("instagram_media")
