"""When a recurring post repeats: its times in its own time zone, its end, and the rules that
cannot be used."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from autopost.domain.recurrence import InvalidRecurrence, recurrence

BERLIN = ZoneInfo("Europe/Berlin")
YEAR = timedelta(days=366)


def test_a_weekly_post_stays_at_nine_in_berlin_across_the_change_to_winter_time() -> None:
    # Summer time ends on Sunday 25 October 2026.
    start = datetime(2026, 10, 19, 9, 0, tzinfo=BERLIN)
    rule = recurrence(start, "Europe/Berlin", "weekly", weekdays=["mon", "thu"], count=4)

    times = rule.occurrences(start, start + YEAR)

    assert [t.astimezone(BERLIN).strftime("%a %d %H:%M") for t in times] == [
        "Mon 19 09:00",
        "Thu 22 09:00",
        "Mon 26 09:00",
        "Thu 29 09:00",
    ]
    # In UTC, an hour later after the change.
    assert [t.hour for t in times] == [7, 7, 8, 8]
    assert all(t.tzinfo is UTC for t in times)


def test_a_weekly_post_without_days_repeats_on_the_day_it_starts() -> None:
    start = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)  # a Wednesday
    rule = recurrence(start, frequency="weekly", count=3)

    assert rule.occurrences(start, start + YEAR) == [
        start,
        start + timedelta(weeks=1),
        start + timedelta(weeks=2),
    ]


def test_a_monthly_post_on_the_31st_is_on_the_last_day_of_shorter_months() -> None:
    start = datetime(2027, 1, 31, 9, 0, tzinfo=BERLIN)
    rule = recurrence(start, "Europe/Berlin", "monthly", count=4)

    times = [t.astimezone(BERLIN) for t in rule.occurrences(start, start + YEAR)]

    assert [(t.month, t.day, t.hour) for t in times] == [
        (1, 31, 9),
        (2, 28, 9),
        (3, 31, 9),
        (4, 30, 9),
    ]


def test_an_rrule_on_the_31st_keeps_rfc_5545s_reading_and_skips_shorter_months() -> None:
    start = datetime(2027, 1, 31, 9, 0, tzinfo=UTC)
    rule = recurrence(start, rrule="FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3")

    assert [t.month for t in rule.occurrences(start, start + YEAR)] == [1, 3, 5]


def test_a_daily_post_every_other_day_ends_at_its_end_date() -> None:
    start = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    rule = recurrence(start, frequency="daily", interval=2, until=datetime(2026, 12, 7, tzinfo=UTC))

    assert [t.day for t in rule.occurrences(start, start + YEAR)] == [1, 3, 5]


def test_an_rrule_without_an_end_gives_the_times_of_the_window_asked_for() -> None:
    start = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    rule = recurrence(start, rrule="RRULE:FREQ=DAILY")

    window = rule.occurrences(start + timedelta(days=10), start + timedelta(days=12))

    assert window == [start + timedelta(days=day) for day in (10, 11, 12)]
    assert rule.next_after(start + timedelta(hours=1)) == start + timedelta(days=1)


def test_an_rrule_ending_in_utc_ends_there_in_any_zone() -> None:
    start = datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN)
    rule = recurrence(start, "Europe/Berlin", rrule="FREQ=DAILY;UNTIL=20261203T080000Z")

    assert len(rule.occurrences(start, start + YEAR)) == 3


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ({"rrule": "FREQ=SOMETIMES"}, "Not an RFC 5545 rule"),
        ({"rrule": "FREQ=HOURLY;COUNT=3"}, "daily at most"),
        ({"rrule": "DTSTART:20270101T000000Z\nRRULE:FREQ=DAILY"}, "one RFC 5545 rule"),
        ({"rrule": "FREQ=DAILY;COUNT=3", "count": 2}, "its own end"),
        ({"frequency": "weekly"}, "Say when it ends"),
        ({"frequency": "yearly", "count": 2}, "daily, weekly or monthly"),
        ({"frequency": "daily", "weekdays": ["mon"], "count": 2}, "only with a weekly"),
        ({"frequency": "weekly", "weekdays": ["monday"], "count": 2}, "not monday"),
        ({"frequency": "daily", "interval": 0, "count": 2}, "interval"),
        ({"frequency": "daily", "count": 2, "until": datetime(2027, 1, 1, tzinfo=UTC)}, "not both"),
        ({"frequency": "daily", "count": 0}, "count"),
        ({}, "either a frequency"),
        ({"frequency": "daily", "rrule": "FREQ=DAILY", "count": 2}, "either a frequency"),
        ({"frequency": "daily", "count": 2, "time_zone": "Mars/Olympus"}, "Unknown time zone"),
    ],
)
def test_a_rule_that_cannot_be_used_is_refused_saying_why(
    given: dict[str, Any], words: str
) -> None:
    with pytest.raises(InvalidRecurrence, match=words):
        recurrence(datetime(2026, 12, 1, 9, tzinfo=UTC), **given)


def test_a_first_time_without_a_zone_is_refused() -> None:
    with pytest.raises(InvalidRecurrence, match="time zone"):
        recurrence(datetime(2026, 12, 1, 9), frequency="daily", count=2)


def test_a_time_the_clocks_skip_is_an_hour_later_that_day() -> None:
    # 02:30 does not exist in Berlin on Sunday 28 March 2027: clocks go from 02:00 to 03:00.
    start = datetime(2027, 3, 27, 2, 30, tzinfo=BERLIN)
    rule = recurrence(start, "Europe/Berlin", "daily", count=3)

    local = [
        t.astimezone(BERLIN).strftime("%d %H:%M") for t in rule.occurrences(start, start + YEAR)
    ]

    assert local == ["27 02:30", "28 03:30", "29 02:30"]
