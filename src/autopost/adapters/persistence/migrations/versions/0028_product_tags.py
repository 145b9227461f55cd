"""Products tagged on an Instagram post.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-06

A nullable column: SQLite adds it in place. Posts made before tag no products.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("posts", sa.Column("product_tags", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    # In place, not in a batch: a batch on SQLite copies ``posts`` and would drop the
    # publications with the old table.
    op.drop_column("posts", "product_tags")
