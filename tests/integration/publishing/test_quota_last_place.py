"""Two workers making two posts of one account ready at the same moment, with one place left
in its quota: only one takes it. On PostgreSQL, where the two transactions run side by side,
the account's row lock is what keeps the second from counting before the first has taken it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Self

import pytest
from dependency_injector import providers
from publishing_world import START, PublishingWorld
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork
from autopost.application.ports.publication_repository import QuotaPlaces
from autopost.domain.publication import PublicationStatus

pytestmark = pytest.mark.integration


class CountsSideBySide:
    """Holds the first worker that counted the quota's places, before it takes one, until
    the other worker has counted too, or waits for the lock to count."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._counted = 0
        self._second_counted = asyncio.Event()

    async def counted(self) -> None:
        self._counted += 1
        if self._counted > 1:
            self._second_counted.set()
            return
        async with asyncio.timeout(10):
            while not self._second_counted.is_set():
                if await self._one_waits_for_a_lock():
                    return
                # PostgreSQL tells who waits for a lock only when asked: no event to await.
                await asyncio.sleep(0.01)

    async def _one_waits_for_a_lock(self) -> bool:
        async with self._engine.connect() as connection:
            waiting = await connection.scalar(
                text("SELECT count(*) FROM pg_locks WHERE NOT granted")
            )
        return bool(waiting)


class MeetingUnitOfWork(SqlaUnitOfWork):
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], side_by_side: CountsSideBySide
    ) -> None:
        super().__init__(sessions)
        self._side_by_side = side_by_side

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        lock_quota = self.publications.lock_quota

        async def counted_side_by_side(credential_id: int) -> QuotaPlaces:
            places = await lock_quota(credential_id)
            await self._side_by_side.counted()
            return places

        self.publications.lock_quota = counted_side_by_side  # type: ignore[method-assign]
        return self


@pytest.fixture
async def world(tmp_path: Path, database_url: str) -> AsyncIterator[PublishingWorld]:
    world = await PublishingWorld(tmp_path, database_url, quota_total=1).open()
    yield world
    await world.close()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_two_posts_made_ready_together_for_the_last_place_take_it_once(
    world: PublishingWorld,
) -> None:
    container = world.container
    side_by_side = CountsSideBySide(container.infrastructure.engine())
    container.infrastructure.uow.override(
        providers.Factory(MeetingUnitOfWork, container.infrastructure.session_factory, side_by_side)
    )
    await world.connect()
    due = START + timedelta(minutes=1)
    for caption in ("first", "second"):
        await world.schedule(due, caption)
    # Both have Instagram's count (0 of 1 used) before either takes the place.
    world.line.hold_answers("content_publishing_limit", until=2)

    await world.run_until(START)

    ready, deferred = sorted(await world.publications(), key=lambda p: not p.container_ready)
    assert ready.container_ready and ready.quota_reserved
    assert deferred.status is PublicationStatus.SCHEDULED and deferred.container_id is None
    assert "limit of 1 posts" in (deferred.error or "")
    assert deferred.next_run_at == START + timedelta(hours=1)
    await world.run_until(due)
    assert len(world.published()) == 1
    assert world.refusals("media_publish") == [], "Instagram never had to refuse a post"
