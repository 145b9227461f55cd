"""The migrations build exactly the schema the code maps."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.engine import async_url
from autopost.adapters.persistence.migrate import alembic_config, upgrade_database_async
from autopost.adapters.persistence.tables import metadata

pytestmark = pytest.mark.integration


def differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def test_migrations_build_exactly_the_mapped_schema(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_upgrading_again_changes_nothing(engine: AsyncEngine) -> None:
    await upgrade_database_async(engine)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    async with engine.connect() as connection:
        assert await connection.run_sync(current_revision) == head == "0001"
        assert await connection.run_sync(differences) == []


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///var/autopost.sqlite3", "sqlite+aiosqlite:///var/autopost.sqlite3"),
        ("sqlite:////abs/db.sqlite3", "sqlite+aiosqlite:////abs/db.sqlite3"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("postgresql://u:p%40ss@db:5432/app", "postgresql+asyncpg://u:p%40ss@db:5432/app"),
        ("postgres://u@db/app?ssl=require", "postgresql+asyncpg://u@db/app?ssl=require"),
        ("postgresql+asyncpg://u@db/app", "postgresql+asyncpg://u@db/app"),
        ("postgresql+psycopg://u@db/app", "postgresql+psycopg://u@db/app"),
    ],
)
def test_async_url_names_the_async_driver(given: str, expected: str) -> None:
    assert async_url(given) == expected
