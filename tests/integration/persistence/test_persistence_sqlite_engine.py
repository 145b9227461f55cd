"""SQLite set up for writers in several processes: WAL, waiting writers, enforced foreign keys."""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from persistence_builders import NOW, Seed
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.engine import create_engine, session_factory
from autopost.adapters.persistence.migrate import upgrade_database_async
from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork

pytestmark = pytest.mark.integration


@pytest.fixture
async def sqlite_file(tmp_path: Path) -> AsyncIterator[str]:
    """A migrated SQLite database in a folder that did not exist."""
    url = f"sqlite:///{tmp_path / 'var' / 'nested' / 'autopost.sqlite3'}"
    engine = create_engine(url)
    try:
        await upgrade_database_async(engine)
    finally:
        await engine.dispose()
    yield url


async def test_the_database_folder_is_created(sqlite_file: str, tmp_path: Path) -> None:
    assert (tmp_path / "var" / "nested" / "autopost.sqlite3").is_file()


async def test_the_database_and_its_folder_are_readable_by_their_owner_only(
    sqlite_file: str, tmp_path: Path
) -> None:
    """Even where the umask would let others read: password hashes and tokens live there."""
    folder = tmp_path / "var" / "nested"
    files = [folder / name for name in ("autopost.sqlite3", "autopost.sqlite3-wal")]
    engine = create_engine(sqlite_file)
    try:
        async with engine.connect() as connection:  # the -wal file exists while one is open
            await connection.execute(text("SELECT 1"))
            modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in [folder, *files]}
    finally:
        await engine.dispose()
    assert modes == {"nested": 0o700, "autopost.sqlite3": 0o600, "autopost.sqlite3-wal": 0o600}


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


async def test_every_connection_gets_the_pragmas(sqlite_file: str) -> None:
    engine = create_engine(sqlite_file)
    try:
        async with engine.connect() as connection:
            pragmas = {
                name: (await connection.execute(text(f"PRAGMA {name}"))).scalar_one()
                for name in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous")
            }
    finally:
        await engine.dispose()
    assert pragmas == {
        "journal_mode": "wal",
        "busy_timeout": 0,  # a statement that must wait for the lock waits off the loop
        "foreign_keys": 1,
        "synchronous": 1,  # NORMAL
    }


async def test_writers_on_separate_engines_wait_for_each_other_instead_of_failing(
    sqlite_file: str,
) -> None:
    # Two engines stand for the API process and a worker. Each reads, dawdles, then writes:
    # with a deferred BEGIN both would hold read locks and one would fail "database is locked".
    engines: list[AsyncEngine] = [create_engine(sqlite_file), create_engine(sqlite_file)]
    try:
        factories = [lambda e=e: SqlaUnitOfWork(session_factory(e)) for e in engines]
        publication_id = await Seed(factories[0]).publication()

        async def claim_then_release(index: int) -> None:
            async with factories[index]() as uow:
                publication = await uow.publications.get(publication_id)
                assert publication is not None
                await asyncio.sleep(0.2)
                publication.attempts += 1
                await uow.commit()

        await asyncio.gather(claim_then_release(0), claim_then_release(1))

        async with factories[1]() as uow:
            stored = await uow.publications.get(publication_id)
        assert stored is not None and stored.attempts == 2 and stored.version == 3
        assert stored.next_run_at == NOW + timedelta(minutes=5)
    finally:
        for engine in engines:
            await engine.dispose()


async def test_transactions_of_one_process_take_turns_in_the_order_they_asked(
    sqlite_file: str,
) -> None:
    # SQLite's busy handler lets a waiting connection sleep up to 100 ms between tries and
    # serves no one in order, so under load some transactions of a process waited seconds.
    # One connection per engine: the others wait in the pool's queue and go first come,
    # first served, each as soon as the one before it ends.
    engine = create_engine(sqlite_file)
    try:
        factory = session_factory(engine)
        publication_id = await Seed(lambda: SqlaUnitOfWork(factory)).publication()
        finished: list[int] = []

        async def write(index: int) -> None:
            async with SqlaUnitOfWork(factory) as uow:
                publication = await uow.publications.get(publication_id)
                assert publication is not None
                await asyncio.sleep(0.01)  # hold the transaction while the others ask
                publication.attempts += 1
                await uow.commit()
            finished.append(index)

        tasks = []
        for index in range(8):
            tasks.append(asyncio.create_task(write(index)))
            await asyncio.sleep(0)  # each task asks for its transaction before the next
        await asyncio.gather(*tasks)
    finally:
        await engine.dispose()
    assert finished == list(range(8))
