"""The reads of publications by time seek an index instead of reading every publication: the
crowding warnings of a new post (one account, a day either side), the calendar (every account,
a month) and the sweep (what is due, among a long history of published posts). Checked on the
very statement the repository runs, explained by the database, among many publications."""

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


async def published_history(engine: AsyncEngine, account: int, count: int) -> None:
    """``count`` posts published on ``account`` over the year before ``NOW``, each left with the
    ``next_run_at`` of its last claim, as publishing leaves them; a tenth with their first
    comment written."""
    async with engine.begin() as connection:
        made = await connection.execute(
            insert(posts).returning(posts.c.id),
            [
                {
                    "platform": "instagram",
                    "content_type": "Photo",
                    "url": "https://cdn.example.com/a.jpg",
                    "created_at": NOW - timedelta(days=366),
                }
                for _ in range(count)
            ],
        )
        await connection.execute(
            insert(publications),
            [
                {
                    "post_id": post_id,
                    "credential_id": account,
                    "platform": "instagram",
                    "publish_at": NOW - timedelta(minutes=n * 20 + 10),
                    "next_run_at": NOW - timedelta(minutes=n * 20 + 8),
                    "published_at": NOW - timedelta(minutes=n * 20 + 10),
                    "status": "published",
                    "first_comment_status": "written" if n % 10 == 0 else None,
                    "remote_id": f"1790{n:08d}",
                    "version": 6,
                    "dispatched_version": 5,
                    "attempts": 1,
                    "polling": False,
                    "created_at": NOW - timedelta(days=366),
                }
                for n, post_id in enumerate(made.scalars())
            ],
        )
        await connection.execute(text("ANALYZE"))


async def plan_of(engine: AsyncEngine, read: Any) -> list[str]:
    """The plan of the one statement on publications that ``read`` runs (SQLite's words, or
    PostgreSQL's node types and index names). PostgreSQL plans it as it would after a few runs
    of a prepared statement: for any values of its parameters (a generic plan)."""
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
        # EXPLAIN of a statement with parameters plans it for their values; a statement
        # prepared and forced to its generic plan is planned for any (PostgreSQL 15 has no
        # EXPLAIN (GENERIC_PLAN)).
        await connection.exec_driver_sql("SET LOCAL plan_cache_mode = force_generic_plan")
        await connection.exec_driver_sql(f"PREPARE planned AS {statement}")
        values = ", ".join(_constant(value) for value in parameters)
        plan = await connection.exec_driver_sql(f"EXPLAIN EXECUTE planned({values})")
        await connection.exec_driver_sql("DEALLOCATE planned")
        return [str(row[0]) for row in plan]


def _constant(value: Any) -> str:
    """A parameter's value written as an SQL constant: a generic plan does not depend on it."""
    if value is None:
        return "NULL"
    if isinstance(value, bool | int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


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


async def test_the_sweep_reads_only_the_publications_with_work_whatever_the_history(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    await published_history(engine, account, 20_000)
    await many_publications(engine, [account], 50)  # one an hour from NOW

    async def sweep() -> None:
        async with uow_factory() as uow:
            due = await uow.publications.needing_dispatch(
                NOW, NOW + timedelta(minutes=10), NOW - timedelta(seconds=30), 500
            )
            assert len(due) == 1  # the post due at NOW; not one of the published

    plan = " | ".join(await plan_of(engine, sweep))
    assert "ix_publications_with_work_next_run_at" in plan, plan
    assert "Seq Scan" not in plan and "SCAN publications" not in plan, plan
