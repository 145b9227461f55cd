"""An account's posting slots on SQLite and PostgreSQL: stored and read back whole, replaced in
place, gone with their account, and locked while a slot is given."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from persistence_builders import NOW, Seed, UowFactory
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.domain.publication import PublicationStatus
from autopost.domain.slots import PostingSchedule, posting_schedule

pytestmark = pytest.mark.integration


def berlin(credential_id: int, *slots: tuple[str, str]) -> PostingSchedule:
    schedule = posting_schedule(credential_id, "Europe/Berlin", slots or [("mon", "09:00")])
    return PostingSchedule(credential_id, schedule.time_zone, schedule.slots, NOW)


async def test_a_schedule_is_read_back_as_it_was_stored(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    stored = berlin(account, ("fri", "18:30"), ("mon", "09:00"), ("mon", "07:05"))
    async with uow_factory() as uow:
        assert await uow.posting_schedules.get(account) is None
        await uow.posting_schedules.replace(stored)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.posting_schedules.get(account) == stored
        assert await uow.posting_schedules.lock(account) == stored


async def test_a_schedule_set_again_replaces_the_first(uow_factory: UowFactory, seed: Seed) -> None:
    account = await seed.credential()
    other = await seed.credential()
    later = NOW + timedelta(hours=1)
    async with uow_factory() as uow:
        await uow.posting_schedules.replace(berlin(account))
        await uow.posting_schedules.replace(berlin(other, ("sun", "10:00")))
        await uow.commit()
    again = PostingSchedule(account, "America/New_York", (), later)
    async with uow_factory() as uow:
        await uow.posting_schedules.replace(again)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.posting_schedules.get(account) == again
        assert await uow.posting_schedules.get(other) == berlin(other, ("sun", "10:00"))


async def test_a_schedule_replaced_in_a_transaction_rolled_back_stays(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    async with uow_factory() as uow:
        await uow.posting_schedules.replace(berlin(account))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.posting_schedules.replace(berlin(account, ("tue", "11:00")))
    async with uow_factory() as uow:
        assert await uow.posting_schedules.get(account) == berlin(account)


async def test_a_schedule_goes_with_its_account(uow_factory: UowFactory, seed: Seed) -> None:
    account = await seed.credential()
    async with uow_factory() as uow:
        await uow.posting_schedules.replace(berlin(account))
        await uow.commit()
    async with uow_factory() as uow:
        credential = await uow.credentials.get(account)
        assert credential is not None
        await uow.credentials.delete(credential)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.posting_schedules.get(account) is None


async def test_taken_times_are_the_accounts_posts_that_hold_a_place(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    other = await seed.credential()
    hour = timedelta(hours=1)
    await seed.publication(credential_id=account, publish_at=NOW + 2 * hour)
    await seed.publication(credential_id=account, publish_at=NOW + hour)
    await seed.publication(
        credential_id=account, publish_at=NOW - hour, status=PublicationStatus.PUBLISHED
    )
    await seed.publication(
        credential_id=account, publish_at=NOW + 3 * hour, status=PublicationStatus.CANCELLED
    )
    await seed.publication(
        credential_id=account, publish_at=NOW + 4 * hour, status=PublicationStatus.FAILED
    )
    await seed.publication(credential_id=account, publish_at=NOW - 3 * hour)
    await seed.publication(credential_id=other, publish_at=NOW + hour)
    async with uow_factory() as uow:
        taken = await uow.posting_schedules.taken(account, NOW - 2 * hour)
    assert taken == [NOW - hour, NOW + hour, NOW + 2 * hour]


async def test_scheduled_after_reads_the_accounts_waiting_posts_in_time_order_for_change(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    hour = timedelta(hours=1)
    late = await seed.publication(credential_id=account, publish_at=NOW + 2 * hour)
    early = await seed.publication(credential_id=account, publish_at=NOW + hour)
    await seed.publication(credential_id=account, publish_at=NOW)  # not after NOW
    await seed.publication(
        credential_id=account, publish_at=NOW + hour, status=PublicationStatus.PROCESSING
    )
    async with uow_factory() as uow:
        found = await uow.posting_schedules.scheduled_after(account, NOW)
        assert [p.id for p in found] == [early, late]
        found[0].reschedule(NOW + 5 * hour, now=NOW)
        await uow.commit()
    async with uow_factory() as uow:
        moved = await uow.publications.get(early)
        assert moved is not None and moved.publish_at == NOW + 5 * hour


async def _waits_for_a_lock(engine: AsyncEngine) -> bool:
    async with engine.connect() as connection:
        waiting = await connection.scalar(text("SELECT count(*) FROM pg_locks WHERE NOT granted"))
    return bool(waiting)


async def test_a_locked_schedule_keeps_a_second_locker_waiting_until_the_first_ends(
    uow_factory: UowFactory, seed: Seed, engine: AsyncEngine
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite: every transaction holds the one write lock from its BEGIN on")
    account = await seed.credential()
    async with uow_factory() as uow:
        await uow.posting_schedules.replace(berlin(account))
        await uow.commit()
    async with uow_factory() as first:
        await first.posting_schedules.lock(account)

        async def second_lock() -> PostingSchedule | None:
            async with uow_factory() as second:
                return await second.posting_schedules.lock(account)

        waiting = asyncio.create_task(second_lock())
        async with asyncio.timeout(10):
            while True:
                if await _waits_for_a_lock(engine):
                    break
                # PostgreSQL tells who waits for a lock only when asked: no event to await.
                await asyncio.sleep(0.01)
        assert not waiting.done()
        await first.posting_schedules.replace(berlin(account, ("wed", "12:00")))
        await first.commit()
    # The second reads the row as the first left it.
    assert await waiting == berlin(account, ("wed", "12:00"))
