"""Which metrics each kind of media has, and when a media is asked about again."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from autopost.domain.insights import (
    AccountInsights,
    MediaInsights,
    MediaMetric,
    hours_from,
    insights_due,
    metrics_for,
    pin_days,
)

TODAY = date(2026, 12, 6)
NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


def test_reels_have_the_watch_times_and_feed_media_do_not() -> None:
    reels = metrics_for("VIDEO", "REELS")
    assert MediaMetric.REELS_AVG_WATCH_TIME in reels
    assert MediaMetric.REELS_TOTAL_WATCH_TIME in reels
    for media_type in ("IMAGE", "VIDEO", "CAROUSEL_ALBUM"):
        feed = metrics_for(media_type, "FEED")
        assert MediaMetric.REELS_AVG_WATCH_TIME not in feed
        assert {MediaMetric.VIEWS, MediaMetric.SAVED, MediaMetric.LIKES} <= set(feed)


def test_a_story_is_not_asked_for_likes_comments_or_saves() -> None:
    story = set(metrics_for("IMAGE", "STORY"))
    assert story == {
        MediaMetric.VIEWS,
        MediaMetric.REACH,
        MediaMetric.SHARES,
        MediaMetric.TOTAL_INTERACTIONS,
    }


def test_the_retired_metrics_are_never_asked_for() -> None:
    names = {m.value for m in MediaMetric}
    assert not names & {"impressions", "plays", "video_views", "clips_replays_count"}


def test_a_media_never_asked_about_is_due() -> None:
    assert insights_due(days_ago(400), "FEED", None, TODAY)


def test_a_media_asked_about_today_is_not_due_again_today() -> None:
    assert not insights_due(days_ago(3), "FEED", TODAY, TODAY)
    assert insights_due(days_ago(3), "FEED", TODAY - timedelta(days=1), TODAY)


def test_a_media_older_than_a_month_is_asked_about_once_a_week() -> None:
    old = days_ago(45)
    assert not insights_due(old, "REELS", TODAY - timedelta(days=6), TODAY)
    assert insights_due(old, "REELS", TODAY - timedelta(days=7), TODAY)


def test_a_story_past_instagrams_day_is_never_asked_about() -> None:
    assert insights_due(days_ago(1), "STORY", None, TODAY)
    assert not insights_due(days_ago(3), "STORY", None, TODAY)


def test_online_followers_are_24_hours_with_the_missing_ones_empty() -> None:
    hours = hours_from({0: 5, 13: 40})
    assert len(hours) == 24
    assert (hours[0], hours[1], hours[13]) == (5, None, 40)
    assert hours_from({}) == ()


def test_an_account_day_refuses_other_than_24_hours() -> None:
    with pytest.raises(ValueError, match="24"):
        AccountInsights(1, TODAY, NOW, 10, (1, 2, 3))


def test_a_metric_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        MediaInsights(1, TODAY, NOW, {MediaMetric.REACH: -1})


def test_pins_are_asked_for_their_last_week_and_not_before_they_were_published() -> None:
    assert pin_days(days_ago(30), TODAY) == (TODAY - timedelta(days=6), TODAY)
    assert pin_days(days_ago(2), TODAY) == (TODAY - timedelta(days=2), TODAY)
    assert pin_days(days_ago(91), TODAY) is None
