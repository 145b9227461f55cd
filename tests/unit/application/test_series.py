"""Recurring posts through their use cases, on the in-memory fakes: occurrences made ahead,
once each, scheduled as any post; the series edited or cancelled, one occurrence edited alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from autopost.application.access import Actor
from autopost.domain.access import Role
from autopost.domain.errors import Conflict, NotFound, PermissionDenied
from autopost.domain.post import Post
from autopost.domain.publication import PublicationStatus
from autopost.domain.recurrence import InvalidRecurrence, recurrence
from tests.harness import NOON, Harness
from tests.series_harness import Series

# The harness's clock stands at 11:00 on Tuesday 1 December 2026.
WEEK = timedelta(weeks=1)


@pytest.fixture
def world() -> Harness:
    return Harness()


@pytest.fixture
def series(world: Harness) -> Series:
    return Series(world)


async def test_a_series_makes_its_occurrences_ahead_each_a_post_with_its_own_publication(
    world: Harness, series: Series
) -> None:
    scheduled = await series.schedule(recurrence(NOON, "UTC", "weekly", count=10))

    view = await series.get(scheduled.series.id or 0)
    times = [o.publication.publish_at for o in view.occurrences]
    # Four weeks ahead: 1, 8, 15 and 22 December (29 December is past the horizon).
    assert times == [NOON + n * WEEK for n in range(4)]
    assert len({o.post.id for o in view.occurrences}) == 4
    assert len({o.publication.id for o in view.occurrences}) == 4
    assert scheduled.first.post.id == view.occurrences[0].post.id
    assert scheduled.first.publication.publish_at == NOON
    # Scheduled as any post: published at its time, once.
    await world.run_until(NOON + timedelta(minutes=1))
    first = await world.get(scheduled.first.post.id or 0)
    assert first.publication.status is PublicationStatus.PUBLISHED
    assert len(world.gateway.published) == 1


async def test_the_template_of_a_series_is_never_a_post_of_its_own(
    world: Harness, series: Series
) -> None:
    scheduled = await series.schedule(recurrence(NOON, "UTC", "daily", count=3))
    template_id = scheduled.series.template_post_id

    with pytest.raises(NotFound):
        await world.get(template_id)


async def test_making_occurrences_again_makes_none_twice(world: Harness, series: Series) -> None:
    scheduled = await series.schedule(recurrence(NOON, "UTC", "weekly", count=10))

    assert await series.materialise() == 0
    world.clock.advance(WEEK)
    assert await series.materialise() == 1
    assert await series.materialise() == 0

    view = await series.get(scheduled.series.id or 0)
    times = [o.post.occurrence_at for o in view.occurrences]
    assert times == sorted(set(times)) == [NOON + n * WEEK for n in range(5)]


async def test_an_occurrence_made_meanwhile_by_another_worker_is_not_made_again(
    world: Harness, series: Series
) -> None:
    scheduled = await series.schedule(recurrence(NOON, "UTC", "weekly", count=10))
    world.clock.advance(WEEK)
    # Another worker made the fifth one after this one read what was made.
    async with world.uow() as uow:
        template = await uow.posts.get(scheduled.series.template_post_id)
        assert template is not None
        twin = Post(
            content=template.content,
            created_at=world.clock.now(),
            series_id=scheduled.series.id,
            occurrence_at=NOON + 4 * WEEK,
        )
        await uow.posts.add(twin)
        await uow.commit()

    assert await series.materialise() == 0

    with pytest.raises(Exception, match="made meanwhile"):
        async with world.uow() as uow:
            again = Post(
                content=template.content,
                created_at=world.clock.now(),
                series_id=scheduled.series.id,
                occurrence_at=NOON + 4 * WEEK,
            )
            await uow.posts.add(again)


async def test_a_first_time_beyond_the_horizon_is_made_all_the_same(series: Series) -> None:
    far = NOON + timedelta(days=200)
    scheduled = await series.schedule(recurrence(far, "UTC", rrule="FREQ=YEARLY"))

    assert scheduled.first.publication.publish_at == far
    assert len((await series.get(scheduled.series.id or 0)).occurrences) == 1


async def test_a_rule_that_gives_no_time_from_now_on_is_refused(series: Series) -> None:
    past = NOON - timedelta(days=30)
    with pytest.raises(Exception, match="no time from now on"):
        await series.schedule(recurrence(past, "UTC", "daily", count=3))


async def test_editing_the_series_changes_the_occurrences_to_come_not_those_edited_alone(
    world: Harness, series: Series
) -> None:
    scheduled = await series.schedule(recurrence(NOON, "UTC", "weekly", count=10))
    series_id = scheduled.series.id or 0
    occurrences = (await series.get(series_id)).occurrences
    alone = occurrences[2].post.id or 0
    await world.edit(alone, caption="Special edition")
    world.clock.set(NOON + timedelta(hours=1))  # the first one's time is past

    view = await series.edit(series_id, caption="New tip")

    captions = [o.post.content.caption for o in view.occurrences]
    # The first one's time is past; a fifth came within the horizon meanwhile.
    assert captions == ["Weekly tip", "New tip", "Special edition", "New tip", "New tip"]
    # Those made later get the new content too.
    world.clock.advance(2 * WEEK)
    await series.materialise()
    latest = (await series.get(series_id)).occurrences[-1]
    assert latest.post.occurrence_at == NOON + 6 * WEEK
    assert latest.post.content.caption == "New tip"


async def test_a_new_rule_cancels_the_times_it_no_longer_gives_and_makes_its_own(
    world: Harness, series: Series
) -> None:
    scheduled = await series.schedule(recurrence(NOON, "UTC", "weekly", count=10))
    series_id = scheduled.series.id or 0
    world.clock.set(NOON + timedelta(days=1))

    view = await series.edit(series_id, repeat={"frequency": "weekly", "weekdays": ["tue", "fri"]})

    by_time = {o.post.occurrence_at: o.publication.status for o in view.occurrences}
    assert by_time[NOON + WEEK] is PublicationStatus.SCHEDULED  # a Tuesday: still given
    friday = NOON + timedelta(days=3)
    assert by_time[friday] is PublicationStatus.SCHEDULED
    assert by_time[NOON] is PublicationStatus.SCHEDULED  # past: left as it was


async def test_a_rule_change_leaves_what_is_published_and_what_was_edited_alone(
    world: Harness, series: Series
) -> None:
    scheduled = await series.schedule(recurrence(NOON, "UTC", "weekly", count=10))
    series_id = scheduled.series.id or 0
    occurrences = (await series.get(series_id)).occurrences
    await world.edit(occurrences[1].post.id or 0, caption="Kept")
    await world.run_until(NOON + timedelta(minutes=1))

    view = await series.edit(series_id, repeat={"frequency": "daily", "interval": 3})

    published, kept, dropped = [await world.get(o.post.id or 0) for o in occurrences[:3]]
    assert published.publication.status is PublicationStatus.PUBLISHED
    assert kept.publication.status is PublicationStatus.SCHEDULED
    assert dropped.publication.status is PublicationStatus.CANCELLED
    # Every third day from the first time on: 4, 7, 10, ... December.
    made = [o.post.occurrence_at for o in view.occurrences if o.post.id != kept.post.id]
    assert made[:3] == [NOON + timedelta(days=3 * n) for n in (1, 2, 3)]


async def test_a_bad_rule_is_refused_with_its_reason(series: Series) -> None:
    scheduled = await series.schedule(recurrence(NOON, "UTC", "weekly", count=10))

    with pytest.raises(InvalidRecurrence, match="RFC 5545"):
        await series.edit(
            scheduled.series.id or 0,
            repeat={"frequency": None, "rrule": "FREQ=NEVER", "count": None},
        )


async def test_cancelling_the_series_cancels_its_occurrences_to_come(
    world: Harness, series: Series
) -> None:
    scheduled = await series.schedule(recurrence(NOON, "UTC", "weekly", count=10))
    series_id = scheduled.series.id or 0
    await world.run_until(NOON + timedelta(minutes=1))

    await series.cancel(series_id)
    await series.cancel(series_id)  # again: nothing more

    view = await series.get(series_id)
    assert [o.publication.status for o in view.occurrences] == [PublicationStatus.CANCELLED] * 3
    published = await world.get(scheduled.first.post.id or 0)
    assert published.publication.status is PublicationStatus.PUBLISHED
    world.clock.advance(3 * WEEK)
    assert await series.materialise() == 0
    with pytest.raises(Conflict):
        await series.edit(series_id, caption="Too late")


async def test_a_contributor_cannot_change_someone_elses_series(
    world: Harness, series: Series
) -> None:
    await world.schedule()  # connects the account
    world.actor = Actor.of(7, [Role.CONTRIBUTORS], False, "owner")
    scheduled = await series.schedule(recurrence(NOON, "UTC", "daily", count=3), token=None)
    world.actor = Actor.of(8, [Role.CONTRIBUTORS], False, "other")

    with pytest.raises(PermissionDenied):
        await series.edit(scheduled.series.id or 0, caption="Mine now")
    with pytest.raises(PermissionDenied):
        await series.cancel(scheduled.series.id or 0)


async def test_every_change_of_a_series_is_in_the_audit_log(world: Harness, series: Series) -> None:
    scheduled = await series.schedule(recurrence(NOON, "UTC", "daily", count=3))
    await series.edit(scheduled.series.id or 0, caption="Changed")
    await series.cancel(scheduled.series.id or 0)

    entries = [
        (e.action, e.resource_id)
        for e in world.store.rows["audit"].values()
        if e.resource_id.startswith("series/")
    ]
    name = f"series/{scheduled.series.id}"
    assert entries == [("scheduled", name), ("changed", name), ("cancelled", name)]


def test_time_zone_of_rule_is_utc_by_default() -> None:
    assert (
        recurrence(datetime(2026, 12, 1, tzinfo=UTC), frequency="daily", count=1).time_zone == "UTC"
    )


async def test_a_series_with_no_time_left_is_no_longer_looked_at(
    world: Harness, series: Series
) -> None:
    scheduled = await series.schedule(recurrence(NOON, "UTC", "daily", count=3))

    async with world.uow() as uow:
        assert await uow.series.to_materialise(world.clock.now() + timedelta(weeks=400)) == []
    assert scheduled.series.is_active


@pytest.mark.parametrize(
    "what", [{"credential_ids": (1, 2)}, {"draft": True}, {"queue": True}], ids=str
)
async def test_what_a_series_cannot_be_is_refused_and_nothing_is_made(
    world: Harness, series: Series, what: dict[str, object]
) -> None:
    with pytest.raises(InvalidRecurrence):
        await series.schedule(recurrence(NOON, "UTC", "weekly", count=3), command=what)
    assert world.store.rows["posts"] == {}
