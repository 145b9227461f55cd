"""Pinterest: each account's boards, the OAuth states of connects in progress, and an
account's default board.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

The new column is nullable, so SQLite adds it (and, going down, drops it: SQLite 3.35 or later)
without copying the table.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _time(name: str, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.add_column(
        "credentials", sa.Column("default_board_id", sa.String(length=64), nullable=True)
    )
    op.add_column("credentials", _time("renewing_until", nullable=True))

    op.create_table(
        "boards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        _time("refreshed_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["credentials.id"],
            name="fk_boards_credential_id_credentials",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_boards"),
        sa.UniqueConstraint(
            "credential_id", "board_id", name="uq_boards_credential_id_board_id"
        ),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "oauth_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=30), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("code_verifier", sa.Text(), nullable=True),
        _time("created_at", nullable=False),
        _time("expires_at", nullable=False),
        _time("used_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_oauth_states_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_oauth_states"),
        sa.UniqueConstraint("digest", name="uq_oauth_states_digest"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_oauth_states_expires_at", "oauth_states", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_oauth_states_expires_at", table_name="oauth_states")
    op.drop_table("oauth_states")
    op.drop_table("boards")
    op.drop_column("credentials", "renewing_until")
    op.drop_column("credentials", "default_board_id")
