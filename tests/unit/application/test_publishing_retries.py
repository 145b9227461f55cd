"""Passing failures are retried through a window of time past the post's time, never fewer;
rate limits are waited out as the platform says, and never fail a post."""

from datetime import timedelta
from itertools import pairwise

import pytest

from autopost.application.ports.platform_errors import (
    PlatformBusy,
    RateLimited,
    TransientPlatformError,
)
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from tests.harness import NOON, Harness

WINDOW = timedelta(hours=1)
GAVE_UP = (
    "Instagram kept failing for an hour after the post's time: Instagram is down (HTTP 503). "
    "It was not published; retry it once Instagram works again."
)


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    return world


def down(world: Harness, requests: int = 1000) -> None:
    world.gateway.outage = [
        TransientPlatformError("Instagram is down (HTTP 503).") for _ in range(requests)
    ]


def limited(world: Harness, requests: int, wait: timedelta | None) -> None:
    world.gateway.outage = [
        RateLimited("Instagram is limiting requests: (#4) Application request limit reached", wait)
        for _ in range(requests)
    ]


async def publication(world: Harness, post_id: int | None) -> ScheduledPublication:
    assert post_id is not None
    return (await world.get(post_id)).publication


async def test_a_post_under_a_long_outage_is_retried_until_an_hour_past_its_time_then_fails(
    world: Harness,
) -> None:
    view = await world.schedule(at=NOON)
    down(world)
    await world.run_until(NOON + WINDOW - timedelta(seconds=1))
    waiting = await publication(world, view.post.id)
    assert waiting.status is PublicationStatus.PROCESSING, waiting.error
    assert "Retrying at" in (waiting.error or "")
    assert "until 2026-12-01T13:00:00+00:00" in (waiting.error or "")
    await world.run_until(NOON + 2 * WINDOW)
    failed = await publication(world, view.post.id)
    assert failed.status is PublicationStatus.FAILED
    assert failed.error == GAVE_UP
    assert failed.updated_at == NOON + WINDOW, "failed at the window's end, not before"
    assert world.gateway.called_at[-1] == NOON + WINDOW, "the last try is at the window's end"
    assert failed.attempts == len(world.gateway.called_at) > 10


async def test_the_pauses_between_tries_grow_and_are_capped_so_tries_go_on_all_hour(
    world: Harness,
) -> None:
    await world.schedule(at=NOON)
    down(world)
    await world.run_until(NOON + 2 * WINDOW)
    tries = world.gateway.called_at
    pauses = [later - earlier for earlier, later in pairwise(tries)]
    base, cap = world.policy.backoff.base, world.policy.backoff.cap
    # Between half and all of 10 s, 20 s, 40 s...: each pause at least half the one before.
    assert [p >= base * 2**n / 2 for n, p in enumerate(pauses[:4])] == [True] * 4
    assert pauses[3] > pauses[0]
    assert max(pauses) <= cap
    late = [t for t in tries if t >= NOON + WINDOW - 2 * cap]
    assert len(late) >= 2, "tries keep coming up to the window's end"


async def test_a_pause_asked_for_by_a_failing_platform_ends_at_the_windows_end(
    world: Harness,
) -> None:
    view = await world.schedule(at=NOON)
    down(world)
    await world.run_until(NOON + timedelta(minutes=50))
    asked = TransientPlatformError("Instagram is down.", retry_after=timedelta(hours=2))
    world.gateway.outage.insert(0, asked)
    await world.run_until(NOON + timedelta(minutes=56))  # a try comes within 5 minutes
    assert asked not in world.gateway.outage
    waiting = await publication(world, view.post.id)
    assert waiting.next_run_at == NOON + WINDOW


async def test_a_post_that_works_again_within_its_window_is_published(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    down(world, requests=12)
    await world.run_until(NOON + 2 * WINDOW)
    published = await publication(world, view.post.id)
    assert published.status is PublicationStatus.PUBLISHED
    assert published.published_at is not None
    assert NOON + timedelta(minutes=10) < published.published_at < NOON + WINDOW
    assert len(world.gateway.published) == 1


async def test_a_rate_limit_waits_as_long_as_the_platform_says_without_failing(
    world: Harness,
) -> None:
    view = await world.schedule(at=NOON)
    world.clock.set(NOON)
    # Three hours of "come back in 30 minutes": far past the window of passing failures.
    limited(world, requests=6, wait=timedelta(minutes=30))
    await world.run_until(NOON)
    waiting = await publication(world, view.post.id)
    assert waiting.next_run_at == NOON + timedelta(minutes=30)
    assert waiting.status is PublicationStatus.SCHEDULED
    assert "limiting requests" in (waiting.error or "")
    assert waiting.attempts == 0, "a rate limit is not an attempt"
    await world.run_until(NOON + 4 * WINDOW)
    published = await publication(world, view.post.id)
    assert published.status is PublicationStatus.PUBLISHED, published.error
    assert published.published_at == NOON + timedelta(hours=3)
    assert world.gateway.called_at[:7] == [NOON + timedelta(minutes=30 * n) for n in range(7)]


async def test_a_rate_limit_that_says_not_how_long_waits_a_minute(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.clock.set(NOON)
    limited(world, requests=1, wait=None)
    await world.run_until(NOON)
    waiting = await publication(world, view.post.id)
    assert waiting.next_run_at == NOON + world.policy.rate_limit_wait == NOON + timedelta(minutes=1)


async def test_holding_back_near_the_usage_limit_never_fails_a_post(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.clock.set(NOON)
    world.gateway.outage = [
        PlatformBusy("Instagram usage is close to its limit.", timedelta(minutes=5))
        for _ in range(30)
    ]
    await world.run_until(NOON + 3 * WINDOW)
    published = await publication(world, view.post.id)
    assert published.status is PublicationStatus.PUBLISHED, published.error
    assert published.published_at == NOON + timedelta(minutes=5 * 30)


async def test_waiting_out_a_rate_limit_does_not_use_up_the_window(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.clock.set(NOON)
    # 5xx for 40 minutes, then a rate limit asking for 30 minutes, then 5xx again.
    down(world)
    await world.run_until(NOON + timedelta(minutes=40))
    world.gateway.outage.insert(
        0, RateLimited("Instagram is limiting requests.", timedelta(minutes=30))
    )
    await world.run_until(NOON + WINDOW + timedelta(minutes=30) - timedelta(seconds=1))
    still = await publication(world, view.post.id)
    assert still.status is PublicationStatus.PROCESSING, still.error
    await world.run_until(NOON + 3 * WINDOW)
    failed = await publication(world, view.post.id)
    assert failed.status is PublicationStatus.FAILED
    assert failed.updated_at == NOON + WINDOW + timedelta(minutes=30)


async def test_a_post_scheduled_in_the_past_gets_its_window_from_its_first_try(
    world: Harness,
) -> None:
    world.clock.set(NOON)
    view = await world.schedule(at=NOON - timedelta(minutes=90))
    down(world)
    await world.run_until(NOON + WINDOW - timedelta(seconds=1))
    assert (await publication(world, view.post.id)).status is PublicationStatus.PROCESSING
    await world.run_until(NOON + 2 * WINDOW)
    failed = await publication(world, view.post.id)
    assert (failed.status, failed.updated_at) == (PublicationStatus.FAILED, NOON + WINDOW)


async def test_a_post_first_tried_late_gets_its_whole_window(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    world.scheduler.take()  # its message is lost and no worker runs until 12:30
    world.clock.set(NOON + timedelta(minutes=30))
    down(world)
    await world.run_until(NOON + WINDOW + timedelta(minutes=29))
    assert (await publication(world, view.post.id)).status is PublicationStatus.PROCESSING
    await world.run_until(NOON + 2 * WINDOW)
    failed = await publication(world, view.post.id)
    assert failed.status is PublicationStatus.FAILED
    assert failed.updated_at == NOON + WINDOW + timedelta(minutes=30)


async def test_a_post_retried_by_hand_after_failing_gets_a_new_window(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    down(world)
    await world.run_until(NOON + 2 * WINDOW)
    assert view.post.id is not None
    retried = await world.retry(view.post.id)
    assert retried.publication.status is PublicationStatus.SCHEDULED
    await world.run_until(NOON + 3 * WINDOW - timedelta(seconds=1))
    assert (await publication(world, view.post.id)).status is PublicationStatus.PROCESSING
    await world.run_until(NOON + 4 * WINDOW)
    failed = await publication(world, view.post.id)
    assert (failed.status, failed.updated_at) == (PublicationStatus.FAILED, NOON + 3 * WINDOW)
