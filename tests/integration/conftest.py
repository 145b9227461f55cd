"""Real databases for integration tests: every test that asks for ``database_url`` (or
``engine``, ``uow_factory``) runs twice, on a fresh SQLite file and on PostgreSQL.

PostgreSQL: a database ``autopost_it_<random>`` is created on the server named by
``AUTOPOST_TEST_POSTGRES_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``), migrated
once, emptied before each test, and dropped at the end. When no server answers, the PostgreSQL
runs fail if that variable is set or ``CI=true`` (``tests/ci_requirements.py``); otherwise they
are skipped, saying why.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool
from tests.ci_requirements import unavailable

from autopost.adapters.persistence.engine import async_url, create_engine, session_factory
from autopost.adapters.persistence.mappings import map_tables
from autopost.adapters.persistence.migrate import upgrade_database
from autopost.adapters.persistence.tables import metadata
from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork

POSTGRES_URL_VARIABLE = "AUTOPOST_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"

T = TypeVar("T")

map_tables()


def in_own_thread(work: Callable[[], T]) -> T:
    """Run set-up work that calls ``asyncio.run`` away from any loop pytest-asyncio runs."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def run_outside_loop(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    return in_own_thread(lambda: asyncio.run(work()))


async def _execute_autocommit(url: str, *statements: str) -> None:
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            for statement in statements:
                await connection.exec_driver_sql(statement)
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def postgres_database_url() -> Iterator[str]:
    """An async URL of a migrated PostgreSQL database that lives as long as the test session."""
    configured = os.environ.get(POSTGRES_URL_VARIABLE)
    server = make_url(async_url(configured or DEFAULT_POSTGRES_URL))
    name = f"autopost_it_{secrets.token_hex(6)}"
    admin_url = server.render_as_string(hide_password=False)
    try:
        run_outside_loop(lambda: _execute_autocommit(admin_url, f'CREATE DATABASE "{name}"'))
    except (OSError, DBAPIError) as error:
        if configured:
            raise
        unavailable(f"no PostgreSQL answers at {server.render_as_string()}: {error}")
    url = server.set(database=name).render_as_string(hide_password=False)
    try:
        in_own_thread(lambda: upgrade_database(url))
        yield url
    finally:
        run_outside_loop(
            lambda: _execute_autocommit(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        )


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test: faster than migrating each time."""
    path = tmp_path_factory.mktemp("sqlite-template") / "autopost.sqlite3"
    in_own_thread(lambda: upgrade_database(f"sqlite:///{path}"))
    return path


# Reference rows the migrations write (the four roles) stay: an empty database has them too.
KEPT_TABLES = frozenset({"groups"})


async def _truncate_all(url: str) -> None:
    names = ", ".join(
        f'"{table.name}"' for table in metadata.sorted_tables if table.name not in KEPT_TABLES
    )
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The async URL of an empty, migrated database: SQLite in a file of its own, or the
    session's PostgreSQL database with every table emptied and ids restarted."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "autopost.sqlite3"
        shutil.copyfile(template, path)
        return f"sqlite+aiosqlite:///{path}"
    url: str = request.getfixturevalue("postgres_database_url")
    run_outside_loop(lambda: _truncate_all(url))
    return url


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    created = create_engine(database_url)
    try:
        yield created
    finally:
        await created.dispose()


@pytest.fixture
def uow_factory(engine: AsyncEngine) -> Callable[[], SqlaUnitOfWork]:
    sessions = session_factory(engine)
    return lambda: SqlaUnitOfWork(sessions)
