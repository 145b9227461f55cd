"""Pinterest in depth: each account's board sections cached with its boards, the section a
pin (and a recurring pin's every occurrence) goes to, and a multi-image pin's images.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06

The new columns are nullable: SQLite adds them in place, without copying the table. Pins made
before go to a board without a section and have one image.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "board_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.String(length=64), nullable=False),
        sa.Column("section_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["credentials.id"],
            name="fk_board_sections_credential_id_credentials",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_board_sections"),
        sa.UniqueConstraint(
            "credential_id",
            "board_id",
            "section_id",
            name="uq_board_sections_credential_id_board_id_section_id",
        ),
        sqlite_autoincrement=True,
    )
    op.add_column(
        "publications", sa.Column("board_section_id", sa.String(length=64), nullable=True)
    )
    op.add_column(
        "post_series", sa.Column("board_section_id", sa.String(length=64), nullable=True)
    )
    op.add_column("posts", sa.Column("images", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    # Not in a batch: on SQLite a batch copies the table, and dropping the old ``posts``
    # would take every publication with it. Plain columns are dropped in place.
    op.drop_column("posts", "images")
    op.drop_column("post_series", "board_section_id")
    op.drop_column("publications", "board_section_id")
    op.drop_table("board_sections")
