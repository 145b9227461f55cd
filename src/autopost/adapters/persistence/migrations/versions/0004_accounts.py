"""Accounts: groups (the four roles), profile fields, sessions, integration keys, sign-in
throttling and the audit log.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Every user that exists when this runs is put in Observers (read-only), as a new user is; a
superuser stays an administrator whatever its groups.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPS = ((1, "Administrators"), (2, "Publishers"), (3, "Contributors"), (4, "Observers"))
OBSERVERS = 4

_USER_COLUMNS = (
    ("telegram_username", sa.String(length=64), ""),
    ("active_system", sa.String(length=16), "sandbox"),
    ("interviewer_calendar_url", sa.String(length=500), ""),
    ("huntflow_prod_url", sa.String(length=500), ""),
    ("huntflow_sandbox_url", sa.String(length=500), ""),
)


def _time(name: str, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _user_fk(table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["user_id"] if table != "audit_log" else ["actor_id"],
        ["users.id"],
        name=f"fk_{table}_{'actor_id' if table == 'audit_log' else 'user_id'}_users",
        ondelete=ondelete,
    )


def upgrade() -> None:
    for name, type_, default in _USER_COLUMNS:
        op.add_column("users", sa.Column(name, type_, nullable=False, server_default=default))
    op.add_column(
        "users",
        sa.Column("is_observer_active", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "api_tokens", sa.Column("name", sa.String(length=100), nullable=False, server_default="")
    )
    op.add_column("api_tokens", _time("last_used_at", nullable=True))
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])

    groups = op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_groups"),
        sa.UniqueConstraint("name", name="uq_groups_name"),
        sqlite_autoincrement=True,
    )
    assert groups is not None
    op.bulk_insert(groups, [{"id": i, "name": n} for i, n in GROUPS])
    op.create_table(
        "user_groups",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        _user_fk("user_groups", "CASCADE"),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name="fk_user_groups_group_id_groups", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "group_id", name="pk_user_groups"),
    )
    op.create_index("ix_user_groups_group_id", "user_groups", ["group_id"])
    op.execute(
        sa.text(f"INSERT INTO user_groups (user_id, group_id) SELECT id, {OBSERVERS} FROM users")
    )

    op.create_table(
        "login_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        _time("created_at", nullable=False),
        _time("expires_at", nullable=False),
        _user_fk("login_sessions", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_login_sessions"),
        sa.UniqueConstraint("digest", name="uq_login_sessions_digest"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_login_sessions_user_id", "login_sessions", ["user_id"])
    op.create_index("ix_login_sessions_expires_at", "login_sessions", ["expires_at"])

    op.create_table(
        "user_secrets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("sealed", sa.Text(), nullable=False),
        _time("updated_at", nullable=False),
        _user_fk("user_secrets", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_user_secrets"),
        sa.UniqueConstraint("user_id", "name", name="uq_user_secrets_user_id_name"),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        _time("window_started_at", nullable=False),
        _time("locked_until", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_login_failures"),
        sa.UniqueConstraint("key", name="uq_login_failures_key"),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        _time("at", nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=150), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("resource", sa.String(length=30), nullable=False),
        sa.Column("resource_id", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        _user_fk("audit_log", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_log_at_id", "audit_log", ["at", "id"])


def downgrade() -> None:
    for table in (
        "audit_log",
        "login_failures",
        "user_secrets",
        "login_sessions",
        "user_groups",
        "groups",
    ):
        op.drop_table(table)
    op.drop_index("ix_api_tokens_user_id", table_name="api_tokens")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("last_used_at")
        batch.drop_column("name")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("is_observer_active")
        for name, _, _ in reversed(_USER_COLUMNS):
            batch.drop_column(name)
