"""SQLite calls made on the event loop's thread: at once when free, off the loop when locked."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from autopost.adapters.persistence.inline_sqlite import InlineConnection, inline_connector

pytestmark = pytest.mark.integration


async def _connect(path: Path, busy_timeout_ms: int = 10_000) -> InlineConnection:
    connection: InlineConnection = await inline_connector(
        str(path), busy_timeout_ms=busy_timeout_ms
    )()
    await connection.execute("PRAGMA journal_mode=WAL")
    return connection


async def test_a_statement_runs_where_it_is_awaited(tmp_path: Path) -> None:
    connection = await _connect(tmp_path / "a.db")
    try:
        cursor = await connection.execute("CREATE TABLE t (n INTEGER)")
        await cursor.executemany("INSERT INTO t VALUES (?)", ((n,) for n in range(3)))
        cursor = await connection.execute("SELECT n FROM t ORDER BY n")
        assert await cursor.fetchall() == [(0,), (1,), (2,)]
        assert cursor.description[0][0] == "n"
    finally:
        await connection.close()


async def test_waiting_for_another_connections_lock_leaves_the_loop_free(tmp_path: Path) -> None:
    holder, waiter = await _connect(tmp_path / "a.db"), await _connect(tmp_path / "a.db")
    try:
        await holder.execute("CREATE TABLE t (n INTEGER)")
        await holder.execute("BEGIN IMMEDIATE")
        await holder.execute("INSERT INTO t VALUES (1)")

        async def write() -> None:
            await waiter.execute("BEGIN IMMEDIATE")
            await waiter.execute("INSERT INTO t VALUES (2)")
            await waiter.commit()

        waiting = asyncio.create_task(write())
        for _ in range(20):
            await asyncio.sleep(0)
        # Had the waiter waited on this thread, this coroutine would only have run again
        # after its busy timeout, with the waiter failed: the lock's holder is right here.
        assert not waiting.done()
        await holder.commit()
        await waiting
        cursor = await holder.execute("SELECT n FROM t ORDER BY n")
        assert await cursor.fetchall() == [(1,), (2,)]
    finally:
        await holder.close()
        await waiter.close()


async def test_a_lock_held_past_the_busy_timeout_is_an_error(tmp_path: Path) -> None:
    holder = await _connect(tmp_path / "a.db")
    waiter = await _connect(tmp_path / "a.db", busy_timeout_ms=50)
    try:
        await holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await waiter.execute("BEGIN IMMEDIATE")
        await holder.commit()
        await waiter.execute("BEGIN IMMEDIATE")  # and the connection is usable after it
        await waiter.commit()
    finally:
        await holder.close()
        await waiter.close()


async def test_other_errors_are_raised_at_once(tmp_path: Path) -> None:
    connection = await _connect(tmp_path / "a.db")
    try:
        await connection.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)")
        await connection.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(sqlite3.IntegrityError):
            await connection.execute("INSERT INTO t VALUES (1)")
    finally:
        await connection.close()
