"""The insights time series on SQLite and PostgreSQL: a row per media per day, replaced
when the same day is collected again, read back as the domain's values."""

from __future__ import annotations

from datetime import timedelta

import pytest
from persistence_builders import NOW, Seed, UowFactory, remote_media

from autopost.domain.insights import (
    AccountInsights,
    MediaInsights,
    MediaMetric,
    PinInsights,
    PinMetric,
)
from autopost.domain.platform import Platform

pytestmark = pytest.mark.integration

TODAY = NOW.date()
YESTERDAY = TODAY - timedelta(days=1)
BIG = 3_000_000_000  # past a 32-bit integer: a reel's total watch time in milliseconds


async def test_a_media_keeps_a_row_a_day_and_the_same_day_is_replaced(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    (media_pk,) = await seed.media(account, [remote_media(1)])
    saves = [
        MediaInsights(media_pk, YESTERDAY, NOW, {MediaMetric.VIEWS: 10}),
        MediaInsights(media_pk, TODAY, NOW, {MediaMetric.VIEWS: 20, MediaMetric.SAVED: 1}),
        MediaInsights(
            media_pk,
            TODAY,
            NOW + timedelta(hours=1),
            {MediaMetric.VIEWS: 25, MediaMetric.REELS_TOTAL_WATCH_TIME: BIG},
        ),
    ]
    for row in saves:
        async with uow_factory() as uow:
            await uow.insights.save_media([row])
            await uow.commit()
    async with uow_factory() as uow:
        history = await uow.insights.media_history(media_pk)
        latest = await uow.insights.latest_media([media_pk, media_pk + 1000])
        last = await uow.insights.last_days(account)
    assert [(r.day, r.values) for r in history] == [
        (YESTERDAY, {MediaMetric.VIEWS: 10}),
        (TODAY, {MediaMetric.VIEWS: 25, MediaMetric.REELS_TOTAL_WATCH_TIME: BIG}),
    ]
    assert history[-1].collected_at == NOW + timedelta(hours=1)
    assert list(latest) == [media_pk]
    assert latest[media_pk].day == TODAY
    assert last == {media_pk: TODAY}


async def test_many_media_are_saved_at_once_and_last_days_are_per_account(
    uow_factory: UowFactory, seed: Seed
) -> None:
    one, other = await seed.credential(), await seed.credential()
    mine = await seed.media(one, [remote_media(n) for n in range(1, 121)])
    (theirs,) = await seed.media(other, [remote_media(500)])
    async with uow_factory() as uow:
        rows = [MediaInsights(pk, TODAY, NOW, {MediaMetric.REACH: pk}) for pk in mine]
        await uow.insights.save_media([*rows, MediaInsights(theirs, YESTERDAY, NOW)])
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.insights.last_days(one) == dict.fromkeys(mine, TODAY)
        assert await uow.insights.last_days(other) == {theirs: YESTERDAY}
        assert (await uow.insights.media_history(mine[7]))[0].values == {MediaMetric.REACH: mine[7]}


async def test_nothing_is_kept_without_a_commit(uow_factory: UowFactory, seed: Seed) -> None:
    account = await seed.credential()
    (media_pk,) = await seed.media(account, [remote_media(1)])
    async with uow_factory() as uow:
        await uow.insights.save_media([MediaInsights(media_pk, TODAY, NOW)])
    async with uow_factory() as uow:
        assert await uow.insights.media_history(media_pk) == []


async def test_an_accounts_days_keep_followers_and_online_hours(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    hours = tuple(range(100, 124))
    async with uow_factory() as uow:
        await uow.insights.save_account(AccountInsights(account, YESTERDAY, NOW, 900))
        await uow.insights.save_account(AccountInsights(account, TODAY, NOW, 950, hours))
        await uow.commit()
    async with uow_factory() as uow:
        days = await uow.insights.account_history(account)
        recent = await uow.insights.account_history(account, since=TODAY)
    assert [(d.day, d.followers_count, d.online_followers) for d in days] == [
        (YESTERDAY, 900, ()),
        (TODAY, 950, hours),
    ]
    assert [d.day for d in recent] == [TODAY]


async def test_pins_published_by_autopost_and_their_days(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential(platform="pinterest", account_id="quiz_team")
    published = await seed.publication(
        credential_id=account, platform=Platform.PINTEREST, remote_id="9001", published_at=NOW
    )
    await seed.publication(credential_id=account, platform=Platform.PINTEREST)  # not yet out
    async with uow_factory() as uow:
        pins = await uow.insights.published_pins(account, NOW - timedelta(days=90))
        assert await uow.insights.published_pins(account, NOW + timedelta(days=1)) == []
        await uow.insights.save_pins(
            [
                PinInsights(published, TODAY, NOW, {PinMetric.IMPRESSION: 40, PinMetric.SAVE: 2}),
                PinInsights(published, YESTERDAY, NOW, {PinMetric.OUTBOUND_CLICK: 1}),
            ]
        )
        await uow.commit()
    assert [(p.publication_id, p.pin_id) for p in pins] == [(published, "9001")]
    async with uow_factory() as uow:
        days = await uow.insights.pin_history(published)
    assert [(d.day, d.values) for d in days] == [
        (YESTERDAY, {PinMetric.OUTBOUND_CLICK: 1}),
        (TODAY, {PinMetric.IMPRESSION: 40, PinMetric.SAVE: 2}),
    ]


async def test_a_media_gone_takes_its_insights_with_it(uow_factory: UowFactory, seed: Seed) -> None:
    account = await seed.credential()
    (media_pk,) = await seed.media(account, [remote_media(1)])
    async with uow_factory() as uow:
        await uow.insights.save_media([MediaInsights(media_pk, TODAY, NOW)])
        await uow.insights.save_account(AccountInsights(account, TODAY, NOW, 1))
        await uow.commit()
    async with uow_factory() as uow:
        credential = await uow.credentials.get(account)
        assert credential is not None
        await uow.credentials.delete(credential)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.insights.media_history(media_pk) == []
        assert await uow.insights.account_history(account) == []


async def test_a_periods_totals_add_up_the_newest_media_numbers_and_the_pins_days(
    uow_factory: UowFactory, seed: Seed
) -> None:
    instagram = await seed.credential()
    long_ago = remote_media(2, timestamp=NOW - timedelta(days=10))
    inside, outside = await seed.media(instagram, [remote_media(1), long_ago])
    start, end = NOW - timedelta(days=2), NOW
    pinterest = await seed.credential(platform="pinterest")
    pin = await seed.publication(credential_id=pinterest, platform=Platform.PINTEREST)
    async with uow_factory() as uow:
        await uow.insights.save_media(
            [
                MediaInsights(inside, YESTERDAY, NOW, {MediaMetric.REACH: 5, MediaMetric.LIKES: 1}),
                MediaInsights(inside, TODAY, NOW, {MediaMetric.REACH: 50, MediaMetric.LIKES: 4}),
                MediaInsights(outside, TODAY, NOW, {MediaMetric.REACH: 7000}),
            ]
        )
        await uow.insights.save_pins(
            [
                PinInsights(pin, start.date(), NOW, {PinMetric.IMPRESSION: 30, PinMetric.SAVE: 2}),
                PinInsights(pin, end.date(), NOW, {PinMetric.IMPRESSION: 99}),
            ]
        )
        await uow.commit()
    async with uow_factory() as uow:
        totals = await uow.insights.period_totals(start, end)
    assert totals[instagram]["reach"] == 50, "the newest day of the media in the period only"
    assert totals[instagram]["likes"] == 4
    assert (totals[pinterest]["impressions"], totals[pinterest]["saves"]) == (30, 2)
