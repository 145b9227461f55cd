"""The media library: a record for each uploaded file (its bytes are in the media storage).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "library_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "media_format",
            sa.Enum(
                "image/jpeg",
                "image/png",
                "video/mp4",
                "video/quicktime",
                name="media_format",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("storage_key", sa.String(80), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["uploaded_by"],
            ["users.id"],
            name=op.f("fk_library_items_uploaded_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_items")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_library_items_storage_key")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_library_items_uploaded_at"), "library_items", ["uploaded_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_library_items_uploaded_at"), table_name="library_items")
    op.drop_table("library_items")
