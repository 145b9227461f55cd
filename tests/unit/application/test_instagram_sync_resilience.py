"""A media sync through a flaky Instagram: it tries pages again, keeps what each page
brought, and the next run goes on from where one stopped."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from autopost.application.access import SYSTEM
from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    RateLimited,
    TransientPlatformError,
)
from autopost.domain.backoff import Backoff
from autopost.domain.events import EventType
from autopost.domain.retry_policy import RetryPolicy
from tests.fakes import WorkerDied
from tests.harness import NOON, Harness

ACCOUNT = "17841400000000001"
FAILING = TransientPlatformError("Instagram had a temporary problem: HTTP 503")
IMPATIENT = RetryPolicy(
    tries=2,
    patience=timedelta(seconds=10),
    backoff=Backoff(base=timedelta(seconds=1), cap=timedelta(seconds=2)),
)


def media(count: int) -> list[RemoteMedia]:
    return [
        RemoteMedia(f"1790{n:08d}", "IMAGE", NOON - timedelta(days=2, minutes=n), f"Media {n}")
        for n in range(count)
    ]


async def world_with(count: int) -> Harness:
    world = Harness()
    await world.connect_instagram(ACCOUNT)
    world.media_gateway.media = media(count)
    return world


def stored_ids(world: Harness) -> Counter[str]:
    return Counter(m.media_id for m in world.store.rows["media"].values())


def fail_call(world: Harness, *numbers: int, error: Exception = FAILING) -> None:
    """The media page calls with these numbers (from 1, counted from now) fail."""
    last = max(numbers)
    world.media_gateway.script["media_page"] = [
        error if n in numbers else None for n in range(1, last + 1)
    ]


def sync_events(world: Harness) -> list[object]:
    return [e for e in world.store.rows["events"].values() if e.type is EventType.SYNC_COMPLETED]


async def test_pages_that_fail_in_passing_are_tried_again_and_the_sync_finishes() -> None:
    world = await world_with(250)
    fail_call(world, 1, 3, 4)
    report = await world.sync().execute(SYSTEM)
    assert report.finished and report.stopped is None
    assert (report.pages, report.seen, report.retries) == (3, 250, 3)
    assert stored_ids(world) == Counter(m.media_id for m in media(250))
    assert len(world.pause.waits) == 3


async def test_a_rate_limit_is_waited_out_as_long_as_instagram_said() -> None:
    world = await world_with(150)
    fail_call(world, 2, error=RateLimited("Instagram is limiting requests", timedelta(minutes=2)))
    report = await world.sync().execute(SYSTEM)
    assert report.finished
    assert world.pause.waits == [timedelta(minutes=2)]


async def test_a_sync_that_stops_part_way_keeps_its_pages_and_says_so() -> None:
    world = await world_with(250)
    fail_call(world, 2, 3)
    report = await world.sync().execute(SYSTEM, policy=IMPATIENT)
    assert not report.finished
    assert report.stopped == FAILING.message
    assert (report.pages, report.seen) == (1, 100)
    assert len(stored_ids(world)) == 100
    assert sync_events(world) == [], "no sync.completed for a pass that is not over"


async def test_the_next_sync_goes_on_from_where_one_stopped() -> None:
    world = await world_with(250)
    fail_call(world, 2, 3)
    await world.sync().execute(SYSTEM, policy=IMPATIENT)
    world.media_gateway.pages_asked.clear()
    report = await world.sync().execute(SYSTEM)
    assert report.finished and report.resumed
    assert world.media_gateway.pages_asked == ["100", "200"]
    assert (report.pages, report.seen) == (2, 150)
    assert stored_ids(world) == Counter(m.media_id for m in media(250))
    assert len(sync_events(world)) == 1


async def test_a_sync_killed_part_way_goes_on_from_its_last_stored_page() -> None:
    world = await world_with(350)
    fail_call(world, 3, error=WorkerDied())
    with pytest.raises(WorkerDied):
        await world.sync().execute(SYSTEM)
    assert len(stored_ids(world)) == 200
    world.media_gateway.pages_asked.clear()
    report = await world.sync().execute(SYSTEM)
    assert report.finished and report.resumed
    assert world.media_gateway.pages_asked == ["200", "300"]
    assert stored_ids(world) == Counter(m.media_id for m in media(350))


async def test_a_finished_pass_leaves_nothing_to_go_on_from() -> None:
    world = await world_with(250)
    await world.sync().execute(SYSTEM)
    world.media_gateway.pages_asked.clear()
    report = await world.sync().execute(SYSTEM)
    assert not report.resumed
    assert world.media_gateway.pages_asked == [None]


async def test_a_full_pass_resumed_later_marks_deleted_only_what_it_never_saw() -> None:
    world = await world_with(250)
    await world.sync().execute(SYSTEM)
    gone = world.media_gateway.media.pop(220)
    world.clock.advance(timedelta(hours=1))
    fail_call(world, 2, 3)
    first = await world.sync().execute(SYSTEM, full=True, policy=IMPATIENT)
    assert not first.finished and first.deleted == 0
    world.clock.advance(timedelta(hours=1))
    # The periodic (incremental) sync goes on with the full pass.
    second = await world.sync().execute(SYSTEM)
    assert second.finished and second.resumed and second.full
    assert second.deleted == 1
    deleted = [m.media_id for m in world.store.rows["media"].values() if m.deleted_at]
    assert deleted == [gone.media_id]


async def test_a_full_sync_asked_over_an_incremental_pass_starts_from_the_newest() -> None:
    world = await world_with(250)
    fail_call(world, 2, 3)
    await world.sync().execute(SYSTEM, policy=IMPATIENT)
    world.media_gateway.pages_asked.clear()
    report = await world.sync().execute(SYSTEM, full=True)
    assert report.finished and report.full and not report.resumed
    assert world.media_gateway.pages_asked == [None, "100", "200"]


async def test_a_stored_cursor_instagram_refuses_starts_the_pass_again() -> None:
    world = await world_with(250)
    fail_call(world, 2, 3)
    await world.sync().execute(SYSTEM, policy=IMPATIENT)
    world.media_gateway.pages_asked.clear()
    fail_call(world, 1, error=PermanentPlatformError("Instagram refused: the cursor is invalid"))
    report = await world.sync().execute(SYSTEM)
    assert report.finished and not report.resumed
    assert world.media_gateway.pages_asked == ["100", None, "100", "200"]
    assert stored_ids(world) == Counter(m.media_id for m in media(250))


async def test_a_refusal_on_a_fresh_pass_is_not_tried_again() -> None:
    world = await world_with(250)
    fail_call(world, 1, error=PermanentPlatformError("Instagram refused the request"))
    with pytest.raises(PermanentPlatformError):
        await world.sync().execute(SYSTEM)
    assert world.media_gateway.pages_asked == [None]
