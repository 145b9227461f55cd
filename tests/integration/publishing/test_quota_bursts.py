"""Instagram's 24-hour publishing quota counted exactly when many posts of one account come
due together: never a post more than the quota, never a post deferred while it has room."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import pytest
from publishing_world import START, PublishingWorld

from autopost.domain.publication import PublicationStatus
from autopost.sandbox.faults import FaultAction

pytestmark = pytest.mark.integration

WorldMaker = Callable[[int], Awaitable[PublishingWorld]]


@pytest.fixture
async def make_world(tmp_path: Path, database_url: str) -> AsyncIterator[WorldMaker]:
    made: list[PublishingWorld] = []

    async def make(quota_total: int) -> PublishingWorld:
        made.append(PublishingWorld(tmp_path, database_url, quota_total))
        return await made[-1].open()

    yield make
    for world in made:
        await world.close()


async def test_three_posts_made_ready_together_with_two_places_left_publish_two_and_defer_one(
    make_world: WorldMaker,
) -> None:
    world = await make_world(2)
    await world.connect()
    due = START + timedelta(minutes=1)
    for n in range(3):
        await world.schedule(due, f"post {n}")
    # All three have Instagram's count (0 of 2 used) before any of them takes a place.
    world.line.hold_answers("content_publishing_limit", until=3)

    await world.run_until(due)

    assert len(world.published()) == 2
    assert world.refusals("media_publish") == [], "Instagram never had to refuse a post"
    (deferred,) = [p for p in await world.publications() if p.status is PublicationStatus.SCHEDULED]
    assert "limit of 2 posts" in (deferred.error or "")
    assert deferred.next_run_at == START + timedelta(hours=1)
    assert deferred.container_id is None and not deferred.quota_reserved


async def test_a_hundred_posts_due_together_fill_a_quota_of_a_hundred_through_faults(
    make_world: WorldMaker,
) -> None:
    world = await make_world(100)
    await world.connect()
    due = START + timedelta(minutes=3)
    for n in range(98):
        await world.schedule(due, f"post {n}")
    # While they are made ready: server errors asking for the quota and making containers.
    world.fault(action=FaultAction.ERROR, path_suffix="content_publishing_limit", times=2)
    world.fault(action=FaultAction.ERROR, method="POST", path_suffix="/media", times=3)
    await world.run_until(due - timedelta(seconds=1))
    # At their second: rate limits, and the answers to four calls that published lost.
    # Instagram counts those four; Autopost cannot know it before it asks again.
    world.fault(action=FaultAction.ERROR, path_suffix="media_publish", status=400, code=4, times=3)
    world.line.lose_answers("media_publish", times=4)
    await world.run_until(due + timedelta(milliseconds=500))
    # Two more, scheduled at the last moment, ask for the last places meanwhile.
    for n in range(98, 100):
        await world.schedule(due + timedelta(seconds=1), f"post {n}")

    # Each rate-limit answer says the app's usage is at 100 %: Autopost holds every call back
    # for 5 minutes after each of the three, and the posts go on after the last.
    await world.run_until(due + timedelta(minutes=30))

    captions = sorted(event.caption or "" for event in world.published())
    assert captions == sorted(f"post {n}" for n in range(100)), "each one, exactly once"
    publications = await world.publications()
    assert {p.status for p in publications} == {PublicationStatus.PUBLISHED}
    assert not any(p.quota_reserved for p in publications), "places are given back"
