"""A claim is a short lease, kept alive while its work goes on: a live worker never loses what
it works on, however slow the platform; a dead one gives it back within a lease."""

from datetime import datetime, timedelta

import pytest

from autopost.application.publishing.claim_leases import HandBackClaims, HeldClaims
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from tests.fakes import InMemoryUnitOfWork
from tests.harness import NOON, Harness


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    return world


async def claimed(world: Harness) -> ScheduledPublication:
    """A photo due at noon, claimed at noon by this process (its work under way)."""
    view = await world.schedule(at=NOON)
    world.clock.set(NOON)
    assert view.publication.id is not None
    uow = InMemoryUnitOfWork(world.store)
    publication = await uow.publications.get(view.publication.id)
    publication.claim(NOON, world.policy.lease)
    await uow.commit()
    world.held.hold(view.publication.id, publication.next_run_at)
    return publication  # type: ignore[no-any-return]


async def stored(world: Harness, publication_id: int | None) -> ScheduledPublication:
    assert publication_id is not None
    found = await InMemoryUnitOfWork(world.store).publications.get(publication_id)
    assert found is not None
    return found  # type: ignore[no-any-return]


async def test_a_held_claim_is_renewed_while_its_work_goes_on(world: Harness) -> None:
    publication = await claimed(world)
    for _ in range(5):  # far longer than one lease
        world.clock.advance(world.policy.lease / 3)
        assert await world.renew_leases() == 1
    later = await stored(world, publication.id)
    assert later.next_run_at == world.clock.now() + world.policy.lease
    assert later.version == publication.version, "a renewal is no change of the publication"
    # Another process (claims of its own) with the current message finds it taken.
    world.held = HeldClaims()
    await world.publisher().execute(later.id, later.version)  # type: ignore[arg-type]
    assert (await stored(world, publication.id)).version == later.version
    assert world.gateway.published == []


async def test_a_post_no_one_renews_the_claim_of_is_handed_out_as_soon_as_its_lease_ends(
    world: Harness,
) -> None:
    """At its time, its worker gone: no grace on top of the lease."""
    await claimed(world)
    world.held.release(await claimed_id(world))
    await world.sweep()  # whatever the claim itself owes the broker
    world.clock.advance(world.policy.lease - timedelta(seconds=1))
    assert await world.sweep() == 0
    world.clock.advance(timedelta(seconds=1))
    assert await world.sweep() == 1


async def claimed_id(world: Harness) -> int:
    (held_id,) = world.held.snapshot()
    return held_id


async def test_a_renewal_leaves_a_publication_its_work_moved_on(world: Harness) -> None:
    publication = await claimed(world)
    retry = NOON + timedelta(minutes=3)
    uow = InMemoryUnitOfWork(world.store)
    moved = await uow.publications.get(publication.id)
    moved.retry_at(retry, "Instagram did not answer.", now=NOON)
    await uow.commit()
    world.clock.advance(timedelta(seconds=2))
    await world.renew_leases()
    assert (await stored(world, publication.id)).next_run_at == retry


async def test_a_renewal_leaves_a_claim_another_worker_took_over(world: Harness) -> None:
    publication = await claimed(world)
    world.clock.advance(world.policy.lease + timedelta(seconds=1))  # this process stalled
    uow = InMemoryUnitOfWork(world.store)
    taken = await uow.publications.get(publication.id)
    taken.claim(world.clock.now(), world.policy.lease)
    await uow.commit()
    theirs = taken.next_run_at
    world.clock.advance(timedelta(seconds=1))
    await world.renew_leases()
    assert (await stored(world, publication.id)).next_run_at == theirs


async def test_a_message_for_a_publication_at_work_here_does_nothing(world: Harness) -> None:
    publication = await claimed(world)
    assert publication.id is not None
    before = await stored(world, publication.id)
    await world.publisher().execute(publication.id, before.version)
    after = await stored(world, publication.id)
    assert (after.version, after.status) == (before.version, PublicationStatus.PROCESSING)
    assert world.gateway.published == []


async def test_a_publication_s_claim_is_let_go_once_its_work_ends(world: Harness) -> None:
    view = await world.schedule(at=NOON)
    await world.run_until(NOON + timedelta(seconds=1))
    assert (await world.get(view.post.id)).publication.status is PublicationStatus.PUBLISHED
    assert world.held.snapshot() == {}


def test_renewed_keeps_a_lease_the_work_moved_meanwhile() -> None:
    held = HeldClaims()
    first, moved = datetime(2030, 1, 1, 12, 0, 10), datetime(2030, 1, 1, 12, 0, 20)
    held.hold(1, first)
    held.hold(2, first)
    before = held.snapshot()
    held.hold(2, moved)  # the work kept its claim itself while the renewal ran
    held.release(3)
    held.renewed(before, datetime(2030, 1, 1, 12, 0, 15))
    assert held.snapshot() == {1: datetime(2030, 1, 1, 12, 0, 15), 2: moved}


async def test_the_claim_is_let_go_before_the_message_for_the_next_step_is_sent(
    world: Harness,
) -> None:
    """The message for the next step may come back to this process at once (a container made
    again at once, a worker idle on the in-process broker): found still held here, it would
    be dropped, and the post would wait for the sweep."""
    view = await world.schedule(at=NOON)
    world.scheduler.take()
    held_when_sent: list[bool] = []
    enqueue = world.scheduler.enqueue

    def noting(publication_id: int, version: int, at: datetime) -> None:
        held_when_sent.append(world.held.holds(publication_id))
        enqueue(publication_id, version, at)

    world.scheduler.enqueue = noting  # type: ignore[method-assign]
    assert view.publication.id is not None
    await world.publisher().execute(view.publication.id, view.publication.version)
    assert (await world.get(view.post.id)).publication.container_ready
    assert held_when_sent == [False]


async def test_a_stopping_worker_hands_back_a_claim_whose_publishing_was_not_asked_for(
    world: Harness,
) -> None:
    """Another worker is handed it at the next sweep, not when its lease would have ended."""
    publication = await claimed(world)
    held = world.held.snapshot()
    world.held.release(await claimed_id(world))  # its work cancelled
    await world.sweep()  # whatever the claim itself owes the broker
    world.clock.advance(timedelta(seconds=1))
    assert await world.sweep() == 0, "its lease still runs"

    assert await HandBackClaims(InMemoryUnitOfWork(world.store), world.clock).execute(held) == 1

    assert (await stored(world, publication.id)).next_run_at == world.clock.now()
    assert await world.sweep() == 1


async def test_a_claim_whose_publishing_may_have_been_sent_is_not_handed_back(
    world: Harness,
) -> None:
    """Instagram may have published it: it keeps its lease, and whoever takes it next asks."""
    publication = await claimed(world)
    uow = InMemoryUnitOfWork(world.store)
    sent = await uow.publications.get(publication.id)
    sent.publish_requested(NOON)
    await uow.commit()
    held = world.held.snapshot()

    assert await HandBackClaims(InMemoryUnitOfWork(world.store), world.clock).execute(held) == 0

    assert (await stored(world, publication.id)).next_run_at == publication.next_run_at
