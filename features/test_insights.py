"""Collecting insights: each kind of media's numbers, day by day, through a flaky Instagram;
the followers and their hours; a published pin's daily analytics."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.fake_insight_gateways import FakeInstagramInsightsGateway, FakePinterestAnalytics
from tests.harness import NOON

from autopost.application.access import SYSTEM
from autopost.application.insights.instagram import CollectInstagramInsights, InsightsReport
from autopost.application.insights.pinterest import CollectPinInsights, PinInsightsReport
from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.application.ports.platform_errors import RateLimited, TransientPlatformError
from autopost.domain.insights import MediaInsights, MediaMetric, PinDay, PinMetric
from features.conftest import Scenario, run

scenarios("insights.feature")

SERVER_ERROR = TransientPlatformError("Instagram had a temporary problem: HTTP 503")
RATE_LIMIT = RateLimited("Instagram is limiting requests", timedelta(minutes=1))


class Insights:
    def __init__(self, scenario: Scenario) -> None:
        self.world = scenario.world
        self.instagram = FakeInstagramInsightsGateway()
        self.instagram.before_call = self.world.no_transaction_open
        self.pinterest = FakePinterestAnalytics()
        self.report: InsightsReport | None = None
        self.pins: PinInsightsReport | None = None

    def collect(self) -> InsightsReport:
        w = self.world
        self.instagram.asked.clear()
        use_case = CollectInstagramInsights(w.uow(), self.instagram, w.box, w.clock, w.patience())
        self.report = run(use_case.execute(SYSTEM))
        return self.report

    def kept(self) -> list[MediaInsights]:
        return list(self.world.store.insights["media"].values())

    def kept_for(self, media_id: str) -> list[MediaInsights]:
        pk = next(m.id for m in self.world.store.rows["media"].values() if m.media_id == media_id)
        return sorted((r for r in self.kept() if r.media_pk == pk), key=lambda r: r.day)


@pytest.fixture
def insights(scenario: Scenario) -> Insights:
    return Insights(scenario)


def every_metric(views: int = 100) -> dict[MediaMetric, int]:
    return {metric: views if metric is MediaMetric.VIEWS else 7 for metric in MediaMetric}


@given("the account has a photo, a reel and a story on Instagram")
def photo_reel_story(scenario: Scenario, insights: Insights) -> None:
    media = [
        RemoteMedia("17900000000001", "IMAGE", NOON - timedelta(days=2), media_product_type="FEED"),
        RemoteMedia(
            "17900000000002", "VIDEO", NOON - timedelta(days=1), media_product_type="REELS"
        ),
        RemoteMedia(
            "17900000000003", "IMAGE", NOON - timedelta(hours=3), media_product_type="STORY"
        ),
    ]
    scenario.world.media_gateway.media = media
    for item in media:
        insights.instagram.numbers[item.media_id] = every_metric()


@given(parsers.parse("the account has {count:d} followers, most of them online at {hour:d}:00"))
def followers(insights: Insights, count: int, hour: int) -> None:
    insights.instagram.followers_count = count
    insights.instagram.online = {h: 3000 if h == hour else 100 + h for h in range(24)}


@given("one insights call in ten fails and another is refused for a rate limit")
def flaky(insights: Insights) -> None:
    dice = random.Random(3)
    outcomes: list[object] = []
    for _ in range(400):
        roll = dice.random()
        outcomes.append(SERVER_ERROR if roll < 0.1 else RATE_LIMIT if roll < 0.2 else None)
    insights.instagram.script["media_insights"] = outcomes


@given(parsers.parse("Instagram stops answering insights after {count:d} media"))
def stops_after(insights: Insights, count: int) -> None:
    insights.instagram.script["media_insights"] = [None] * count + [SERVER_ERROR] * 100


@when("Instagram answers again")
def answers_again(insights: Insights) -> None:
    insights.instagram.script.pop("media_insights", None)


@given("the insights were collected")
@when("the insights are collected")
def collected(scenario: Scenario, insights: Insights) -> None:
    if not insights.instagram.numbers:
        for item in scenario.world.media_gateway.media:
            insights.instagram.numbers[item.media_id] = every_metric()
    if not scenario.world.store.rows["media"]:
        run(scenario.world.sync().execute(SYSTEM))
    insights.collect()


@when("a day passes and the media were seen more")
def a_day_passes(scenario: Scenario, insights: Insights) -> None:
    scenario.world.clock.advance(timedelta(days=1))
    for numbers in insights.instagram.numbers.values():
        numbers[MediaMetric.VIEWS] += 50


@then("the reel's watch time is kept")
def reel_watch_time(insights: Insights) -> None:
    (row,) = insights.kept_for("17900000000002")
    assert row.get(MediaMetric.REELS_AVG_WATCH_TIME) is not None
    assert row.get(MediaMetric.REELS_TOTAL_WATCH_TIME) is not None


@then("the photo's saves are kept but no watch time")
def photo_saves(insights: Insights) -> None:
    (row,) = insights.kept_for("17900000000001")
    assert row.get(MediaMetric.SAVED) is not None
    assert row.get(MediaMetric.REELS_AVG_WATCH_TIME) is None


@then("the story has no likes kept")
def story_no_likes(insights: Insights) -> None:
    (row,) = insights.kept_for("17900000000003")
    assert row.get(MediaMetric.LIKES) is None and row.get(MediaMetric.REACH) is not None


@then(parsers.parse("Instagram was asked about no media the second time"))
def asked_nothing(insights: Insights) -> None:
    assert insights.instagram.asked == []


@then(parsers.parse("Instagram was asked about {count:d} media the second time"))
def asked_about(insights: Insights, count: int) -> None:
    assert len(insights.instagram.asked) == count


@then(parsers.parse("each media has {count:d} days kept, the second with more views"))
def days_kept(scenario: Scenario, insights: Insights, count: int) -> None:
    for item in scenario.world.media_gateway.media:
        rows = insights.kept_for(item.media_id)
        assert len(rows) == count
        first, second = (row.get(MediaMetric.VIEWS) or 0 for row in rows)
        assert second == first + 50


@then(
    parsers.parse("the account's day holds {count:d} followers and its busiest hour is {hour:d}:00")
)
def account_day(scenario: Scenario, count: int, hour: int) -> None:
    (day,) = scenario.world.store.insights["accounts"].values()
    assert day.followers_count == count
    hours = list(day.online_followers)
    assert hours.index(max(h or 0 for h in hours)) == hour


@then("the collection finished")
def finished(insights: Insights) -> None:
    assert insights.report is not None and insights.report.finished
    assert insights.report.retries > 0


@then(parsers.parse("every one of the {count:d} media has today's numbers, once"))
def every_media_once(scenario: Scenario, insights: Insights, count: int) -> None:
    today = scenario.world.clock.now().date()
    kept = Counter(row.media_pk for row in insights.kept() if row.day == today)
    assert len(kept) == count and set(kept.values()) == {1}


@then(parsers.parse("the collection stopped part way, keeping {count:d} media"))
def stopped_part_way(insights: Insights, count: int) -> None:
    assert insights.report is not None and not insights.report.finished
    assert insights.report.kept == count == len(insights.kept())


@given(parsers.parse("a pin published on Pinterest {days:d} days ago"))
def pin_published(scenario: Scenario, days: int) -> None:
    world = scenario.world
    run(world.connect_pinterest())
    run(world.schedule_pin(at=world.clock.now() + timedelta(minutes=1), board_id="900"))
    world.clock.advance(timedelta(minutes=1))
    run(world.sweep())
    run(world.deliver_due())
    world.clock.advance(timedelta(days=days))


@given("Pinterest counted impressions on each day since")
def pinterest_counted(scenario: Scenario, insights: Insights) -> None:
    (publication,) = scenario.world.store.rows["publications"].values()
    assert publication.remote_id and publication.published_at
    first = publication.published_at.date()
    insights.pinterest.days[publication.remote_id] = [
        PinDay(first + timedelta(days=n), {PinMetric.IMPRESSION: 10 * (n + 1)}) for n in range(9)
    ]


@when("the pin analytics are collected")
def pins_collected(scenario: Scenario, insights: Insights) -> None:
    w = scenario.world
    use_case = CollectPinInsights(w.uow(), insights.pinterest, w.tokens, w.clock, w.patience())
    insights.pins = run(use_case.execute(SYSTEM))


@then(parsers.parse("the pin has {count:d} days kept, each with its impressions"))
def pin_days_kept(scenario: Scenario, count: int) -> None:
    days = sorted(scenario.world.store.insights["pins"].values(), key=lambda d: d.day)
    assert len(days) == count
    assert [d.values[PinMetric.IMPRESSION] for d in days] == [10, 20, 30, 40]
