"""Alembic's environment. Normally run by ``autopost.adapters.persistence.migrate``, which
passes an open connection in ``config.attributes["connection"]``; otherwise it connects to
``sqlalchemy.url`` or, failing that, ``AUTOPOST_DATABASE_URL``."""

from __future__ import annotations

import asyncio
import os
from typing import Any, Literal

import sqlalchemy as sa
from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from autopost.adapters.persistence.engine import create_engine
from autopost.adapters.persistence.mappings import map_tables
from autopost.adapters.persistence.tables import metadata
from autopost.adapters.persistence.types import UtcDateTime

config = context.config
map_tables()


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("AUTOPOST_DATABASE_URL")
    if not url:
        raise RuntimeError("no database: set sqlalchemy.url or AUTOPOST_DATABASE_URL")
    return url


def render_item(kind: str, item: Any, _context: AutogenContext) -> str | Literal[False]:
    """Revisions name plain SQLAlchemy types, never our Python classes, so that they stay
    valid when those classes change."""
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    if kind == "type" and isinstance(item, sa.Enum) and not item.native_enum:
        return f"sa.String(length={item.length})"
    return False


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite alters a table by copying it; later revisions need batch operations there.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_on_own_connection() -> None:
    engine = create_engine(_url())
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_migrations)
    finally:
        await engine.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        target_metadata=metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    shared = config.attributes.get("connection")
    if shared is None:
        asyncio.run(run_migrations_on_own_connection())
    else:
        run_migrations(shared)
