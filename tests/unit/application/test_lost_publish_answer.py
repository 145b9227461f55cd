"""After a request to publish whose outcome nobody saw, Instagram is asked what became of the
container before anything is sent again.

The fake Instagram, like the real one as far as Meta's reference says, publishes a container
as often as it is asked: a second ``media_publish`` would put the post on Instagram twice.
"""

from datetime import timedelta

import pytest

from autopost.application.ports.instagram_gateway import (
    ContainerState,
    ContainerStatus,
    InstagramAccount,
)
from autopost.application.ports.platform_errors import OutcomeUnknown, TransientPlatformError
from autopost.domain.publication import PublicationStatus
from tests.fakes import AfterWork, WorkerDied
from tests.harness import NOON, Harness


@pytest.fixture
async def world() -> Harness:
    """A photo due at noon, made ready ahead: at noon only the publishing call is left."""
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    await world.schedule(at=NOON)
    await world.run_until(NOON - timedelta(seconds=1))
    world.gateway.calls.clear()
    return world


async def publication_status(world: Harness) -> PublicationStatus:
    (publication,) = world.store.rows["publications"].values()
    return publication.status  # type: ignore[no-any-return]


async def test_a_post_published_although_its_answer_was_lost_is_found_not_published_again(
    world: Harness,
) -> None:
    world.gateway.script["publish_container"] = [AfterWork(OutcomeUnknown("no answer"))]
    await world.run_until(NOON + timedelta(minutes=5))
    assert world.gateway.calls == ["publish_container", "container_state", "find_recent_media"]
    assert len(world.gateway.published) == 1
    (publication,) = world.store.rows["publications"].values()
    assert publication.status is PublicationStatus.PUBLISHED
    assert publication.remote_id in world.gateway.media


async def test_a_worker_that_died_mid_publish_leaves_the_next_one_asking_first(
    world: Harness,
) -> None:
    world.gateway.script["publish_container"] = [AfterWork(WorkerDied())]
    await world.run_until(NOON + world.policy.lease + world.policy.overdue_grace)
    assert world.gateway.calls == ["publish_container", "container_state", "find_recent_media"]
    assert len(world.gateway.published) == 1
    assert await publication_status(world) is PublicationStatus.PUBLISHED


async def test_a_status_check_that_fails_is_tried_again_and_never_publishes_blind(
    world: Harness,
) -> None:
    world.gateway.script["publish_container"] = [AfterWork(OutcomeUnknown("no answer"))]
    world.gateway.script["container_state"] = [TransientPlatformError("Instagram is down.")]
    await world.run_until(NOON + timedelta(minutes=5))
    assert world.gateway.calls == [
        "publish_container",
        "container_state",
        "container_state",
        "find_recent_media",
    ]
    assert len(world.gateway.published) == 1
    assert await publication_status(world) is PublicationStatus.PUBLISHED


# A new container keeps the quota place the post already holds: no new count is asked.
NEW_CONTAINER = ["create_container", "publish_container", "permalink"]


@pytest.mark.parametrize(
    ("status", "then"),
    [
        pytest.param(ContainerStatus.FINISHED, ["publish_container", "permalink"], id="finished"),
        pytest.param(
            ContainerStatus.IN_PROGRESS,
            ["container_state", "publish_container", "permalink"],
            id="in-progress: polled",
        ),
        pytest.param(ContainerStatus.EXPIRED, NEW_CONTAINER, id="expired: made again"),
        pytest.param(ContainerStatus.ERROR, NEW_CONTAINER, id="error: made again"),
    ],
)
async def test_a_post_its_lost_publish_did_not_reach_is_published_once_after_asking(
    world: Harness, status: ContainerStatus, then: list[str]
) -> None:
    world.gateway.script["publish_container"] = [OutcomeUnknown("no answer")]
    world.gateway.script["container_state"] = [ContainerState(status)]
    await world.run_until(NOON + timedelta(minutes=5))
    assert world.gateway.calls == ["publish_container", "container_state", *then]
    assert len(world.gateway.published) == 1
    assert await publication_status(world) is PublicationStatus.PUBLISHED


async def test_publishing_again_after_asking_holds_a_fresh_lease(world: Harness) -> None:
    """The status call takes time; the lease is renewed and saved after it, right before
    the call that makes the post visible, so no other worker takes over meanwhile."""
    gateway, clock = world.gateway, world.clock
    gateway.script["publish_container"] = [OutcomeUnknown("no answer")]
    ask, publish = gateway.container_state, gateway.publish_container
    leases_left = []

    async def slow_status(account: InstagramAccount, container_id: str) -> ContainerState:
        clock.advance(world.policy.lease - timedelta(seconds=1))
        return await ask(account, container_id)

    async def publish_noting_lease(account: InstagramAccount, container_id: str) -> str:
        (saved,) = world.store.rows["publications"].values()
        leases_left.append(saved.next_run_at - clock.now())
        return await publish(account, container_id)

    gateway.container_state = slow_status  # type: ignore[method-assign]
    gateway.publish_container = publish_noting_lease  # type: ignore[method-assign]
    await world.run_until(NOON + timedelta(minutes=5))
    assert gateway.calls == [
        "publish_container",
        "container_state",
        "publish_container",
        "permalink",
    ]
    assert leases_left == [world.policy.lease, world.policy.lease]
    assert len(gateway.published) == 1


async def test_a_publish_refused_as_already_done_is_recorded_as_published(world: Harness) -> None:
    """Where Instagram does refuse a second publish, the refusal is checked too: the earlier
    request landed after the status was read."""
    world.gateway.refuses_second_publish = True
    world.gateway.script["publish_container"] = [AfterWork(OutcomeUnknown("no answer"))]
    world.gateway.script["container_state"] = [ContainerState(ContainerStatus.FINISHED)]
    await world.run_until(NOON + timedelta(minutes=5))
    assert world.gateway.calls == [
        "publish_container",
        "container_state",
        "publish_container",
        "container_state",
        "find_recent_media",
    ]
    assert len(world.gateway.published) == 1
    assert await publication_status(world) is PublicationStatus.PUBLISHED


async def test_instagram_is_asked_only_once_a_request_still_under_way_would_have_ended(
    world: Harness,
) -> None:
    """Until then the container may still read FINISHED while Instagram publishes it: asked
    sooner, the post would be published twice."""
    world.gateway.script["publish_container"] = [AfterWork(OutcomeUnknown("no answer"))]
    settle = world.policy.publish_settle
    await world.run_until(NOON + settle - timedelta(seconds=1))
    assert world.gateway.calls == ["publish_container"]
    await world.run_until(NOON + settle + timedelta(seconds=1))
    assert world.gateway.calls == ["publish_container", "container_state", "find_recent_media"]
    assert len(world.gateway.published) == 1


async def test_a_post_made_at_its_second_whose_worker_died_mid_publish_is_not_made_twice() -> None:
    """Too late to be made ready ahead, its container is made at its second: the container
    and the request to publish are saved right before media_publish, so the next worker asks
    what became of that container instead of making and publishing another."""
    world = Harness()
    world.clock.set(NOON)
    await world.schedule(at=NOON)
    world.gateway.script["publish_container"] = [AfterWork(WorkerDied())]
    await world.run_until(NOON + world.policy.lease + world.policy.overdue_grace)
    assert world.gateway.calls == [
        "publishing_quota",
        "create_container",
        "publish_container",
        "container_state",
        "find_recent_media",
    ]
    assert len(world.gateway.published) == 1
    assert await publication_status(world) is PublicationStatus.PUBLISHED
