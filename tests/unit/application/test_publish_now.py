"""A post sent for "now" (or, over HTTP, without a time) is published as soon as possible,
through the same pipeline as any other: its time is the request's, on the injected clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.domain.publication import PublicationStatus
from tests.harness import NOON, Harness


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON)
    return world


async def test_a_post_for_now_takes_the_time_of_the_request(world: Harness) -> None:
    view = await world.schedule(at="now")
    assert view.publication.publish_at == NOON
    assert view.next_attempt_at == NOON


async def test_a_post_for_now_goes_to_the_broker_at_once_and_is_published_then(
    world: Harness,
) -> None:
    view = await world.schedule(at="now")
    ((publication_id, _, at),) = world.scheduler.sent
    assert publication_id == view.publication.id and at <= NOON
    await world.deliver_due()  # the clock has not moved: nothing waits for prepare_ahead
    assert len(world.gateway.published) == 1
    assert view.post.id is not None
    assert (await world.get(view.post.id)).publication.status is PublicationStatus.PUBLISHED


async def test_a_pin_for_now_is_published_at_once(world: Harness) -> None:
    await world.connect_pinterest()
    world.pinterest.boards = []
    await world.schedule_pin(at="now", board_id="900")
    await world.deliver_due()
    assert len(world.pinterest.created) == 1


async def test_moving_a_post_to_now_publishes_it_at_once(world: Harness) -> None:
    view = await world.schedule(at=NOON + timedelta(days=1))
    assert view.post.id is not None
    world.clock.advance(timedelta(minutes=3))
    moved = await world.edit(view.post.id, date_pub="now")
    assert moved.publication.publish_at == NOON + timedelta(minutes=3)
    await world.deliver_due()
    assert len(world.gateway.published) == 1
