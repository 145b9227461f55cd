"""Publications found by their time: on one account (the crowding warnings, the queue) and
across accounts (the calendar).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06

Without them each of those reads went through every publication of the account, or of the
database: a cost that grew with the posts kept, not with the posts asked for.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_publications_credential_id_publish_at", "publications", ["credential_id", "publish_at"]
    )
    op.create_index("ix_publications_publish_at", "publications", ["publish_at"])


def downgrade() -> None:
    op.drop_index("ix_publications_publish_at", table_name="publications")
    op.drop_index("ix_publications_credential_id_publish_at", table_name="publications")
