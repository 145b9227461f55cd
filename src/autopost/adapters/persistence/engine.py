"""Async engines for the URLs people write, and SQLite set up for several writers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine

from autopost.adapters.persistence.inline_sqlite import inline_connector
from autopost.adapters.persistence.mappings import map_tables

_ASYNC_SCHEMES = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+pysqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+psycopg2": "postgresql+asyncpg",
}

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
)


def async_url(url: str) -> str:
    """``sqlite:///path`` and ``postgresql://…`` (or ``postgres://…``) with their async driver.

    A URL that already names another driver is left as it is.
    """
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    return f"{_ASYNC_SCHEMES.get(scheme.lower(), scheme)}://{rest}"


def create_engine(url: str, **options: Any) -> AsyncEngine:
    parsed = make_url(async_url(url))
    if parsed.get_backend_name() != "sqlite":
        options.setdefault("pool_pre_ping", True)
        return _create_async_engine(parsed, **options)
    database = parsed.database or ""
    options.pop("pool_size", None)  # decided here, for SQLite
    options.pop("max_overflow", None)
    if database and database != ":memory:" and not database.startswith("file:"):
        _create_private(Path(database).expanduser())
        # Every transaction takes SQLite's one write lock at BEGIN (below), so a second
        # connection adds no concurrency, only a wait in SQLite's busy handler, which sleeps
        # up to 100 ms between tries and serves no one in order: under load some transactions
        # waited seconds. With one connection they wait in the pool's queue, in turn.
        options["pool_size"] = 1
        options["max_overflow"] = 0
    # Statements run on the event loop's thread; one that must wait for the write lock waits
    # on a worker thread (``inline_sqlite``).
    uri = str(parsed.query.get("uri", "")).lower() in {"1", "true"}
    options.setdefault("async_creator", inline_connector(database or ":memory:", uri=uri))
    engine = _create_async_engine(parsed, **options)
    event.listen(engine.sync_engine, "connect", _configure_sqlite_connection)
    event.listen(engine.sync_engine, "begin", _begin_immediate)
    return engine


def _create_private(database: Path) -> None:
    """The database file, and its folder when it has none yet, readable by their owner only:
    it holds password hashes and encrypted tokens. SQLite gives its -wal and -shm files the
    database file's permissions."""
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not database.exists():
        os.close(os.open(database, os.O_CREAT | os.O_WRONLY, 0o600))


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions whose objects stay readable after a commit; maps the domain classes if needed."""
    map_tables()
    return async_sessionmaker(engine, expire_on_commit=False)


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # The driver must not emit its own BEGIN: SQLAlchemy's "begin" hook below does.
    if dbapi_connection.isolation_level is not None:
        dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _begin_immediate(connection: Connection) -> None:
    # The API and the workers write from different event loops and processes. Taking the write
    # lock at BEGIN makes a second writer wait (busy_timeout) instead of failing when a read
    # transaction later tries to upgrade to a write, which SQLite cannot wait for.
    connection.exec_driver_sql("BEGIN IMMEDIATE")
