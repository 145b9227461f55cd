from datetime import datetime, timedelta

import pytest

from autopost.application.posting.errors import InstagramAccountNotConnected
from autopost.application.publishing.dispatch import resend_after
from autopost.application.publishing.sweep import DispatchDue
from autopost.domain.errors import Conflict, InvalidTransition, ValidationFailed
from autopost.domain.post import ContentType
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from tests.fakes import FakePublications
from tests.harness import NOON, TOKEN, Harness


@pytest.fixture
def world() -> Harness:
    return Harness()


async def test_scheduling_stores_the_token_sealed_never_in_clear(world: Harness) -> None:
    await world.schedule()
    (credential,) = world.store.rows["credentials"].values()
    assert TOKEN not in credential.access_token
    assert world.box.open(credential.access_token) == TOKEN


async def test_a_post_due_within_the_horizon_goes_to_the_broker_with_its_own_time(
    world: Harness,
) -> None:
    world.clock.set(NOON - timedelta(minutes=5))
    view = await world.schedule(at=NOON)
    start = NOON - world.policy.prepare_ahead
    assert world.scheduler.sent == [(view.publication.id, view.publication.version, start)]


async def test_a_far_future_post_waits_in_the_database_until_the_sweep_finds_it_near(
    world: Harness,
) -> None:
    world.clock.set(NOON - timedelta(days=3))
    view = await world.schedule(at=NOON)
    assert world.scheduler.sent == []
    world.clock.set(NOON - timedelta(minutes=14))
    assert await world.sweep() == 1
    start = NOON - world.policy.prepare_ahead
    assert world.scheduler.sent == [(view.publication.id, view.publication.version, start)]
    assert await world.sweep() == 0, "an already dispatched version is not sent again"


async def test_the_sweep_resends_work_whose_message_was_lost(world: Harness) -> None:
    world.clock.set(NOON - timedelta(minutes=5))
    await world.schedule(at=NOON)
    world.scheduler.take()  # the broker loses it
    world.clock.set(NOON + world.policy.overdue_grace)
    assert await world.sweep() == 1
    await world.deliver_due()
    assert len(world.gateway.published) == 1


async def test_a_post_waiting_behind_a_busy_worker_is_sent_again_less_and_less_often(
    world: Harness,
) -> None:
    """Its message is held, not lost: sent again once the grace has passed (2 s by default),
    then each time once it has waited as long again (4 s, 8 s…), never at every sweep, which
    would make a busy worker's queue longer."""
    world.clock.set(NOON - timedelta(minutes=10))
    await world.schedule(at=NOON)
    start = NOON - world.policy.prepare_ahead
    world.clock.set(start)
    world.scheduler.take()  # the worker holds the message, busy with others
    half = world.policy.overdue_grace / 2
    resent = []
    for sweep in range(1, 17):
        world.clock.set(start + sweep * half)
        if await world.sweep():
            resent.append(sweep)
    assert resent == [2, 4, 8, 16]


def test_how_long_a_message_waits_before_it_is_sent_again() -> None:
    grace, second = timedelta(seconds=2), timedelta(seconds=1)
    # The first message of a version: the grace after its time, or after it was sent.
    assert resend_after(NOON - 300 * second, NOON, grace, again=False) == NOON + grace
    assert resend_after(NOON + 300 * second, NOON, grace, again=False) == NOON + 302 * second
    # Sent again by the sweep: once it has waited as long again.
    assert resend_after(NOON + 2 * second, NOON, grace, again=True) == NOON + 4 * second
    assert resend_after(NOON + 5 * second, NOON, grace, again=True) == NOON + 10 * second


async def test_a_broker_that_is_down_does_not_lose_the_post(world: Harness) -> None:
    world.clock.set(NOON - timedelta(minutes=5))
    world.scheduler.down = True
    view = await world.schedule(at=NOON)
    assert view.publication.status is PublicationStatus.SCHEDULED
    world.scheduler.down = False
    assert await world.sweep() == 1


async def test_an_account_is_needed_to_schedule(world: Harness) -> None:
    with pytest.raises(InstagramAccountNotConnected):
        await world.schedule(token=None)


async def test_a_known_account_needs_no_token_the_second_time(world: Harness) -> None:
    first = await world.schedule()
    second = await world.schedule(token=None)
    assert second.publication.credential_id == first.publication.credential_id


async def test_invalid_content_is_refused_before_anything_is_stored(world: Harness) -> None:
    with pytest.raises(ValidationFailed):
        await world.schedule(caption="x" * 2201)
    assert world.store.rows["posts"] == {}


async def test_rescheduling_makes_the_old_message_stale(world: Harness) -> None:
    world.clock.set(NOON - timedelta(minutes=5))
    view = await world.schedule(at=NOON)
    later = NOON + timedelta(minutes=3)
    await world.edit(view.post.id, date_pub=later)
    await world.run_until(NOON + timedelta(seconds=30))
    assert world.gateway.published == [], "the old trigger must not fire"
    await world.run_until(later)
    assert len(world.gateway.published) == 1
    assert (await world.get(view.post.id)).publication.published_at == later


async def test_editing_the_caption_keeps_the_time(world: Harness) -> None:
    world.clock.set(NOON - timedelta(minutes=5))
    view = await world.schedule(at=NOON)
    edited = await world.edit(view.post.id, caption="New words")
    assert edited.post.content.caption == "New words"
    assert edited.publication.publish_at == NOON
    await world.run_until(NOON)
    assert world.gateway.requests[0].caption == "New words"


async def test_an_edit_that_breaks_a_rule_changes_nothing(world: Harness) -> None:
    view = await world.schedule()
    with pytest.raises(ValidationFailed):
        await world.edit(view.post.id, caption="#a " * 31)
    assert (await world.get(view.post.id)).post.content.caption == "Hello"


async def test_a_cancelled_post_is_never_published(world: Harness) -> None:
    world.clock.set(NOON - timedelta(minutes=5))
    view = await world.schedule(at=NOON)
    await world.cancel(view.post.id)
    await world.run_until(NOON + timedelta(minutes=5))
    assert world.gateway.calls == []
    assert (await world.get(view.post.id)).publication.status is PublicationStatus.CANCELLED


async def test_a_published_post_can_be_neither_edited_nor_cancelled(world: Harness) -> None:
    world.clock.set(NOON)
    view = await world.schedule(at=NOON)
    await world.deliver_due()
    assert (await world.get(view.post.id)).publication.status is PublicationStatus.PUBLISHED
    with pytest.raises(InvalidTransition):
        await world.edit(view.post.id, date_pub=NOON)
    with pytest.raises(Conflict):
        await world.cancel(view.post.id)


async def test_a_carousel_keeps_its_items_in_order(world: Harness) -> None:
    items = [{"url": "https://cdn.example.com/1.jpg"}, {"url": "https://cdn.example.com/2.mp4"}]
    view = await world.schedule(content_type=ContentType.CAROUSEL, url=None, children=items)
    assert view.post.content.children == [
        {"url": "https://cdn.example.com/1.jpg", "media_type": "image"},
        {"url": "https://cdn.example.com/2.mp4", "media_type": "video"},
    ]


async def test_after_a_restart_of_the_in_process_broker_near_work_is_sent_again(
    world: Harness,
) -> None:
    world.clock.set(NOON - timedelta(minutes=5))
    await world.schedule(at=NOON)
    world.scheduler.take()  # the process restarts: the in-process broker forgot it
    assert await world.sweep() == 0, "an ordinary sweep trusts the broker until overdue"
    assert (
        await DispatchDue(world.uow(), world.scheduler, world.clock, world.policy).execute(
            resend_all=True
        )
        == 1
    )


async def test_a_message_goes_to_the_broker_only_once_the_change_it_is_for_is_saved(
    world: Harness,
) -> None:
    """A worker may take a message the moment it is sent: sent before its change is saved,
    it would find an older version and do nothing, and the post would wait for the sweep."""
    world.clock.set(NOON - timedelta(minutes=5))
    saved_when_sent: list[tuple[int, int | None]] = []
    enqueue = world.scheduler.enqueue

    def noting(publication_id: int, version: int, at: datetime) -> None:
        saved = world.store.rows["publications"].get(publication_id)
        saved_when_sent.append((version, saved.version if saved else None))
        enqueue(publication_id, version, at)

    world.scheduler.enqueue = noting  # type: ignore[method-assign]
    view = await world.schedule(at=NOON)
    assert view.post.id is not None
    await world.edit(view.post.id, date_pub=NOON + timedelta(minutes=1))
    await world.run_until(NOON + timedelta(minutes=1))
    assert (await world.get(view.post.id)).publication.status is PublicationStatus.PUBLISHED
    assert len(saved_when_sent) == 3, "scheduled, moved, made ready"
    assert all(version == saved for version, saved in saved_when_sent)


async def test_a_post_is_kept_with_its_publication_or_not_at_all(
    world: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def lost(self: FakePublications, publication: ScheduledPublication) -> None:
        raise ConnectionError("the database went away")

    monkeypatch.setattr(FakePublications, "add", lost)
    with pytest.raises(ConnectionError):
        await world.schedule()
    assert world.store.rows["posts"] == {}
