"""The calendar's date arithmetic: which days a month or a week view shows, the moments (in
UTC) those days span in a person's time zone, and the moment a local date and time names.

Weeks start on Monday. A view is a run of whole local days; its span runs from the first
day's local midnight to the midnight after its last day, each converted on its own (with
``zoneinfo``), so a week across a daylight-saving change spans 167 or 169 hours and every
post keeps its wall-clock time in it. A local date and time that a change skips or repeats
is read as posting slots read it (``slots``: RFC 5545's rule): the offset before the change.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from attrs import frozen

from autopost.domain.platform import Platform

ONE_DAY = timedelta(days=1)
ONE_WEEK = timedelta(days=7)


class View(enum.StrEnum):
    MONTH = "month"
    WEEK = "week"


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def month_grid(day: date) -> tuple[tuple[date, ...], ...]:
    """The weeks (Monday to Sunday) that hold a day of ``day``'s month: four to six of them,
    with the days of the months before and after that share their weeks."""
    first = day.replace(day=1)
    last = _next_month(first) - ONE_DAY
    weeks = []
    monday = week_start(first)
    while monday <= last:
        weeks.append(tuple(monday + timedelta(days=i) for i in range(7)))
        monday += ONE_WEEK
    return tuple(weeks)


def week_days(day: date) -> tuple[date, ...]:
    monday = week_start(day)
    return tuple(monday + timedelta(days=i) for i in range(7))


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _previous_month(first: date) -> date:
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The moment, in UTC, ``day`` starts in ``zone`` (a zone whose clocks skip midnight
    starts the day at the first moment after the skip)."""
    return local_moment(day, time(0), zone)


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The moment, in UTC, of the wall-clock time ``at`` on ``day`` in ``zone``: a time the
    clocks skip is read with the offset before the change (it falls after the change by as
    much), a time they repeat is its first occurrence."""
    return datetime.combine(day, at, tzinfo=zone).replace(fold=0).astimezone(UTC)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


@frozen
class CalendarSpan:
    """What one view shows: its days (for a month, by week), where it starts and ends in
    UTC, and the days its previous and next links open."""

    view: View
    day: date
    weeks: tuple[tuple[date, ...], ...]
    start: datetime
    end: datetime
    previous: date
    next: date

    @property
    def days(self) -> Sequence[date]:
        return [day for week in self.weeks for day in week]


def calendar_span(view: View, day: date, zone: ZoneInfo) -> CalendarSpan:
    """The view of ``day`` in ``zone``: its month, or its week."""
    if view is View.MONTH:
        first = day.replace(day=1)
        weeks = month_grid(first)
        previous, following = _previous_month(first), _next_month(first)
    else:
        weeks = (week_days(day),)
        previous, following = weeks[0][0] - ONE_WEEK, weeks[0][0] + ONE_WEEK
    return CalendarSpan(
        view=view,
        day=day,
        weeks=weeks,
        start=local_midnight(weeks[0][0], zone),
        end=local_midnight(weeks[-1][-1] + ONE_DAY, zone),
        previous=previous,
        next=following,
    )


def moved_to(moment: datetime, day: date, zone: ZoneInfo) -> datetime:
    """``moment`` moved to ``day`` at the same wall-clock time in ``zone`` (what dragging an
    entry to another day does)."""
    local = moment.astimezone(zone)
    return local_moment(day, local.time().replace(tzinfo=None, fold=0), zone)


def content_words(
    platform: Platform, caption: str | None, title: str | None, description: str | None
) -> str:
    """What a calendar entry says of a publication's content: an Instagram post's caption; a
    pin's title, or its description when it has none."""
    if platform is Platform.INSTAGRAM:
        return caption or ""
    return title or description or ""
