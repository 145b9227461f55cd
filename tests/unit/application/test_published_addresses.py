"""A published post's address is asked for after it is saved as published, with the other
posts its account published at the same time: one read of the account's newest media and one
transaction for all of them, instead of a call and a transaction for each."""

import asyncio
from datetime import timedelta

import pytest

from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.publishing.addresses import PendingAddresses
from autopost.application.publishing.instagram.publisher import InstagramPublisher
from autopost.application.publishing.publish import PublishPublication
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from tests.fakes import InMemoryUnitOfWork
from tests.harness import NOON, Harness


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    return world


async def _stored(world: Harness, publication_id: int) -> ScheduledPublication:
    async with InMemoryUnitOfWork(world.store) as uow:
        found = await uow.publications.get(publication_id)
    assert found is not None
    return found


async def _prepared(world: Harness, posts: int) -> list[tuple[int, int]]:
    """``posts`` photos due at noon, made ready ahead: (publication id, version) of each."""
    views = [await world.schedule(at=NOON, caption=f"Post {n}") for n in range(posts)]
    await world.run_until(NOON - timedelta(seconds=1))
    world.gateway.calls.clear()
    world.clock.set(NOON)
    ready = []
    for view in views:
        assert view.post.id is not None
        publication = (await world.get(view.post.id)).publication
        assert publication.id is not None and publication.container_ready
        ready.append((publication.id, publication.version))
    return ready


async def _publish_together(world: Harness, due: list[tuple[int, int]]) -> None:
    """Publish them all at once on one event loop, as a worker does, with one shared memory
    of the addresses to ask: each publish call is answered once all of them are in flight."""
    pending = PendingAddresses()
    in_flight = asyncio.Barrier(len(due))
    publish = world.gateway.publish_container

    async def answered_together(account: InstagramAccount, container_id: str) -> str:
        await in_flight.wait()
        return await publish(account, container_id)

    world.gateway.publish_container = answered_together  # type: ignore[method-assign]
    publishers = {"instagram": InstagramPublisher(world.gateway, world.box, world.quotas)}

    def publisher() -> PublishPublication:
        uow = InMemoryUnitOfWork(world.store)
        return PublishPublication(
            uow, publishers, world.clock, world.dispatcher, world.policy, world.held, pending
        )

    await asyncio.gather(*(publisher().execute(*message) for message in due))


async def test_posts_of_one_account_published_together_are_addressed_by_one_read(
    world: Harness,
) -> None:
    due = await _prepared(world, 5)
    commits = world.store.commits
    await _publish_together(world, due)
    assert world.gateway.calls == ["publish_container"] * 5 + ["permalinks"]
    # A claim and an outcome for each post, and one for all the addresses.
    assert world.store.commits - commits == 2 * 5 + 1
    for publication_id, _ in due:
        stored = await _stored(world, publication_id)
        assert stored.status is PublicationStatus.PUBLISHED
        assert stored.permalink == world.gateway.media[stored.remote_id or ""].permalink


async def test_a_media_not_among_the_newest_is_asked_for_alone(world: Harness) -> None:
    due = await _prepared(world, 2)
    world.gateway.script["permalinks"] = [{}]  # the account published many others meanwhile
    await _publish_together(world, due)
    assert world.gateway.calls[2:] == ["permalinks", "permalink", "permalink"]


async def test_a_post_with_nothing_else_of_its_account_at_work_is_addressed_at_once(
    world: Harness,
) -> None:
    due = await _prepared(world, 1)
    await _publish_together(world, due)
    assert world.gateway.calls == ["publish_container", "permalink"]
    for publication_id, _ in due:
        assert (await _stored(world, publication_id)).permalink is not None


async def test_an_address_already_known_is_not_written_again(world: Harness) -> None:
    due = await _prepared(world, 1)
    await _publish_together(world, due)
    publication_id = due[0][0]
    addressed = await _stored(world, publication_id)
    async with InMemoryUnitOfWork(world.store) as uow:
        await uow.publications.record_addresses({publication_id: "elsewhere"}, now=NOON)
        await uow.commit()
    again = await _stored(world, publication_id)
    assert (again.permalink, again.version) == (addressed.permalink, addressed.version)
