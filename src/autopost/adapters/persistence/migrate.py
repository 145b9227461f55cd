"""Alembic ``upgrade head`` from code: no alembic.ini is needed at run time."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.engine import create_engine

MIGRATIONS = Path(__file__).with_name("migrations")

# Any constant shared by every Autopost process: migrations run one at a time on PostgreSQL.
_MIGRATION_LOCK = 0x6175746F706F7374  # "autopost"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    # The option is read through ConfigParser interpolation, where % is special.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Several processes may start at once; SQLite's BEGIN IMMEDIATE already serializes.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
    command.upgrade(alembic_config(connection), "head")


async def upgrade_database_async(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade)


def upgrade_database(url: str) -> None:
    """Migrate the database at ``url`` to the latest revision. Not from a running event loop."""
    asyncio.run(_upgrade_url(url))


async def _upgrade_url(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade_database_async(engine)
    finally:
        await engine.dispose()
