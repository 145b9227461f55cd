"""The attempts kept for a post's timeline: read back for the publications asked, oldest
first, with their enums and times as written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from persistence_builders import NOW, Seed, UowFactory

from autopost.domain.attempt import Answer, Asked, PublicationAttempt

pytestmark = pytest.mark.integration


async def test_the_attempts_of_some_publications_oldest_first(
    uow_factory: UowFactory, seed: Seed
) -> None:
    first, second, other = [await seed.publication() for _ in range(3)]
    later = NOW + timedelta(minutes=5)
    async with uow_factory() as uow:
        await uow.attempts.add(
            PublicationAttempt(first, later, Asked.PUBLISH, Answer.RETRY, "HTTP 503", later)
        )
        await uow.attempts.add(PublicationAttempt(first, NOW, Asked.PREPARE, Answer.READY))
        await uow.attempts.add(PublicationAttempt(second, NOW, Asked.PUBLISH, Answer.PUBLISHED))
        await uow.attempts.add(PublicationAttempt(other, NOW, Asked.PUBLISH, Answer.FAILED))
        await uow.commit()
    async with uow_factory() as uow:
        found = await uow.attempts.of_publications([first, second])
        assert await uow.attempts.of_publications([]) == ()
    assert [(a.publication_id, a.asked, a.answer) for a in found] == [
        (first, Asked.PREPARE, Answer.READY),
        (second, Asked.PUBLISH, Answer.PUBLISHED),
        (first, Asked.PUBLISH, Answer.RETRY),
    ]
    retry = found[-1]
    assert isinstance(retry.asked, Asked) and isinstance(retry.answer, Answer)
    assert (retry.at, retry.next_at, retry.detail) == (later, later, "HTTP 503")
