"""An account's weekly posting slots, in its own time zone, and the next free one.

A slot is a weekday and a local time ("mon 09:00") in the account's IANA time zone: it stays
at 09:00 on the wall clock across daylight-saving changes, so its moment in UTC moves by the
change. Two local times need a rule, and follow RFC 5545's (iCalendar's):

- a local time that does not exist (skipped when clocks spring forward, as 02:30 on the last
  Sunday of March in Europe/Berlin) is read with the offset before the gap: it happens as
  long after the change as it would have been after the hour before, 03:30 summer time;
- a local time that happens twice (when clocks fall back) is its first occurrence, still on
  summer time.

A post sits in a slot when its time is the moment of one of them. The next free slot after a
moment is the first slot moment after it that no post of the account holds and that the
account's publishing quota has room for: a slot where one more post would make more posts in
some 24 hours than the platform takes (Instagram: 100 published through its API) is
skipped.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from attrs import frozen

from autopost.domain.errors import ValidationFailed
from autopost.domain.platform import Platform

MAX_SLOTS = 200
# Files of the time zone database that are not zones: the server's own setting, and a
# placeholder that names no place.
_NOT_ZONES = frozenset({"localtime", "Factory"})
# A local time as a person writes it: HH:MM on a 24-hour clock.
TIME_PATTERN = r"^([01][0-9]|2[0-3]):([0-5][0-9])$"
_HH_MM = re.compile(TIME_PATTERN)
# How far ahead the next free slot is looked for: far beyond any real queue, but an end.
SEARCH_LIMIT = timedelta(days=366 * 5)


class Weekday(enum.IntEnum):
    """Numbered as ``date.weekday()``; written as its three first letters."""

    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6

    @property
    def label(self) -> str:
        return self.name.lower()


WEEKDAY_LABELS = tuple(day.label for day in Weekday)


@frozen(order=True)
class WeeklySlot:
    weekday: Weekday
    at: time

    @property
    def label(self) -> str:
        return f"{self.weekday.label} {self.at:%H:%M}"


@frozen
class PublishingQuota:
    """At most ``posts`` published in any ``window`` (a moving one, as Instagram counts)."""

    posts: int
    window: timedelta = timedelta(hours=24)

    def has_room(self, taken: Sequence[datetime], moment: datetime) -> bool:
        """Whether one more post at ``moment`` keeps every ``window`` that holds it within
        ``posts``. ``taken`` is sorted. The fullest such window starts at ``moment`` or at one
        of the posts less than a window before it."""
        first = bisect.bisect_right(taken, moment - self.window)
        starts = [*taken[first : bisect.bisect_right(taken, moment)], moment]
        for start in starts:
            inside = bisect.bisect_left(taken, start + self.window) - bisect.bisect_left(
                taken, start
            )
            if inside + 1 > self.posts:
                return False
        return True


# The quota each platform counts, as its documentation states it: Instagram takes 100 posts
# published through its API in a moving 24 hours; Pinterest has no such count.
PUBLISHING_QUOTAS: Mapping[Platform, PublishingQuota] = {
    Platform.INSTAGRAM: PublishingQuota(100),
}


@frozen
class PostingSchedule:
    """An account's slots (sorted, each once) in its time zone (an IANA name);
    ``updated_at``: when they were last set, once stored."""

    credential_id: int
    time_zone: str
    slots: tuple[WeeklySlot, ...] = ()
    updated_at: datetime | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def moment(self, day: date, at: time) -> datetime:
        """The moment, in UTC, of the local time ``at`` on ``day`` (see the module's rules
        for a time skipped or repeated by a daylight-saving change)."""
        # fold=0 is both rules at once: a repeated time's first occurrence, and a skipped
        # time read with the offset before the change.
        return datetime.combine(day, at, tzinfo=self.zone).replace(fold=0).astimezone(UTC)

    def occurrences(self, after: datetime) -> Iterator[datetime]:
        """Every slot moment after ``after``, in UTC and in order, without end."""
        by_day: dict[Weekday, list[time]] = {}
        for slot in self.slots:
            by_day.setdefault(slot.weekday, []).append(slot.at)
        if not by_day:
            return
        # From the day before: a skipped local time can move a slot past midnight.
        day = after.astimezone(self.zone).date() - timedelta(days=1)
        while True:
            # A set: two slots can fall on one moment (a skipped 02:30 is 03:30).
            moments = sorted(
                {self.moment(day, at) for at in by_day.get(Weekday(day.weekday()), [])}
            )
            yield from (m for m in moments if m > after)
            day += timedelta(days=1)

    def holds(self, moment: datetime) -> bool:
        """Whether ``moment`` is the moment of one of the slots."""
        local_day = moment.astimezone(self.zone).date()
        return any(
            self.moment(day, slot.at) == moment
            for day in (local_day - timedelta(days=1), local_day)
            for slot in self.slots
            if slot.weekday == day.weekday()
        )

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)


def next_free_slot(
    schedule: PostingSchedule,
    after: datetime,
    taken: Collection[datetime],
    quota: PublishingQuota | None = None,
) -> datetime | None:
    """The first slot moment after ``after`` that none of the ``taken`` moments (the account's
    posts) holds and that ``quota`` has room for; None when the schedule has no slots, or
    none is free within ``SEARCH_LIMIT``."""
    held = set(taken)
    ordered = sorted(taken)
    for moment in schedule.occurrences(after):
        if moment > after + SEARCH_LIMIT:
            return None
        if moment in held:
            continue
        if quota is not None and not quota.has_room(ordered, moment):
            continue
        return moment
    return None


def posting_schedule(
    credential_id: int, time_zone: str, slots: Iterable[tuple[str, str]]
) -> PostingSchedule:
    """A schedule from what a person wrote: an IANA time zone, and slots as (weekday, "HH:MM")
    with weekdays written ``mon`` to ``sun``. Refused, by field (``time_zone``, ``slots``),
    with every problem found."""
    errors: dict[str, list[str]] = {}
    if not is_time_zone(time_zone):
        errors["time_zone"] = [
            f"{time_zone!r} is not a time zone: give an IANA name, e.g. Europe/Berlin."
        ]
    parsed: list[WeeklySlot] = []
    problems: list[str] = []
    for index, (weekday, at) in enumerate(slots):
        slot = _slot(weekday, at)
        if isinstance(slot, str):
            problems.append(f"Slot {index + 1}: {slot}")
        elif slot in parsed:
            problems.append(f"Slot {index + 1}: {slot.label} is given twice.")
        else:
            parsed.append(slot)
    if len(parsed) > MAX_SLOTS:
        problems.append(f"At most {MAX_SLOTS} slots a week; got {len(parsed)}.")
    if problems:
        errors["slots"] = problems
    if errors:
        raise ValidationFailed(errors)
    return PostingSchedule(credential_id, time_zone, tuple(sorted(parsed)))


def _slot(weekday: str, at: str) -> WeeklySlot | str:
    """The slot, or what is wrong with it."""
    if weekday not in WEEKDAY_LABELS:
        return f"the weekday is one of {', '.join(WEEKDAY_LABELS)}, not {weekday!r}."
    found = _HH_MM.fullmatch(at)
    if found is None:
        return f"give the time as HH:MM on a 24-hour clock (e.g. 09:00), not {at!r}."
    hours, minutes = found.groups()
    return WeeklySlot(Weekday(WEEKDAY_LABELS.index(weekday)), time(int(hours), int(minutes)))


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones()) - _NOT_ZONES


def is_time_zone(name: str) -> bool:
    return name in _zones()
