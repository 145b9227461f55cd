"""``INSERT … ON CONFLICT`` in the dialect of the session's database."""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

# Both spell the upsert the same way (``on_conflict_do_update``, ``excluded``).
DialectInsert = sqlite.Insert | postgresql.Insert


def dialect_insert(session: AsyncSession, table: Table) -> DialectInsert:
    return insert_in(session.get_bind().dialect.name, table)


def insert_in(dialect: str, table: Table) -> DialectInsert:
    """The INSERT of ``table`` in the dialect of that name (``sqlite``, ``postgresql``)."""
    if dialect == "sqlite":
        return sqlite.insert(table)
    if dialect == "postgresql":
        return postgresql.insert(table)
    raise NotImplementedError(f"no upsert for the {dialect} database")
