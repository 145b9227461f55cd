"""Users, API tokens, credentials, posts and their scheduled publications.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Times are ``DateTime(timezone=True)`` (the UtcDateTime column type stores UTC in them) and
enums are plain strings of at most 20 characters, so adding an enum member needs no migration.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _time(name: str, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=150), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("first_name", sa.String(length=150), nullable=False),
        sa.Column("last_name", sa.String(length=150), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_staff", sa.Boolean(), nullable=False),
        sa.Column("is_superuser", sa.Boolean(), nullable=False),
        _time("date_joined", nullable=False),
        _time("last_login", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_users_email", "users", ["email"])

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _time("created_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_api_tokens_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("digest", name="uq_api_tokens_digest"),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "credentials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("account_id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=150), nullable=True),
        sa.Column("access_token", sa.Text(), nullable=False),
        sa.Column("refresh_token", sa.Text(), nullable=True),
        _time("expires_at", nullable=True),
        sa.Column("scopes", sa.Text(), nullable=True),
        sa.Column("environment", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        _time("created_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name="fk_credentials_owner_id_users", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_credentials"),
        sa.UniqueConstraint(
            "platform", "account_id", name="uq_credentials_platform_account_id"
        ),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("content_type", sa.String(length=20), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("caption", sa.Text(), nullable=True),
        sa.Column("location_id", sa.String(length=64), nullable=True),
        sa.Column("user_tags", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("thumb_offset", sa.Integer(), nullable=True),
        sa.Column("children", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("title", sa.String(length=255), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("alt_text", sa.Text(), nullable=True),
        sa.Column("topic", sa.String(length=255), nullable=True),
        sa.Column("answers", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        _time("created_at", nullable=False),
        _time("updated_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name="fk_posts_owner_id_users", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_posts"),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        _time("publish_at", nullable=False),
        _time("next_run_at", nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("polling", sa.Boolean(), nullable=False),
        sa.Column("container_id", sa.String(length=64), nullable=True),
        _time("publish_requested_at", nullable=True),
        sa.Column("remote_id", sa.String(length=64), nullable=True),
        sa.Column("permalink", sa.Text(), nullable=True),
        sa.Column("board_id", sa.String(length=64), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        _time("published_at", nullable=True),
        sa.Column("dispatched_version", sa.Integer(), nullable=True),
        _time("created_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["credentials.id"],
            name="fk_publications_credential_id_credentials",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name="fk_publications_post_id_posts", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_publications"),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_publications_status_next_run_at", "publications", ["status", "next_run_at"]
    )
    op.create_index(
        "ix_publications_credential_id_published_at",
        "publications",
        ["credential_id", "published_at"],
    )
    op.create_index("ix_publications_post_id", "publications", ["post_id"])


def downgrade() -> None:
    op.drop_table("publications")
    op.drop_table("posts")
    op.drop_table("credentials")
    op.drop_table("api_tokens")
    op.drop_index("ix_users_email", table_name="users")
    op.drop_table("users")
