"""An account's posting slots and its queue: a queued post takes the next free slot, the queue
is listed, reordered and shuffled, and who may do what is the roles' rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from autopost.application.access import Actor
from autopost.application.posting.errors import NoPostingSlots, NotTheQueue
from autopost.application.posting.posts import SchedulePost
from autopost.domain.access import Role
from autopost.domain.errors import NotFound, PermissionDenied, ValidationFailed
from autopost.domain.post import InstagramContent
from autopost.domain.publication import PublicationStatus
from tests.harness import Harness
from tests.queue_harness import WEEKDAYS, Queues

# Thursday 26 March 2026, noon in Berlin; clocks there spring forward on Sunday the 29th.
THURSDAY = datetime(2026, 3, 26, 11, 0, tzinfo=UTC)
NINE_AND_SIX = [(day, at) for day in WEEKDAYS for at in ("09:00", "18:00")]
PUBLISHER = Actor(50, frozenset({Role.PUBLISHERS}), False, "pat")
CONTRIBUTOR = Actor(51, frozenset({Role.CONTRIBUTORS}), False, "cora")
OTHER_CONTRIBUTOR = Actor(52, frozenset({Role.CONTRIBUTORS}), False, "carl")
OBSERVER = Actor(53, frozenset({Role.OBSERVERS}), False, "olga")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(THURSDAY)
    return world


@pytest.fixture
def queues(world: Harness) -> Queues:
    return Queues(world)


async def berlin_account(queues: Queues) -> int:
    credential_id = await queues.connect()
    await queues.set_slots(credential_id, "Europe/Berlin", NINE_AND_SIX)
    return credential_id


def local(moment: datetime) -> str:
    from zoneinfo import ZoneInfo

    return f"{moment.astimezone(ZoneInfo('Europe/Berlin')):%a %H:%M %Z}"


async def test_queued_posts_fill_the_next_free_slots_in_order(queues: Queues) -> None:
    account = await berlin_account(queues)
    first = await queues.queue_post(account)
    second = await queues.queue_post(account)
    third = await queues.queue_post(account)
    assert [local(v.publication.publish_at) for v in (first, second, third)] == [
        "Thu 18:00 CET",
        "Fri 09:00 CET",
        "Fri 18:00 CET",
    ]


async def test_a_queue_across_the_spring_change_keeps_nine_and_six_local(queues: Queues) -> None:
    account = await berlin_account(queues)
    views = [await queues.queue_post(account) for _ in range(5)]
    assert [local(v.publication.publish_at) for v in views] == [
        "Thu 18:00 CET",
        "Fri 09:00 CET",
        "Fri 18:00 CET",
        "Mon 09:00 CEST",
        "Mon 18:00 CEST",
    ]
    # In UTC the Monday slots are an hour earlier than the Friday ones.
    assert views[3].publication.publish_at == utc(2026, 3, 30, 7)


async def test_a_post_scheduled_at_a_slot_time_takes_that_slot(queues: Queues) -> None:
    account = await berlin_account(queues)
    await queues.schedule_at(account, utc(2026, 3, 26, 17))  # Thursday 18:00 CET
    queued = await queues.queue_post(account)
    assert local(queued.publication.publish_at) == "Fri 09:00 CET"


async def test_a_cancelled_post_frees_its_slot(queues: Queues, world: Harness) -> None:
    account = await berlin_account(queues)
    first = await queues.queue_post(account)
    await world.cancel(first.post.id)  # type: ignore[arg-type]
    again = await queues.queue_post(account)
    assert again.publication.publish_at == first.publication.publish_at


async def test_a_slot_whose_24_hours_hold_the_instagram_quota_is_skipped(
    queues: Queues,
) -> None:
    account = await berlin_account(queues)
    # 100 posts on Friday morning, 02:00 to 06:57 (Berlin): Instagram takes no more in the
    # 24 hours that hold any of them. Thursday 18:00, Friday 09:00 and 18:00 are full.
    start = utc(2026, 3, 27, 1)
    for n in range(100):
        await queues.schedule_at(account, start + timedelta(minutes=3 * n))
    queued = await queues.queue_post(account)
    # Monday 09:00 CEST is more than 24 hours after the last of them.
    assert local(queued.publication.publish_at) == "Mon 09:00 CEST"


async def test_an_account_without_slots_refuses_a_queued_post_and_stores_nothing(
    queues: Queues, world: Harness
) -> None:
    account = await queues.connect()
    with pytest.raises(NoPostingSlots):
        await queues.queue_post(account)
    assert world.store.rows["posts"] == {} and world.store.rows["publications"] == {}


async def test_slots_set_anew_replace_the_old_and_are_audited(
    queues: Queues, world: Harness
) -> None:
    account = await berlin_account(queues)
    stored = await queues.set_slots(account, "America/New_York", [("sat", "10:30")], PUBLISHER)
    assert [s.label for s in stored.slots] == ["sat 10:30"]
    assert await queues.slots(account, OBSERVER) == stored
    entries = [e for e in world.store.rows["audit"].values() if e.resource == "credential"]
    assert entries[-1].summary == "posting slots in America/New_York: sat 10:30"
    assert entries[-1].actor_name == "pat"


async def test_an_account_whose_slots_were_never_set_has_none(queues: Queues) -> None:
    account = await queues.connect()
    assert await queues.slots(account) is None
    queue = await queues.queue(account)
    assert queue.time_zone is None and queue.posts == ()


async def test_slots_of_an_unknown_account_are_not_found(queues: Queues) -> None:
    with pytest.raises(NotFound):
        await queues.set_slots(999, "UTC", [("mon", "09:00")])


async def test_wrong_slots_are_refused_by_field(queues: Queues) -> None:
    account = await queues.connect()
    with pytest.raises(ValidationFailed) as refused:
        await queues.set_slots(account, "Berlin", [("mon", "9am")])
    assert set(refused.value.errors) == {"time_zone", "slots"}


@pytest.mark.parametrize("actor", [CONTRIBUTOR, OBSERVER], ids=["contributor", "observer"])
async def test_only_publishers_and_administrators_set_slots(queues: Queues, actor: Actor) -> None:
    account = await queues.connect()
    with pytest.raises(PermissionDenied):
        await queues.set_slots(account, "UTC", [("mon", "09:00")], actor)


async def test_the_queue_lists_the_posts_in_slots_in_time_order(
    queues: Queues, world: Harness
) -> None:
    account = await berlin_account(queues)
    a = await queues.queue_post(account)
    b = await queues.queue_post(account)
    off_slot = await queues.schedule_at(account, utc(2026, 3, 27, 12, 7))
    cancelled = await queues.queue_post(account)
    await world.cancel(cancelled.post.id)  # type: ignore[arg-type]
    queue = await queues.queue(account, OBSERVER)
    assert [p.post_id for p in queue.posts] == [a.post.id, b.post.id]
    assert off_slot.post.id not in [p.post_id for p in queue.posts]
    assert [f"{p.local_time:%a %H:%M %z}" for p in queue.posts] == [
        "Thu 18:00 +0100",
        "Fri 09:00 +0100",
    ]
    assert queue.time_zone == "Europe/Berlin"


async def test_slots_set_anew_move_no_post_and_the_queue_follows_them(queues: Queues) -> None:
    account = await berlin_account(queues)
    queued = await queues.queue_post(account)
    await queues.set_slots(account, "Europe/Berlin", [("sat", "12:00")])
    assert (await queues.queue(account)).posts == ()
    kept = await queues.world.get(queued.post.id)  # type: ignore[arg-type]
    assert kept.publication.publish_at == queued.publication.publish_at


async def test_reordering_gives_the_same_times_in_the_new_order(
    queues: Queues, world: Harness
) -> None:
    account = await berlin_account(queues)
    views = [await queues.queue_post(account) for _ in range(3)]
    ids = [v.post.id for v in views]
    times = [v.publication.publish_at for v in views]
    assert all(i is not None for i in ids)
    order = [ids[2], ids[0], ids[1]]
    reordered = await queues.reorder(account, order)  # type: ignore[arg-type]
    assert [p.post_id for p in reordered.posts] == order
    assert [p.publish_at for p in reordered.posts] == times
    moved = await world.get(ids[2])  # type: ignore[arg-type]
    assert moved.publication.publish_at == times[0]
    changed = [e.resource_id for e in world.store.rows["audit"].values() if e.action == "changed"]
    assert sorted(changed[-3:]) == sorted(str(i) for i in ids)


async def test_a_reorder_that_is_not_the_queue_is_refused(queues: Queues) -> None:
    account = await berlin_account(queues)
    a, b = [(await queues.queue_post(account)).post.id for _ in range(2)]
    assert a is not None and b is not None
    with pytest.raises(NotTheQueue) as refused:
        await queues.reorder(account, [a, a, 999])
    assert (refused.value.missing, refused.value.strangers, refused.value.repeated) == (
        [b],
        [999],
        [a],
    )


async def test_a_contributor_reorders_only_their_own_posts(queues: Queues) -> None:
    account = await berlin_account(queues)
    mine = [(await queues.queue_post(account, actor=CONTRIBUTOR)).post.id for _ in range(2)]
    theirs = (await queues.queue_post(account, actor=OTHER_CONTRIBUTOR)).post.id
    # Swapping their own two posts leaves the other's where it is: allowed.
    swapped = await queues.reorder(account, [mine[1], mine[0], theirs], CONTRIBUTOR)  # type: ignore[list-item]
    assert [p.post_id for p in swapped.posts] == [mine[1], mine[0], theirs]
    with pytest.raises(PermissionDenied):
        await queues.reorder(account, [theirs, mine[1], mine[0]], CONTRIBUTOR)  # type: ignore[list-item]
    with pytest.raises(PermissionDenied):
        await queues.reorder(account, [mine[1], mine[0], theirs], OBSERVER)  # type: ignore[list-item]


async def test_a_reordered_post_is_due_at_its_new_time(queues: Queues, world: Harness) -> None:
    account = await berlin_account(queues)
    first = await queues.queue_post(account)
    second = await queues.queue_post(account)
    await queues.reorder(account, [second.post.id, first.post.id])  # type: ignore[list-item]
    stored = {p.post_id: p for p in world.store.rows["publications"].values()}
    assert stored[second.post.id].publish_at == first.publication.publish_at  # type: ignore[index]
    assert stored[second.post.id].status is PublicationStatus.SCHEDULED  # type: ignore[index]
    assert stored[second.post.id].next_run_at < stored[first.post.id].next_run_at  # type: ignore[index]


async def test_shuffling_changes_the_order_and_keeps_the_times(queues: Queues) -> None:
    account = await berlin_account(queues)
    views = [await queues.queue_post(account) for _ in range(2)]
    shuffled = await queues.shuffle(account)
    assert [p.post_id for p in shuffled.posts] == [views[1].post.id, views[0].post.id]
    assert [p.publish_at for p in shuffled.posts] == [v.publication.publish_at for v in views]


async def test_a_contributor_shuffles_only_a_queue_of_their_own(queues: Queues) -> None:
    account = await berlin_account(queues)
    await queues.queue_post(account, actor=CONTRIBUTOR)
    await queues.queue_post(account, actor=CONTRIBUTOR)
    await queues.shuffle(account, CONTRIBUTOR)
    await queues.queue_post(account, actor=OTHER_CONTRIBUTOR)
    with pytest.raises(PermissionDenied):
        await queues.shuffle(account, CONTRIBUTOR)


async def test_a_post_to_two_accounts_takes_each_accounts_own_next_free_slot(
    queues: Queues, world: Harness
) -> None:
    berlin = await berlin_account(queues)
    new_york = await queues.connect("17841400000000077")
    await queues.set_slots(new_york, "America/New_York", [("fri", "08:00")])
    await queues.queue_post(berlin)  # Thursday 18:00 in Berlin is taken
    shared = {"url": "https://cdn.example.com/b.jpg", "caption": "Both"}
    command = SchedulePost(
        content=InstagramContent(**shared),
        credential_ids=(berlin, new_york),
        shared=shared,
        queue=True,
    )
    view = await world.schedule_command(command)
    on_berlin, on_new_york = (p.publish_at for p in view.publications)
    assert on_berlin is not None and on_new_york is not None
    assert local(on_berlin) == "Fri 09:00 CET"
    assert on_new_york == utc(2026, 3, 27, 12, 0)  # Friday 08:00 in New York (EDT)
