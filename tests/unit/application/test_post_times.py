"""What a post tells about its times: ``updated_at`` is when it or its publication last
changed, on the injected clock; ``next_attempt_at`` is never in the past while it waits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    TransientPlatformError,
)
from autopost.application.posting.posts import EditPost, EditPostUseCase
from autopost.application.posting.views import PostView
from autopost.domain.publication import PublicationStatus
from tests.harness import NOON, Harness

pytestmark = pytest.mark.unit

AHEAD = timedelta(minutes=5)  # the harness's policy prepares Instagram posts this early


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(hours=1))
    return world


async def scheduled(world: Harness) -> int:
    view = await world.schedule(at=NOON)
    assert view.post.id is not None
    return view.post.id


async def read(world: Harness, post_id: int) -> PostView:
    return await world.get(post_id)


async def later(world: Harness, minutes: int = 1) -> None:
    world.clock.advance(timedelta(minutes=minutes))


async def test_a_new_post_was_last_updated_when_it_was_scheduled(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    assert view.updated_at == view.post.created_at == world.clock.now()


async def test_editing_the_content_moves_updated_at(world: Harness) -> None:
    post_id = await scheduled(world)
    await later(world)
    answer = await world.edit(post_id, caption="Changed")
    assert answer.updated_at == world.clock.now()
    await later(world)
    assert (await read(world, post_id)).updated_at == world.clock.now() - timedelta(minutes=1)


async def test_rescheduling_moves_updated_at(world: Harness) -> None:
    post_id = await scheduled(world)
    await later(world)
    await world.edit(post_id, date_pub=NOON + timedelta(hours=1))
    assert (await read(world, post_id)).updated_at == world.clock.now()


async def test_a_board_chosen_by_hand_moves_updated_at(world: Harness) -> None:
    post_id = await scheduled(world)
    await later(world)
    command = EditPost(post_id=post_id, board_id="900")
    use_case = EditPostUseCase(
        world.uow(),
        world.box,
        world.clock,
        world.dispatcher,
        world.catalog,
        world.pinterest_policy.template,
        world.posting_policy,
    )
    await use_case.execute(world.actor, command)
    assert (await read(world, post_id)).updated_at == world.clock.now()


async def test_an_edit_that_changes_nothing_leaves_updated_at_and_the_version(
    world: Harness,
) -> None:
    post_id = await scheduled(world)
    before = await read(world, post_id)
    await later(world)
    await world.edit(post_id, caption="Hello", date_pub=NOON)
    after = await read(world, post_id)
    assert after.updated_at == before.updated_at
    assert after.publication.version == before.publication.version


async def test_cancelling_moves_updated_at(world: Harness) -> None:
    post_id = await scheduled(world)
    await later(world)
    await world.cancel(post_id)
    cancelled = await read(world, post_id)
    assert cancelled.updated_at == world.clock.now()
    assert cancelled.next_attempt_at is None


async def test_each_step_of_publishing_moves_updated_at(world: Harness) -> None:
    post_id = await scheduled(world)
    await world.run_until(NOON - AHEAD)
    prepared = await read(world, post_id)
    assert prepared.publication.container_ready and prepared.updated_at == NOON - AHEAD
    await world.run_until(NOON)
    published = await read(world, post_id)
    assert published.publication.status is PublicationStatus.PUBLISHED
    assert published.updated_at == published.publication.published_at == NOON
    assert published.next_attempt_at is None


async def test_a_post_being_published_shows_when_its_step_began(world: Harness) -> None:
    post_id = await scheduled(world)
    world.clock.set(NOON)
    view = await read(world, post_id)
    async with world.uow() as uow:
        publication = await uow.publications.get(view.publication.id or 0)
        assert publication is not None
        publication.claim(NOON, world.policy.lease)
        await uow.commit()
    processing = await read(world, post_id)
    assert processing.publication.status is PublicationStatus.PROCESSING
    assert processing.updated_at == NOON


async def test_a_failure_moves_updated_at_and_a_retry_by_hand_too(world: Harness) -> None:
    post_id = await scheduled(world)
    world.gateway.script["create_container"] = [PermanentPlatformError("bad media")]
    await world.run_until(NOON - AHEAD)
    failed = await read(world, post_id)
    assert failed.publication.status is PublicationStatus.FAILED
    assert failed.updated_at == NOON - AHEAD and failed.next_attempt_at is None
    await later(world)
    retried = await world.retry(post_id)
    assert retried.updated_at == world.clock.now() == (await read(world, post_id)).updated_at


async def test_a_waiting_post_shows_its_planned_time_until_it_comes(world: Harness) -> None:
    post_id = await scheduled(world)
    assert (await read(world, post_id)).next_attempt_at == NOON - AHEAD


async def test_a_due_post_no_worker_took_yet_shows_now_not_a_past_time(world: Harness) -> None:
    post_id = await scheduled(world)
    world.clock.set(NOON + timedelta(minutes=3))  # the broker has not delivered it yet
    view = await read(world, post_id)
    assert view.publication.status is PublicationStatus.SCHEDULED
    assert view.next_attempt_at == world.clock.now()


async def test_a_retry_shows_its_time_then_now_once_it_is_overdue(world: Harness) -> None:
    post_id = await scheduled(world)
    world.gateway.script["create_container"] = [TransientPlatformError("Instagram is down.")]
    await world.run_until(NOON - AHEAD)
    waiting = await read(world, post_id)
    retry = waiting.publication.next_run_at
    assert waiting.publication.error and retry > world.clock.now()
    assert waiting.next_attempt_at == retry
    assert waiting.updated_at == NOON - AHEAD, "the failed step changed it"
    world.clock.set(retry + timedelta(seconds=30))
    assert (await read(world, post_id)).next_attempt_at == world.clock.now()
