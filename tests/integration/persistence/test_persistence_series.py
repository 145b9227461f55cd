"""Recurring posts on SQLite and PostgreSQL: a series round-trips, with its rule; its
occurrences are found in order; a second post for a time a series already has is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs
import pytest
from persistence_builders import NOW, Seed, UowFactory

from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.platform import Platform
from autopost.domain.post import InstagramContent, Post
from autopost.domain.post_series import PostSeries, SeriesStatus, series_of
from autopost.domain.recurrence import Frequency, recurrence

pytestmark = pytest.mark.integration

FIRST = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


async def stored_series(uow_factory: UowFactory, seed: Seed) -> PostSeries:
    template_id = await seed.post(caption="Weekly tip")
    credential_id = await seed.credential()
    rule = recurrence(
        FIRST, "Europe/Berlin", "weekly", weekdays=["mon", "thu"], until=FIRST + timedelta(days=60)
    )
    series = series_of(rule, template_id, credential_id, Platform.INSTAGRAM, NOW)
    async with uow_factory() as uow:
        await uow.series.add(series)
        await uow.commit()
    return series


def occurrence(series: PostSeries, at: datetime) -> Post:
    return Post(
        content=InstagramContent(url="https://cdn.example.com/a.jpg"),
        created_at=NOW,
        series_id=series.id,
        occurrence_at=at,
    )


async def test_a_series_round_trips_with_its_rule(uow_factory: UowFactory, seed: Seed) -> None:
    series = await stored_series(uow_factory, seed)

    async with uow_factory() as uow:
        loaded = await uow.series.get(series.id or 0)

    assert loaded is not None and loaded is not series
    assert attrs.asdict(loaded) == attrs.asdict(series) | {"version": 1}
    assert loaded.frequency is Frequency.WEEKLY
    assert loaded.recurrence.weekdays == ("mon", "thu")
    assert loaded.recurrence.occurrences(FIRST, FIRST + timedelta(days=4)) == [
        FIRST,
        FIRST + timedelta(days=3),
    ]


async def test_a_recurring_pin_keeps_its_board_and_section(
    uow_factory: UowFactory, seed: Seed
) -> None:
    template_id, credential_id = await seed.post(), await seed.credential(platform="pinterest")
    rule = recurrence(FIRST, "UTC", frequency="daily", count=2)
    series = series_of(
        rule, template_id, credential_id, Platform.PINTEREST, NOW, "998877", None, "5566"
    )
    async with uow_factory() as uow:
        await uow.series.add(series)
        await uow.commit()
    async with uow_factory() as uow:
        loaded = await uow.series.get(series.id or 0)

    assert loaded is not None and (loaded.board_id, loaded.board_section_id) == ("998877", "5566")


async def test_the_occurrences_of_a_series_come_in_their_order_and_others_stay_out(
    uow_factory: UowFactory, seed: Seed
) -> None:
    series = await stored_series(uow_factory, seed)
    await seed.post(caption="not in a series")
    async with uow_factory() as uow:
        for days in (3, 0, 7):
            await uow.posts.add(occurrence(series, FIRST + timedelta(days=days)))
        await uow.commit()

    async with uow_factory() as uow:
        found = await uow.series.occurrences(series.id or 0)

    assert [p.occurrence_at for p in found] == [FIRST + timedelta(days=d) for d in (0, 3, 7)]
    assert {p.series_id for p in found} == {series.id}


async def test_a_second_post_for_the_same_time_of_a_series_is_refused(
    uow_factory: UowFactory, seed: Seed
) -> None:
    series = await stored_series(uow_factory, seed)
    async with uow_factory() as uow:
        await uow.posts.add(occurrence(series, FIRST))
        await uow.commit()

    async with uow_factory() as uow:
        with pytest.raises(ConcurrentUpdate):
            await uow.posts.add(occurrence(series, FIRST))

    async with uow_factory() as uow:
        assert len(await uow.series.occurrences(series.id or 0)) == 1
        # Posts of no series never clash.
        for _ in range(2):
            await uow.posts.add(
                Post(content=InstagramContent(url="https://cdn.example.com/b.jpg"), created_at=NOW)
            )
        await uow.commit()


async def test_only_active_series_behind_the_horizon_are_to_make(
    uow_factory: UowFactory, seed: Seed
) -> None:
    behind = await stored_series(uow_factory, seed)
    ahead = await stored_series(uow_factory, seed)
    cancelled = await stored_series(uow_factory, seed)
    async with uow_factory() as uow:
        loaded_ahead = await uow.series.get(ahead.id or 0)
        loaded_cancelled = await uow.series.get(cancelled.id or 0)
        assert loaded_ahead is not None and loaded_cancelled is not None
        loaded_ahead.materialised(NOW + timedelta(weeks=8), now=NOW)
        loaded_cancelled.cancel(now=NOW)
        await uow.commit()

    async with uow_factory() as uow:
        found = await uow.series.to_materialise(NOW + timedelta(weeks=4))

    assert [s.id for s in found] == [behind.id]
    assert loaded_cancelled.status is SeriesStatus.CANCELLED


async def test_a_series_changed_meanwhile_is_not_overwritten(
    uow_factory: UowFactory, seed: Seed, database_url: str
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite holds one connection: two transactions cannot interleave there")
    series = await stored_series(uow_factory, seed)
    async with uow_factory() as first, uow_factory() as second:
        mine = await first.series.get(series.id or 0)
        theirs = await second.series.get(series.id or 0)
        assert mine is not None and theirs is not None
        theirs.cancel(now=NOW)
        await second.commit()
        mine.materialised(NOW + timedelta(weeks=4), now=NOW)
        with pytest.raises(ConcurrentUpdate):
            await first.commit()
