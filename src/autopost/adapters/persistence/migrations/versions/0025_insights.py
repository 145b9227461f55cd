"""Insights: a row per media, account and published pin per day collected.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06

New tables only: nothing existing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _owner(name: str, table: str, referred: str) -> list[Any]:
    return [
        sa.Column(name, sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            [name], [f"{referred}.id"], name=f"fk_{table}_{name}_{referred}", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint(name, "day", name=f"pk_{table}"),
    ]


def _collected() -> sa.Column[datetime]:
    return sa.Column("collected_at", sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "media_insights",
        *_owner("media_pk", "media_insights", "instagram_media"),
        sa.Column("views", sa.BigInteger(), nullable=True),
        sa.Column("reach", sa.BigInteger(), nullable=True),
        sa.Column("likes", sa.Integer(), nullable=True),
        sa.Column("comments", sa.Integer(), nullable=True),
        sa.Column("shares", sa.Integer(), nullable=True),
        sa.Column("saved", sa.Integer(), nullable=True),
        sa.Column("total_interactions", sa.Integer(), nullable=True),
        sa.Column("reels_avg_watch_time_ms", sa.Integer(), nullable=True),
        sa.Column("reels_watch_time_ms", sa.BigInteger(), nullable=True),
        _collected(),
    )
    op.create_table(
        "account_insights",
        *_owner("credential_id", "account_insights", "credentials"),
        sa.Column("followers_count", sa.Integer(), nullable=True),
        sa.Column("online_followers", sa.JSON(none_as_null=True), nullable=True),
        _collected(),
    )
    op.create_table(
        "pin_insights",
        *_owner("publication_id", "pin_insights", "publications"),
        sa.Column("impressions", sa.BigInteger(), nullable=True),
        sa.Column("saves", sa.Integer(), nullable=True),
        sa.Column("pin_clicks", sa.Integer(), nullable=True),
        sa.Column("outbound_clicks", sa.Integer(), nullable=True),
        _collected(),
    )


def downgrade() -> None:
    op.drop_table("pin_insights")
    op.drop_table("account_insights")
    op.drop_table("media_insights")
