"""Every step of work on a publication is kept, with what was asked of the platform and what
came of it, in the step's own commit: the timeline a post's page shows."""

from datetime import timedelta

import pytest

from autopost.application.ports.platform_errors import (
    AccessTokenRejected,
    PermanentPlatformError,
    RateLimited,
    TransientPlatformError,
)
from autopost.domain.attempt import Answer, Asked, PublicationAttempt
from autopost.domain.media import ContentType
from tests.harness import NOON, Harness


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=10))
    return world


def steps(world: Harness) -> list[tuple[Asked, Answer]]:
    return [(a.asked, a.answer) for a in attempts(world)]


def attempts(world: Harness) -> list[PublicationAttempt]:
    stored = world.store.rows["attempts"].values()
    return sorted(stored, key=lambda a: (a.at, a.id or 0))


async def test_a_photo_is_made_ready_ahead_then_published_at_its_second(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    await world.run_until(NOON + timedelta(minutes=1))
    assert steps(world) == [(Asked.PREPARE, Answer.READY), (Asked.PUBLISH, Answer.PUBLISHED)]
    ready, published = attempts(world)
    assert ready.at == NOON - timedelta(minutes=5), "prepared ahead of its time"
    assert published.at == NOON
    # The media's id: its address is asked for once the post is saved as published.
    assert published.detail == (await world.get(view.post.id or 0)).publication.remote_id


async def test_a_video_still_processing_is_checked_again_at_a_given_moment(
    world: Harness,
) -> None:
    await world.schedule(
        at=NOON, content_type=ContentType.REEL, url="https://cdn.example.com/v.mp4"
    )
    await world.run_until(NOON - timedelta(minutes=4))
    world.gateway.finish_processing()
    await world.run_until(NOON + timedelta(minutes=1))
    asked = steps(world)
    assert asked[0] == (Asked.PREPARE, Answer.PROCESSING)
    assert (Asked.CHECK, Answer.READY) in asked
    assert asked[-1] == (Asked.PUBLISH, Answer.PUBLISHED)
    processing = attempts(world)[0]
    assert processing.next_at is not None and processing.next_at > processing.at


async def test_a_passing_failure_is_kept_with_the_platforms_words_and_the_next_try(
    world: Harness,
) -> None:
    await world.schedule(at=NOON)
    world.gateway.outage = [TransientPlatformError("Instagram is down (HTTP 503).")]
    await world.run_until(NOON + timedelta(minutes=1))
    first = attempts(world)[0]
    assert (first.asked, first.answer) == (Asked.PREPARE, Answer.RETRY)
    assert first.detail == "Instagram is down (HTTP 503)."
    assert first.next_at is not None and first.next_at > first.at
    assert steps(world)[-1] == (Asked.PUBLISH, Answer.PUBLISHED)


async def test_a_rate_limit_is_kept_with_the_end_of_the_pause(world: Harness) -> None:
    await world.schedule(at=NOON)
    world.clock.set(NOON)
    world.gateway.outage = [RateLimited("Application request limit reached", timedelta(minutes=30))]
    await world.run_until(NOON)
    (paused,) = attempts(world)
    assert paused.answer is Answer.RATE_LIMITED
    assert paused.next_at == NOON + timedelta(minutes=30)


async def test_a_refusal_is_kept_as_failed(world: Harness) -> None:
    await world.schedule(at=NOON)
    world.gateway.outage = [PermanentPlatformError("The aspect ratio is not supported.")]
    await world.run_until(NOON + timedelta(minutes=1))
    (failed,) = attempts(world)
    assert (failed.asked, failed.answer) == (Asked.PREPARE, Answer.FAILED)
    assert failed.detail == "The aspect ratio is not supported."
    assert failed.next_at is None


async def test_a_refused_token_is_kept_as_asking_for_a_reconnect(world: Harness) -> None:
    await world.schedule(at=NOON)
    world.gateway.outage = [AccessTokenRejected("Error validating access token")]
    await world.run_until(NOON + timedelta(minutes=1))
    (rejected,) = attempts(world)
    assert rejected.answer is Answer.RECONNECT


async def test_a_pin_is_asked_for_in_one_step(world: Harness) -> None:
    from tests.harness import pinterest_world

    world = pinterest_world()
    await world.connect_pinterest()
    await world.schedule_pin(at=NOON)
    await world.run_until(NOON + timedelta(minutes=1))
    assert steps(world) == [(Asked.PUBLISH, Answer.PUBLISHED)]
