"""One post to many accounts: each publication may hold its account's own content.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06

A nullable column: SQLite adds it in place. Publications made before publish their post's
content, as they always did.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("publications", sa.Column("content", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        batch.drop_column("content")
