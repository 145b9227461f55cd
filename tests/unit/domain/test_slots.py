"""Weekly posting slots keep their local time across daylight-saving changes, a local time
that does not exist or happens twice is read by RFC 5545's rule, and the next free slot skips
the taken ones and those the publishing quota has no room for."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from autopost.domain.errors import ValidationFailed
from autopost.domain.slots import (
    PostingSchedule,
    PublishingQuota,
    Weekday,
    WeeklySlot,
    next_free_slot,
    posting_schedule,
)

WEEKDAYS_9_AND_18 = [
    (day, at) for day in ("mon", "tue", "wed", "thu", "fri") for at in ("09:00", "18:00")
]


def schedule(zone: str, *slots: tuple[str, str]) -> PostingSchedule:
    return posting_schedule(1, zone, slots or WEEKDAYS_9_AND_18)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def local_times(found: list[datetime], zone: str) -> list[str]:
    return [f"{m.astimezone(schedule(zone).zone):%a %Y-%m-%d %H:%M %Z}" for m in found]


def first(schedule_: PostingSchedule, after: datetime, count: int) -> list[datetime]:
    occurrences = schedule_.occurrences(after)
    return [next(occurrences) for _ in range(count)]


def test_a_berlin_slot_stays_at_nine_local_across_the_spring_change() -> None:
    # Clocks in Berlin go from 02:00 to 03:00 on Sunday 29 March 2026.
    berlin = schedule("Europe/Berlin", ("fri", "09:00"), ("mon", "09:00"))
    found = first(berlin, utc(2026, 3, 26, 12), 3)
    assert found == [utc(2026, 3, 27, 8), utc(2026, 3, 30, 7), utc(2026, 4, 3, 7)]
    assert local_times(found, "Europe/Berlin") == [
        "Fri 2026-03-27 09:00 CET",
        "Mon 2026-03-30 09:00 CEST",
        "Fri 2026-04-03 09:00 CEST",
    ]


def test_a_new_york_slot_stays_at_nine_local_across_the_autumn_change() -> None:
    # Clocks in New York go back from 02:00 to 01:00 on Sunday 1 November 2026.
    new_york = schedule("America/New_York", ("fri", "09:00"), ("mon", "09:00"))
    found = first(new_york, utc(2026, 10, 29, 12), 2)
    assert found == [utc(2026, 10, 30, 13), utc(2026, 11, 2, 14)]
    assert local_times(found, "America/New_York") == [
        "Fri 2026-10-30 09:00 EDT",
        "Mon 2026-11-02 09:00 EST",
    ]


def test_a_local_time_skipped_by_the_spring_change_happens_an_hour_later_that_day() -> None:
    berlin = schedule("Europe/Berlin", ("sun", "02:30"))
    found = first(berlin, utc(2026, 3, 22, 12), 2)
    # 02:30 does not exist on 29 March: read with the offset before the gap, it is 03:30 CEST.
    assert found == [utc(2026, 3, 29, 1, 30), utc(2026, 4, 5, 0, 30)]
    assert local_times(found, "Europe/Berlin") == [
        "Sun 2026-03-29 03:30 CEST",
        "Sun 2026-04-05 02:30 CEST",
    ]
    assert berlin.holds(utc(2026, 3, 29, 1, 30))


def test_a_new_york_local_time_skipped_in_spring_happens_an_hour_later() -> None:
    new_york = schedule("America/New_York", ("sun", "02:15"))
    assert first(new_york, utc(2026, 3, 7), 1) == [utc(2026, 3, 8, 7, 15)]  # 03:15 EDT


def test_a_local_time_that_happens_twice_in_autumn_is_its_first_occurrence() -> None:
    berlin = schedule("Europe/Berlin", ("sun", "02:30"))
    # 25 October 2026: 02:30 CEST (00:30 UTC), then 02:30 CET (01:30 UTC).
    assert first(berlin, utc(2026, 10, 24), 1) == [utc(2026, 10, 25, 0, 30)]


def test_two_slots_on_one_moment_are_one() -> None:
    berlin = schedule("Europe/Berlin", ("sun", "02:30"), ("sun", "03:30"))
    assert first(berlin, utc(2026, 3, 28), 2) == [utc(2026, 3, 29, 1, 30), utc(2026, 4, 5, 0, 30)]


def test_the_next_free_slot_skips_taken_slots_and_is_after_the_moment() -> None:
    berlin = schedule("Europe/Berlin")
    monday = utc(2026, 3, 30, 7)  # 09:00 CEST
    evening = utc(2026, 3, 30, 16)  # 18:00 CEST
    assert next_free_slot(berlin, monday - timedelta(minutes=1), []) == monday
    assert next_free_slot(berlin, monday, []) == evening  # strictly after
    assert next_free_slot(berlin, utc(2026, 3, 30, 6), [monday, evening]) == utc(2026, 3, 31, 7)


def test_a_slot_whose_24_hours_are_full_is_skipped() -> None:
    berlin = schedule("Europe/Berlin")
    quota = PublishingQuota(3)
    monday_morning = [utc(2026, 3, 30, 5, minute) for minute in (0, 10, 20)]
    # 09:00 and 18:00 on Monday share 24 hours with the three posts of the early morning;
    # 09:00 on Tuesday is a day after them.
    found = next_free_slot(berlin, utc(2026, 3, 30, 4), monday_morning, quota)
    assert found == utc(2026, 3, 31, 7)
    # One place fewer taken, and Monday 09:00 has room.
    assert next_free_slot(berlin, utc(2026, 3, 30, 4), monday_morning[:2], quota) == utc(
        2026, 3, 30, 7
    )


def test_the_quota_counts_the_fullest_24_hours_that_hold_the_slot() -> None:
    quota = PublishingQuota(2)
    slot = utc(2026, 3, 30, 12)
    # One post 20 hours before and one 20 hours after: no 24 hours hold all three.
    assert quota.has_room([slot - timedelta(hours=20), slot + timedelta(hours=20)], slot)
    # Both within 24 hours after the first: the window from it holds three.
    assert not quota.has_room([slot - timedelta(hours=20), slot + timedelta(hours=3)], slot)
    assert not quota.has_room([slot + timedelta(hours=1), slot + timedelta(hours=23)], slot)
    assert quota.has_room([slot - timedelta(hours=24), slot + timedelta(hours=24)], slot)


def test_an_account_without_slots_has_no_next_slot() -> None:
    empty = PostingSchedule(1, "Europe/Berlin", ())
    assert next_free_slot(empty, utc(2026, 3, 30), []) is None


def test_a_post_sits_in_a_slot_only_at_its_exact_moment() -> None:
    berlin = schedule("Europe/Berlin")
    assert berlin.holds(utc(2026, 3, 30, 7))
    assert not berlin.holds(utc(2026, 3, 30, 8))
    assert not berlin.holds(utc(2026, 3, 28, 8))  # a Saturday


def test_a_schedule_is_read_from_what_a_person_wrote_sorted() -> None:
    found = posting_schedule(7, "America/New_York", [("tue", "18:00"), ("mon", "09:05")])
    assert found.slots == (
        WeeklySlot(Weekday.MON, time(9, 5)),
        WeeklySlot(Weekday.TUE, time(18, 0)),
    )
    assert [slot.label for slot in found.slots] == ["mon 09:05", "tue 18:00"]


@pytest.mark.parametrize(
    ("zone", "slots", "field", "words"),
    [
        ("Mars/Olympus", [("mon", "09:00")], "time_zone", "IANA"),
        ("localtime", [("mon", "09:00")], "time_zone", "IANA"),
        ("../etc/passwd", [("mon", "09:00")], "time_zone", "IANA"),
        ("Europe/Berlin", [("monday", "09:00")], "slots", "mon, tue"),
        ("Europe/Berlin", [("mon", "9:00")], "slots", "HH:MM"),
        ("Europe/Berlin", [("mon", "24:00")], "slots", "HH:MM"),
        ("Europe/Berlin", [("mon", "09:00"), ("mon", "09:00")], "slots", "twice"),
    ],
)
def test_what_is_not_a_schedule_is_refused_by_field(
    zone: str, slots: list[tuple[str, str]], field: str, words: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        posting_schedule(1, zone, slots)
    assert words in " ".join(refused.value.errors[field])


def test_too_many_slots_are_refused() -> None:
    many = [
        (day, f"{hour:02d}:{minute:02d}")
        for day in ("mon", "tue")
        for hour in range(24)
        for minute in (0, 15, 30, 45, 5)
    ]
    with pytest.raises(ValidationFailed) as refused:
        posting_schedule(1, "UTC", many)
    assert "At most 200" in refused.value.errors["slots"][0]
