"""The reads of publications by time seek an index instead of reading every publication: the
crowding warnings of a new post (one account, a day either side) and the calendar (every
account, a month). Checked on the very statement the repository runs, explained by the
database, among many publications of two accounts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from persistence_builders import NOW, Seed, UowFactory
from sqlalchemy import event, insert, text
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.tables import posts, publications

pytestmark = pytest.mark.integration


async def many_publications(engine: AsyncEngine, accounts: list[int], count: int) -> None:
    """``count`` posts on each account, one an hour, written at once."""
    async with engine.begin() as connection:
        for account in accounts:
            made = await connection.execute(
                insert(posts).returning(posts.c.id),
                [
                    {
                        "platform": "instagram",
                        "content_type": "Photo",
                        "url": "https://cdn.example.com/a.jpg",
                        "created_at": NOW,
                    }
                    for _ in range(count)
                ],
            )
            due = [NOW + timedelta(hours=n) for n in range(count)]
            await connection.execute(
                insert(publications),
                [
                    {
                        "post_id": post_id,
                        "credential_id": account,
                        "platform": "instagram",
                        "publish_at": at,
                        "next_run_at": at,
                        "status": "scheduled",
                        "version": 1,
                        "attempts": 0,
                        "polling": False,
                        "created_at": NOW,
                    }
                    for post_id, at in zip(made.scalars(), due, strict=True)
                ],
            )
        await connection.execute(text("ANALYZE"))


async def plan_of(engine: AsyncEngine, read: Any) -> list[str]:
    """The plan of the one statement on publications that ``read`` runs (SQLite's words, or
    PostgreSQL's node types and index names)."""
    sent: list[tuple[str, Any]] = []

    def record(*args: Any) -> None:
        if "FROM publications" in args[2] or "JOIN publications" in args[2]:
            sent.append((args[2], args[3]))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        await read()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    [(statement, parameters)] = sent
    async with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            plan = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            return [str(row[-1]) for row in plan]
        plan = await connection.exec_driver_sql(f"EXPLAIN (FORMAT TEXT) {statement}", parameters)
        return [str(row[0]) for row in plan]


async def test_the_crowding_read_seeks_the_accounts_publications_by_time(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed
) -> None:
    account, other = await seed.credential(), await seed.credential()
    await many_publications(engine, [account, other], 2000)
    middle = NOW + timedelta(hours=1000)

    async def read() -> None:
        async with uow_factory() as uow:
            found = await uow.publications.on_account_between(
                account, middle - timedelta(hours=24), middle + timedelta(hours=24)
            )
            assert len(found) == 49

    plan = " | ".join(await plan_of(engine, read))
    assert "ix_publications_credential_id_publish_at" in plan, plan


async def test_the_calendar_read_seeks_the_publications_by_time(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed
) -> None:
    account, other = await seed.credential(), await seed.credential()
    await many_publications(engine, [account, other], 2000)
    start = NOW + timedelta(hours=1000)

    async def read() -> None:
        async with uow_factory() as uow:
            found = await uow.publications.rows_between(start, start + timedelta(days=2))
            assert len(found) == 96

    plan = " | ".join(await plan_of(engine, read))
    assert "ix_publications_publish_at" in plan, plan
