"""Collecting insights with fakes: what is asked for, what is kept, through failures."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from autopost.application.access import SYSTEM
from autopost.application.insights.every_account import CollectEveryAccountsInsights
from autopost.application.insights.instagram import CollectInstagramInsights
from autopost.application.insights.pinterest import CollectPinInsights
from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.instagram_insights_gateway import AccountNumbers
from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
    TransientPlatformError,
)
from autopost.domain.backoff import Backoff
from autopost.domain.credential import CredentialStatus
from autopost.domain.insights import MediaMetric, PinDay, PinMetric
from autopost.domain.retry_policy import RetryPolicy
from tests.fake_insight_gateways import FakeInstagramInsightsGateway, FakePinterestAnalytics
from tests.harness import NOON, Harness

ACCOUNT = "17841400000000001"
FAILING = TransientPlatformError("Instagram had a temporary problem: HTTP 503")
IMPATIENT = RetryPolicy(
    tries=2,
    patience=timedelta(seconds=10),
    backoff=Backoff(base=timedelta(seconds=1), cap=timedelta(seconds=2)),
)


def media(count: int, product: str = "FEED", media_type: str = "IMAGE") -> list[RemoteMedia]:
    return [
        RemoteMedia(
            f"1790{n:08d}",
            media_type,
            NOON - timedelta(days=2, minutes=n),
            media_product_type=product,
        )
        for n in range(count)
    ]


class World:
    def __init__(self) -> None:
        self.harness = Harness()
        self.instagram = FakeInstagramInsightsGateway()
        self.instagram.before_call = self.harness.no_transaction_open
        self.pinterest = FakePinterestAnalytics()

    async def with_media(self, items: list[RemoteMedia]) -> World:
        await self.harness.connect_instagram(ACCOUNT)
        self.harness.media_gateway.media = items
        await self.harness.sync().execute(SYSTEM)
        for n, item in enumerate(items):
            self.instagram.numbers[item.media_id] = {m: 10 + n for m in MediaMetric}
        return self

    def collect(self, policy: RetryPolicy | None = None) -> CollectInstagramInsights:
        h = self.harness
        return CollectInstagramInsights(h.uow(), self.instagram, h.box, h.clock, h.patience(policy))

    def kept_media(self) -> dict[object, object]:
        return self.harness.store.insights["media"]


async def test_each_media_is_asked_for_the_metrics_of_its_kind_and_kept_for_today() -> None:
    world = await World().with_media(media(1, "REELS", "VIDEO") + media(1, "STORY")[:0])
    report = await world.collect().execute(SYSTEM)
    assert report.finished and (report.media, report.kept) == (1, 1)
    ((_media_id, asked),) = world.instagram.asked
    assert MediaMetric.REELS_AVG_WATCH_TIME in asked
    (row,) = world.kept_media().values()
    assert row.day == world.harness.clock.now().date()
    assert row.get(MediaMetric.REELS_TOTAL_WATCH_TIME) == 10


async def test_the_accounts_followers_and_online_hours_are_kept() -> None:
    world = await World().with_media([])
    world.instagram.online = {h: h * 2 for h in range(24)}
    report = await world.collect().execute(SYSTEM)
    assert report.followers_count == 1200
    (row,) = world.harness.store.insights["accounts"].values()
    assert row.followers_count == 1200
    assert row.online_followers[23] == 46


async def test_a_second_run_the_same_day_asks_nothing_again() -> None:
    world = await World().with_media(media(3))
    await world.collect().execute(SYSTEM)
    world.instagram.asked.clear()
    report = await world.collect().execute(SYSTEM)
    assert (report.due, world.instagram.asked) == (0, [])


async def test_the_next_day_adds_a_row_and_keeps_yesterdays() -> None:
    world = await World().with_media(media(1))
    await world.collect().execute(SYSTEM)
    world.harness.clock.advance(timedelta(days=1))
    world.instagram.numbers["179000000000"][MediaMetric.VIEWS] = 99
    await world.collect().execute(SYSTEM)
    rows = sorted(world.kept_media().values(), key=lambda r: r.day)
    assert [r.get(MediaMetric.VIEWS) for r in rows] == [10, 99]


async def test_calls_that_fail_in_passing_are_tried_again() -> None:
    world = await World().with_media(media(3))
    world.instagram.script["media_insights"] = [FAILING, None, FAILING]
    report = await world.collect().execute(SYSTEM)
    assert report.finished and report.kept == 3 and report.retries == 2


async def test_a_run_that_gives_up_keeps_what_it_collected_and_the_next_asks_the_rest() -> None:
    world = await World().with_media(media(60))
    world.instagram.script["media_insights"] = [None] * 55 + [FAILING, FAILING]
    report = await world.collect(IMPATIENT).execute(SYSTEM)
    assert not report.finished and report.stopped == FAILING.message
    assert len(world.kept_media()) == 55, "the first batch and what the second had"
    world.instagram.asked.clear()
    report = await world.collect().execute(SYSTEM)
    assert report.finished and report.due == 5
    assert len(world.kept_media()) == 60


async def test_a_media_instagram_refuses_is_skipped_and_the_others_kept() -> None:
    world = await World().with_media(media(3))
    world.instagram.script["media_insights"] = [None, PermanentPlatformError("gone")]
    report = await world.collect().execute(SYSTEM)
    assert report.finished and (report.kept, report.skipped) == (2, 1)


async def test_a_refused_token_asks_to_reconnect_the_account() -> None:
    world = await World().with_media(media(1))
    world.instagram.script["account_numbers"] = [CredentialRejected("token expired")]
    with pytest.raises(CredentialRejected):
        await world.collect().execute(SYSTEM)
    (credential,) = world.harness.store.rows["credentials"].values()
    assert credential.status is CredentialStatus.NEEDS_RECONNECT


async def test_pin_analytics_are_kept_day_by_day() -> None:
    world = World()
    h = world.harness
    h.clock.set(NOON)
    await h.connect_pinterest()
    await h.schedule_pin(at=NOON + timedelta(minutes=1), board_id="900")
    h.clock.advance(timedelta(minutes=1))
    await h.sweep()
    await h.deliver_due()
    (publication,) = h.store.rows["publications"].values()
    assert publication.remote_id
    h.clock.advance(timedelta(days=3))
    today = h.clock.now().date()
    world.pinterest.days[publication.remote_id] = [
        PinDay(today - timedelta(days=d), {PinMetric.IMPRESSION: 100 - d, PinMetric.SAVE: 1})
        for d in range(10)
    ]
    collect = CollectPinInsights(h.uow(), world.pinterest, h.tokens, h.clock, h.patience())
    report = await collect.execute(SYSTEM)
    assert report.stopped is None
    ((_pin_id, start, end),) = world.pinterest.asked
    assert (start, end) == (NOON.date(), today), "from the day it was published"
    assert report.days_kept == 4
    pins = h.store.insights["pins"]
    assert pins[(publication.id, today)].values[PinMetric.IMPRESSION] == 100


async def test_one_account_refused_does_not_keep_the_others_from_being_collected() -> None:
    world = await World().with_media(media(2))
    h = world.harness
    await h.connect_instagram("17841400000000002", token="EAAG-other-token")
    world.instagram.script["account_numbers"] = [CredentialRejected("token expired")]

    def instagram() -> CollectInstagramInsights:
        return world.collect()

    def pinterest() -> CollectPinInsights:
        return CollectPinInsights(h.uow(), world.pinterest, h.tokens, h.clock, h.patience())

    collected = await CollectEveryAccountsInsights(h.uow(), instagram, pinterest).execute()

    first, second = collected
    assert first.refused is not None and "token expired" in first.refused
    assert second.finished and second.report is not None
    assert second.report.followers_count == 1200


async def test_an_account_waiting_on_instagram_does_not_hold_the_others_back() -> None:
    world = await World().with_media([])
    h = world.harness
    await h.connect_instagram("17841400000000002", token="EAAG-other-token")
    second_started = asyncio.Event()
    started: list[str] = []

    class WaitingForTheOther(FakeInstagramInsightsGateway):
        async def account_numbers(self, account: InstagramAccount) -> AccountNumbers:
            started.append(account.ig_user_id)
            if account.ig_user_id == ACCOUNT:
                await second_started.wait()  # as an account held back near its rate limit
            else:
                second_started.set()
            return await super().account_numbers(account)

    gateway = WaitingForTheOther()

    def instagram() -> CollectInstagramInsights:
        return CollectInstagramInsights(h.uow(), gateway, h.box, h.clock, h.patience())

    def pinterest() -> CollectPinInsights:
        return CollectPinInsights(h.uow(), world.pinterest, h.tokens, h.clock, h.patience())

    every = CollectEveryAccountsInsights(h.uow(), instagram, pinterest)
    # Were the accounts collected one after the other, the first would wait forever.
    collected = await asyncio.wait_for(every.execute(), timeout=5)

    assert started == [ACCOUNT, "17841400000000002"]
    assert all(account.finished for account in collected)


async def test_followers_refused_still_leave_the_media_collected() -> None:
    world = await World().with_media(media(3))
    world.instagram.script["account_numbers"] = [PermanentPlatformError("not a business account")]
    report = await world.collect().execute(SYSTEM)
    assert report.finished and report.kept == 3 and report.followers_count is None
    assert world.harness.store.insights["accounts"] == {}
