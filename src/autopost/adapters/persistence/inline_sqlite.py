"""SQLite run on the event loop's own thread, in the shape of an aiosqlite connection.

aiosqlite runs every call on a thread of its own and hands each result back to the event
loop: four hand-offs for one statement (cursor, execute, fetch, close), each a wake-up of the
loop and a change of the thread that holds the interpreter lock. A statement on a local
SQLite file takes microseconds, so the hand-offs cost many times the work they carry, and
under load the threads queue for the lock: the embedded mode spent more of its time there
than in SQLite and SQLAlchemy together.

This connection makes each call where it is awaited and returns at once. The one call that
can wait long is one that needs the write lock while another connection holds it: it is
tried without waiting, and only when the lock is taken is it made again on a worker thread,
waiting as long as the busy timeout allows, so that the loop never stands still behind
another connection's transaction.

SQLAlchemy's aiosqlite dialect drives it (``create_async_engine(async_creator=…)``), so
everything above the driver is unchanged.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

BUSY_TIMEOUT_MS = 10_000


class InlineCursor:
    def __init__(self, connection: InlineConnection) -> None:
        self._connection = connection
        self._cursor = connection.raw.cursor()

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    def __await__(self) -> Any:
        # aiosqlite's ``connection.cursor()`` may be awaited as well as entered.
        async def itself() -> InlineCursor:
            return self

        return itself().__await__()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Any = ()) -> InlineCursor:
        await self._connection.run(self._cursor.execute, sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> InlineCursor:
        rows = list(parameters)  # a generator could not be read again after a busy try
        await self._connection.run(self._cursor.executemany, sql, rows)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(self._cursor.arraysize if size is None else size)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    def __aiter__(self) -> InlineCursor:
        return self

    async def __anext__(self) -> Any:
        row = self._cursor.fetchone()
        if row is None:
            raise StopAsyncIteration
        return row


class InlineConnection:
    def __init__(self, raw: sqlite3.Connection, busy_timeout_ms: int) -> None:
        self.raw = raw
        self._busy_timeout_ms = busy_timeout_ms
        self._closed = False

    @property
    def _connection(self) -> sqlite3.Connection | None:
        # What SQLAlchemy's adapter looks at to tell an open connection from a closed one.
        return None if self._closed else self.raw

    @property
    def isolation_level(self) -> str | None:
        return self.raw.isolation_level

    def cursor(self) -> InlineCursor:
        return InlineCursor(self)

    async def execute(self, sql: str, parameters: Any = ()) -> InlineCursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        await self.run(self.raw.commit)

    async def rollback(self) -> None:
        self.raw.rollback()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self.raw.create_function(*args, **kwargs)

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        if not self._closed:
            self._closed = True
            self.raw.close()

    async def run(self, call: Callable[..., T], *args: Any) -> T:
        """``call`` at once; if it finds the database locked by another connection, again on
        a worker thread that waits for the lock."""
        try:
            return call(*args)
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                raise
        return await asyncio.to_thread(self._waiting, call, args)

    def _waiting(self, call: Callable[..., T], args: Sequence[Any]) -> T:
        self.raw.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms:d}")
        try:
            return call(*args)
        finally:
            self.raw.execute("PRAGMA busy_timeout=0")


def inline_connector(
    database: str, uri: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> Callable[[], Any]:
    """The ``async_creator`` of an engine on the SQLite file ``database``."""

    async def connect() -> InlineConnection:
        raw = sqlite3.connect(
            database,
            uri=uri,
            isolation_level=None,  # no implicit BEGIN: the engine's "begin" hook emits it
            check_same_thread=False,  # a call that waits for the lock runs on another thread
            timeout=0,
        )
        return InlineConnection(raw, busy_timeout_ms)

    return connect
