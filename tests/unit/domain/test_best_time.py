"""When to post: the week's pictures of followers online and of past results, their score,
and the next free hour that scores best."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from autopost.domain.best_time import (
    WEEK,
    OnlineDay,
    PastPost,
    WeekGrid,
    grid_rows,
    next_best_slot,
    online_grid,
    results_grid,
    scores,
)

pytestmark = pytest.mark.unit

UTC_ZONE = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 12, 7)


def evening_crowd(day: date) -> OnlineDay:
    """Followers online all day, most of them at 18:00 UTC."""
    return OnlineDay(day, tuple(500 if hour == 18 else 100 for hour in range(24)))


def test_followers_online_are_averaged_per_hour_of_the_week_in_the_zone() -> None:
    days = [
        OnlineDay(MONDAY, tuple([10] * 24)),
        OnlineDay(MONDAY + timedelta(days=7), tuple([30] * 24)),
    ]
    grid = online_grid(days, BERLIN)
    assert grid.at(0, 12) == 20.0, "two Mondays averaged"
    # 23:00 UTC on Monday is Tuesday 00:00 in Berlin (UTC+1 in December).
    assert grid.at(1, 0) == 20.0
    assert grid.at(0, 0) is None, "00:00 Monday in Berlin is Sunday 23:00 UTC: no Sunday given"


def test_an_hour_instagram_left_out_says_nothing() -> None:
    grid = online_grid([OnlineDay(MONDAY, (None,) * 23 + (5,))], UTC_ZONE)
    assert [v for v in grid.cells if v is not None] == [5.0]


def test_past_posts_are_averaged_by_the_hour_they_were_published() -> None:
    posts = [
        PastPost(datetime(2026, 12, 7, 9, 15, tzinfo=UTC), 100),
        PastPost(datetime(2026, 11, 30, 9, 45, tzinfo=UTC), 300),
    ]
    assert results_grid(posts, UTC_ZONE).at(0, 9) == 200.0


def test_the_score_weighs_the_audience_more_than_past_results() -> None:
    online = [None] * WEEK
    past = [None] * WEEK
    # As far apart each way: more followers online at 9, better past results at 18.
    online[9], online[18] = 100.0, 60.0
    past[9], past[18] = 60.0, 100.0
    both = scores(WeekGrid(tuple(online)), WeekGrid(tuple(past)))
    assert both.cells[9] == pytest.approx(0.6 * 1.0 + 0.4 * 0.6)
    assert both.cells[18] == pytest.approx(0.6 * 0.6 + 0.4 * 1.0)


def test_a_cell_with_one_picture_scores_by_it() -> None:
    online = [None] * WEEK
    online[3] = 40.0
    assert scores(WeekGrid(tuple(online)), WeekGrid((None,) * WEEK)).cells[3] == 1.0


def test_the_suggestion_is_the_best_free_hour_of_the_coming_week() -> None:
    grid = online_grid([evening_crowd(MONDAY + timedelta(days=d)) for d in range(7)], UTC_ZONE)
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    assert next_best_slot(grid, now, UTC_ZONE) == datetime(2026, 12, 7, 18, tzinfo=UTC)
    taken = [datetime(2026, 12, 7, 18, 30, tzinfo=UTC)]
    assert next_best_slot(grid, now, UTC_ZONE, taken) == datetime(2026, 12, 8, 18, tzinfo=UTC)


def test_the_suggestion_leaves_time_to_finish_the_post() -> None:
    grid = online_grid([evening_crowd(MONDAY + timedelta(days=d)) for d in range(7)], UTC_ZONE)
    now = datetime(2026, 12, 7, 17, 50, tzinfo=UTC)
    assert next_best_slot(grid, now, UTC_ZONE) == datetime(2026, 12, 8, 18, tzinfo=UTC)


def test_a_zone_half_an_hour_off_utc_is_suggested_its_own_whole_hours() -> None:
    kolkata = ZoneInfo("Asia/Kolkata")
    grid = online_grid([evening_crowd(MONDAY + timedelta(days=d)) for d in range(7)], kolkata)
    slot = next_best_slot(grid, datetime(2026, 12, 7, 0, 0, tzinfo=UTC), kolkata)
    assert slot is not None and slot.astimezone(kolkata).minute == 0


def test_nothing_is_suggested_without_any_numbers() -> None:
    assert next_best_slot(WeekGrid((None,) * WEEK), datetime.now(UTC), UTC_ZONE) is None


def test_the_grid_reads_as_seven_rows_of_twenty_four() -> None:
    rows = grid_rows(WeekGrid(tuple(float(i) for i in range(WEEK))))
    assert len(rows) == 7 and rows[1][0] == 24.0
