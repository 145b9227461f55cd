"""Two copies of the current message of a post due now reach two workers at the same moment,
on PostgreSQL, where their transactions run side by side: Instagram is asked to publish once.

Both copies carry the current version, so the check of the message's version lets both
through; what stops the second is the claim, an update that checks the version it read.
A copy of an out-of-date message is stopped by the version check, tested in
tests/unit/application/test_publishing.py (``test_a_message_of_an_earlier_version_…``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Self

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from tests.fakes import FakeClock, FakeInstagramGateway, FakeScheduler, FakeSecretBox

from autopost.adapters.persistence.engine import create_engine, session_factory
from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork
from autopost.application.policy import PublishingPolicy
from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.publishing.dispatch import Dispatcher
from autopost.application.publishing.instagram.publisher import InstagramPublisher
from autopost.application.publishing.instagram.quota import QuotaMemory
from autopost.application.publishing.publish import PublishPublication
from autopost.domain.credential import Credential
from autopost.domain.post import InstagramContent, Post
from autopost.domain.publication import PublicationStatus, ScheduledPublication

pytestmark = pytest.mark.integration

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


class TwoClaims:
    """Both workers read the publication before either saves its claim, and neither calls
    Instagram before both claims were tried: the race is run, whatever the scheduling."""

    def __init__(self) -> None:
        self._read = 0
        self._both_read = asyncio.Event()
        self._tried = 0
        self.both_tried = asyncio.Event()

    async def claim(self, save: Callable[[], Awaitable[None]]) -> None:
        self._read += 1
        if self._read == 2:
            self._both_read.set()
        await self._both_read.wait()
        try:
            await save()
        finally:
            self._tried += 1
            if self._tried == 2:
                self.both_tried.set()


class RacingUnitOfWork(SqlaUnitOfWork):
    """A worker's unit of work whose first save of the publication, the claim, runs the race
    of ``TwoClaims``."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], claims: TwoClaims) -> None:
        super().__init__(sessions)
        self._claims: TwoClaims | None = claims

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        save = self.publications.save

        async def racing(publication: ScheduledPublication) -> None:
            claims, self._claims = self._claims, None
            if claims is None:
                await save(publication)
            else:
                await claims.claim(lambda: save(publication))

        self.publications.save = racing  # type: ignore[method-assign]
        return self


@dataclass
class InstagramAfterTheClaims(FakeInstagramGateway):
    claims: TwoClaims = field(default_factory=TwoClaims)

    async def publish_container(self, account: InstagramAccount, container_id: str) -> str:
        await self.claims.both_tried.wait()
        return await super().publish_container(account, container_id)


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url)
    yield session_factory(engine)
    await engine.dispose()


async def prepared_and_due(sessions: async_sessionmaker[AsyncSession]) -> ScheduledPublication:
    """A photo made ready ahead of its time, which is now."""
    async with SqlaUnitOfWork(sessions) as uow:
        post = Post(content=InstagramContent(url="https://cdn.example.com/a.jpg"), created_at=NOON)
        await uow.posts.add(post)
        token = FakeSecretBox().seal("EAAG-token")
        credential = Credential("instagram", "17841400000000001", token, NOON)
        await uow.credentials.add(credential)
        assert post.id is not None and credential.id is not None
        publication = ScheduledPublication(
            post.id,
            credential.id,
            "instagram",
            publish_at=NOON,
            next_run_at=NOON,
            created_at=NOON,
            container_id="17900000000000001",
            container_ready=True,
            quota_reserved=True,
        )
        await uow.publications.add(publication)
        await uow.commit()
    return publication


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_two_copies_of_the_current_message_at_the_same_moment_publish_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    publication = await prepared_and_due(sessions)
    assert publication.id is not None
    instagram = InstagramAfterTheClaims()
    clock = FakeClock(NOON)
    policy = PublishingPolicy()

    def worker() -> PublishPublication:
        uow = RacingUnitOfWork(sessions, instagram.claims)
        publishers = {"instagram": InstagramPublisher(instagram, FakeSecretBox(), QuotaMemory())}
        dispatcher = Dispatcher(FakeScheduler(), clock, policy)
        return PublishPublication(uow, publishers, clock, dispatcher, policy)

    copies = (worker().execute(publication.id, publication.version) for _ in range(2))
    await asyncio.gather(*copies)

    assert instagram.calls.count("publish_container") == 1
    async with SqlaUnitOfWork(sessions) as uow:
        after = await uow.publications.get(publication.id)
    assert after is not None and after.status is PublicationStatus.PUBLISHED
    assert after.remote_id is not None and after.remote_id in instagram.media
