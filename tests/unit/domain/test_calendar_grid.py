"""The calendar's date arithmetic: the month grid, the week, their spans in a person's time
zone, and moving a post to another day at the same wall-clock time, across daylight-saving
changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from autopost.domain.calendar_grid import (
    View,
    calendar_span,
    local_day,
    local_moment,
    month_grid,
    moved_to,
    week_days,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def test_a_month_grid_is_whole_weeks_from_monday_holding_every_day_of_the_month() -> None:
    weeks = month_grid(date(2026, 12, 17))
    assert len(weeks) == 5
    assert weeks[0][0] == date(2026, 11, 30) and weeks[0][0].weekday() == 0
    assert weeks[-1][-1] == date(2027, 1, 3)
    days = [day for week in weeks for day in week]
    assert all(len(week) == 7 for week in weeks)
    assert [d for d in days if d.month == 12] == [date(2026, 12, n) for n in range(1, 32)]


def test_a_february_that_starts_on_monday_is_four_weeks_and_one_may_need_six() -> None:
    assert len(month_grid(date(2027, 2, 1))) == 4  # 1 Feb 2027 is a Monday, 28 days
    assert len(month_grid(date(2026, 8, 1))) == 6  # 1 Aug 2026 is a Saturday, 31 days


def test_the_months_before_and_after_december_and_january() -> None:
    december = calendar_span(View.MONTH, date(2026, 12, 9), ZoneInfo("UTC"))
    assert (december.previous, december.next) == (date(2026, 11, 1), date(2027, 1, 1))
    january = calendar_span(View.MONTH, date(2027, 1, 31), ZoneInfo("UTC"))
    assert (january.previous, january.next) == (date(2026, 12, 1), date(2027, 2, 1))


def test_a_week_runs_monday_to_sunday_and_its_links_move_by_seven_days() -> None:
    assert week_days(date(2026, 12, 6)) == tuple(
        date(2026, 11, 30) + timedelta(d) for d in range(7)
    )
    span = calendar_span(View.WEEK, date(2026, 12, 6), ZoneInfo("UTC"))
    assert (span.previous, span.next) == (date(2026, 11, 23), date(2026, 12, 7))


def test_a_week_across_the_spring_change_is_167_hours_from_midnight_to_midnight() -> None:
    # Clocks in Berlin spring forward on Sunday 29 March 2026, 02:00 -> 03:00.
    span = calendar_span(View.WEEK, date(2026, 3, 25), BERLIN)
    assert span.start == datetime(2026, 3, 22, 23, 0, tzinfo=UTC)  # Monday 00:00 CET
    assert span.end == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)  # next Monday 00:00 CEST
    assert span.end - span.start == timedelta(hours=167)


def test_a_week_across_the_autumn_change_is_169_hours() -> None:
    # New York falls back on Sunday 1 November 2026, 02:00 -> 01:00.
    span = calendar_span(View.WEEK, date(2026, 10, 28), NEW_YORK)
    assert span.end - span.start == timedelta(hours=169)


def test_posts_at_nine_every_day_of_a_dst_week_stay_at_nine_on_their_own_days() -> None:
    span = calendar_span(View.WEEK, date(2026, 3, 25), BERLIN)
    moments = [local_moment(day, time(9), BERLIN) for day in span.days]
    # Nine o'clock is 08:00 UTC before the change and 07:00 UTC after it.
    assert moments[5] == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)
    assert moments[6] == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    for day, moment in zip(span.days, moments, strict=True):
        assert span.start <= moment < span.end
        assert local_day(moment, BERLIN) == day
        assert moment.astimezone(BERLIN).time() == time(9)


def test_the_last_hour_of_a_day_belongs_to_that_day_not_the_next() -> None:
    late = local_moment(date(2026, 3, 28), time(23, 30), BERLIN)
    assert local_day(late, BERLIN) == date(2026, 3, 28)
    assert late == datetime(2026, 3, 28, 22, 30, tzinfo=UTC)


def test_a_post_dragged_across_the_change_keeps_its_wall_clock_time() -> None:
    saturday_nine = datetime(2026, 3, 28, 8, 0, tzinfo=UTC)
    monday = moved_to(saturday_nine, date(2026, 3, 30), BERLIN)
    assert monday == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert monday.astimezone(BERLIN).time() == time(9)
    back = moved_to(monday, date(2026, 3, 28), BERLIN)
    assert back == saturday_nine


def test_a_skipped_time_is_read_with_the_offset_before_the_change() -> None:
    skipped = local_moment(date(2026, 3, 29), time(2, 30), BERLIN)
    assert skipped == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 summer time
    repeated = local_moment(date(2026, 11, 1), time(1, 30), NEW_YORK)
    assert repeated == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # the first 01:30, EDT
