"""The best time to post on an account, read from its insights: followers online by the hour,
its past posts' reach, and its posts already due in the coming week."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from autopost.application.access import SYSTEM
from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.application.posting.best_times import ReadBestTimes
from autopost.application.posting.errors import NoBestTimeYet
from autopost.application.posting.posts import SchedulePost
from autopost.domain.errors import NotFound, ValidationFailed
from autopost.domain.insights import AccountInsights, MediaInsights, MediaMetric
from autopost.domain.post import ContentType, InstagramContent
from tests.harness import NOON, Harness

pytestmark = pytest.mark.unit

ACCOUNT = "17841400000000001"


@pytest.fixture
async def world() -> Harness:
    world = Harness()
    world.clock.set(NOON)
    return world


async def online_at(world: Harness, credential_id: int, busiest: int, days: int = 7) -> None:
    """Followers online every hour for the last ``days`` days, most of them at ``busiest``."""
    async with world.uow() as uow:
        for back in range(1, days + 1):
            day = (NOON - timedelta(days=back)).date()
            hours = tuple(900 if hour == busiest else 100 for hour in range(24))
            await uow.insights.save_account(AccountInsights(credential_id, day, NOON, 5000, hours))
        await uow.commit()


async def test_the_suggestion_is_the_hour_most_followers_are_online(world: Harness) -> None:
    credential = await world.connect_instagram(ACCOUNT)
    assert credential.id is not None
    await online_at(world, credential.id, busiest=18)
    best = await ReadBestTimes(world.uow(), world.clock).execute(SYSTEM, credential.id, "UTC")
    assert best.suggested == datetime(2026, 12, 1, 18, tzinfo=UTC)
    assert best.days == 7 and best.online.at(0, 18) == 900.0


async def test_an_hour_already_taken_by_a_post_is_not_suggested_again(world: Harness) -> None:
    credential = await world.connect_instagram(ACCOUNT)
    assert credential.id is not None
    await online_at(world, credential.id, busiest=18)
    await world.schedule(at=datetime(2026, 12, 1, 18, 10, tzinfo=UTC))
    best = await ReadBestTimes(world.uow(), world.clock).execute(SYSTEM, credential.id, "UTC")
    assert best.suggested == datetime(2026, 12, 2, 18, tzinfo=UTC)


async def test_past_posts_reach_is_read_by_the_hour_they_were_published(world: Harness) -> None:
    credential = await world.connect_instagram(ACCOUNT)
    assert credential.id is not None
    published = NOON - timedelta(days=3, hours=3)  # a Saturday, 09:00 UTC
    async with world.uow() as uow:
        item = RemoteMedia("m1", "IMAGE", published)
        await uow.media.upsert_page(credential.id, [item], NOON, touch_all=False)
        await uow.commit()
    async with world.uow() as uow:
        (stored,) = [m for m in world.store.rows["media"].values()]
        row = MediaInsights(stored.id, NOON.date(), NOON, {MediaMetric.REACH: 1234})
        await uow.insights.save_media([row])
        await uow.commit()
    best = await ReadBestTimes(world.uow(), world.clock).execute(SYSTEM, credential.id, "UTC")
    assert best.posts == 1
    assert best.results.at(published.weekday(), 9) == 1234.0
    assert best.suggested is not None and best.suggested.hour == 9, "the only hour known"


async def test_without_insights_nothing_is_suggested(world: Harness) -> None:
    credential = await world.connect_instagram(ACCOUNT)
    assert credential.id is not None
    best = await ReadBestTimes(world.uow(), world.clock).execute(SYSTEM, credential.id)
    assert best.suggested is None and best.time_zone == "UTC"


async def test_an_unknown_account_or_zone_is_refused(world: Harness) -> None:
    use_case = ReadBestTimes(world.uow(), world.clock)
    with pytest.raises(NotFound):
        await use_case.execute(SYSTEM, 999)
    credential = await world.connect_instagram(ACCOUNT)
    assert credential.id is not None
    with pytest.raises(ValidationFailed):
        await use_case.execute(SYSTEM, credential.id, "Mars/Olympus")


async def test_a_post_asked_for_the_best_time_is_scheduled_at_it(world: Harness) -> None:
    credential = await world.connect_instagram(ACCOUNT)
    assert credential.id is not None
    await online_at(world, credential.id, busiest=18)
    command = SchedulePost(
        content=InstagramContent(
            content_type=ContentType.PHOTO, url="https://cdn.example.com/a.jpg", caption="Hi"
        ),
        credential_id=credential.id,
        best_time=True,
    )
    first = await world.schedule_command(command)
    second = await world.schedule_command(command)
    assert first.publication.publish_at == datetime(2026, 12, 1, 18, tzinfo=UTC)
    assert second.publication.publish_at == datetime(2026, 12, 2, 18, tzinfo=UTC), "not twice"


async def test_a_post_asked_for_the_best_time_of_an_unknown_audience_is_refused(
    world: Harness,
) -> None:
    credential = await world.connect_instagram(ACCOUNT)
    command = SchedulePost(
        content=InstagramContent(
            content_type=ContentType.PHOTO, url="https://cdn.example.com/a.jpg", caption="Hi"
        ),
        credential_id=credential.id,
        best_time=True,
    )
    with pytest.raises(NoBestTimeYet):
        await world.schedule_command(command)
