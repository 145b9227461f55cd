"""When a recurring post repeats: daily, weekly on given days, monthly, or an RFC 5545 RRULE.

Times repeat in the series' IANA time zone: a post at 09:00 Europe/Berlin stays at 09:00 there
across daylight-saving changes (its UTC time moves by an hour). A monthly post on a day some
months lack (the 29th to the 31st) is on the last day of those months; an RRULE keeps RFC 5545's
own reading (such months are skipped). A rule ends at ``until`` or after ``count`` occurrences,
or never (an RRULE only): only the occurrences ahead are ever made.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from attrs import asdict, field, frozen
from dateutil import rrule as rfc

from autopost.domain.errors import Refused


class Frequency(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RFC_FREQUENCY = {
    Frequency.DAILY: rfc.DAILY,
    Frequency.WEEKLY: rfc.WEEKLY,
    Frequency.MONTHLY: rfc.MONTHLY,
}
# More often than daily is no posting plan, and a rule that never matches is searched to the
# year 9999 by the library: the finer the frequency, the longer that takes.
_RARE_ENOUGH = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
LONGEST_COUNT = 1000


class InvalidRecurrence(Refused):
    """A repeat rule that cannot be used; the message says why."""


def _weekdays(value: Sequence[str]) -> tuple[str, ...]:
    return tuple(day.lower() for day in value)


@frozen
class Recurrence:
    """``start`` is the first time (with its zone); exactly one of ``frequency`` (with
    ``interval`` and, weekly, ``weekdays``) and ``rrule`` (the RRULE's value, without DTSTART);
    at most one of ``until`` and ``count``. Build it with ``recurrence`` to have it checked."""

    start: datetime
    time_zone: str = "UTC"
    frequency: Frequency | None = None
    interval: int = 1
    weekdays: tuple[str, ...] = field(default=(), converter=_weekdays)
    rrule: str | None = None
    until: datetime | None = None
    count: int | None = None

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def occurrences(self, after: datetime, before: datetime) -> list[datetime]:
        """Its times from ``after`` to ``before``, both included, in UTC order."""
        return occurrences(self, after, before)

    def next_after(self, moment: datetime) -> datetime | None:
        """Its first time at or after ``moment``, or None when it gives none."""
        found = _rule(self).after(moment.astimezone(self.zone()), inc=True)
        return None if found is None else _utc(found)

    def changed(self, **changes: Any) -> Recurrence:
        """This rule with the fields named changed, checked as ``recurrence`` checks. A new
        kind of rule (an rrule, or a frequency) replaces the other kind, and a new kind of end
        (until, or count) the other end, unless both are named."""
        values = asdict(self, recurse=False)
        if changes.get("rrule") and "frequency" not in changes:
            values.update(frequency=None, interval=1, weekdays=())
        if changes.get("frequency") and "rrule" not in changes:
            values.update(rrule=None)
        if changes.get("until") and "count" not in changes:
            values.update(count=None)
        if changes.get("count") and "until" not in changes:
            values.update(until=None)
        return recurrence(**(values | changes))


def recurrence(
    start: datetime,
    time_zone: str = "UTC",
    frequency: Frequency | str | None = None,
    interval: int = 1,
    weekdays: Sequence[str] = (),
    rrule: str | None = None,
    until: datetime | None = None,
    count: int | None = None,
) -> Recurrence:
    """A checked ``Recurrence``: raises ``InvalidRecurrence`` saying what is wrong."""
    if start.utcoffset() is None:
        raise InvalidRecurrence("Give the first time with its time zone.")
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidRecurrence(
            f"Unknown time zone {time_zone!r}: give an IANA name such as Europe/Berlin."
        ) from None
    if (frequency is None) == (rrule is None):
        raise InvalidRecurrence("Give either a frequency (daily, weekly, monthly) or an rrule.")
    if frequency is not None:
        try:
            frequency = Frequency(frequency)
        except ValueError:
            raise InvalidRecurrence("The frequency is daily, weekly or monthly.") from None
    if interval < 1:
        raise InvalidRecurrence("The interval is a whole number from 1.")
    unknown = [day for day in weekdays if day.lower() not in WEEKDAYS]
    if unknown:
        raise InvalidRecurrence(f"Weekdays are {', '.join(WEEKDAYS)}; not {', '.join(unknown)}.")
    if weekdays and frequency is not Frequency.WEEKLY:
        raise InvalidRecurrence("Weekdays are given only with a weekly frequency.")
    if until is not None and count is not None:
        raise InvalidRecurrence("Give an end date (until) or a number of times (count), not both.")
    if until is not None and until.utcoffset() is None:
        raise InvalidRecurrence("Give the end date with its time zone.")
    if count is not None and not 1 <= count <= LONGEST_COUNT:
        raise InvalidRecurrence(f"The count is from 1 to {LONGEST_COUNT}.")
    if frequency is not None and until is None and count is None:
        raise InvalidRecurrence("Say when it ends: an end date (until) or a number of times.")
    made = Recurrence(
        start=start,
        time_zone=time_zone,
        frequency=frequency,
        interval=interval,
        weekdays=tuple(weekdays),
        rrule=None if rrule is None else _rrule_value(rrule),
        until=until,
        count=count,
    )
    _rule(made)  # refused here if the library cannot read it, or its times overflow
    if made.rrule is not None:
        parts = _parts(made.rrule)
        if parts.get("FREQ") not in _RARE_ENOUGH:
            raise InvalidRecurrence("An rrule repeats daily at most: FREQ is DAILY or rarer.")
        if (until is not None or count is not None) and ({"UNTIL", "COUNT"} & parts.keys()):
            raise InvalidRecurrence("The rrule has its own end (UNTIL or COUNT): give only one.")
        if "COUNT" in parts and not (
            parts["COUNT"].isdigit() and int(parts["COUNT"]) <= LONGEST_COUNT
        ):
            raise InvalidRecurrence(f"The count is from 1 to {LONGEST_COUNT}.")
    return made


def _rrule_value(text: str) -> str:
    value = text.strip().removeprefix("RRULE:")
    if not value or any(mark in value for mark in ("\n", "\r", "DTSTART", "EXDATE", "RDATE")):
        raise InvalidRecurrence(
            "Give one RFC 5545 rule, e.g. FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10: the first time is "
            "date_pub, and no DTSTART, RDATE or EXDATE."
        )
    return value


def _parts(rrule: str) -> dict[str, str]:
    """An RRULE's parts by name, as RFC 5545 writes them: ``NAME=VALUE`` between semicolons."""
    pairs = (part.partition("=") for part in rrule.upper().split(";") if part)
    return {name.strip(): value.strip() for name, _, value in pairs}


def _rule(recurrence: Recurrence) -> rfc.rrule:
    zone = recurrence.zone()
    try:
        # Counted in wall-clock time in the series' zone: 09:00 stays 09:00 there.
        start = recurrence.start.astimezone(zone)
        until = None if recurrence.until is None else recurrence.until.astimezone(zone)
    except OverflowError:
        raise InvalidRecurrence("Give times between the years 1 and 9999.") from None
    if recurrence.rrule is not None:
        try:
            rule = rfc.rrulestr(recurrence.rrule, dtstart=start, forceset=False)
        except (ValueError, TypeError, IndexError, KeyError, OverflowError) as bad:
            raise InvalidRecurrence(f"Not an RFC 5545 rule ({bad}).") from None
        if not isinstance(rule, rfc.rrule):
            raise InvalidRecurrence("Give one RFC 5545 rule.")
        if until is not None or recurrence.count is not None:
            rule = rule.replace(until=until, count=recurrence.count)
        return rule
    assert recurrence.frequency is not None
    options: dict[str, object] = {}
    if recurrence.frequency is Frequency.WEEKLY:
        days = recurrence.weekdays or (WEEKDAYS[start.weekday()],)
        options["byweekday"] = tuple(WEEKDAYS.index(day) for day in days)
    if recurrence.frequency is Frequency.MONTHLY and start.day > 28:
        # The same day each month, or the month's last where it has no such day.
        options["bymonthday"] = tuple(range(28, start.day + 1))
        options["bysetpos"] = -1
    return rfc.rrule(
        _RFC_FREQUENCY[recurrence.frequency],  # type: ignore[arg-type]
        dtstart=start,
        interval=recurrence.interval,
        until=until,
        count=recurrence.count,
        **options,  # type: ignore[arg-type]
    )


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def occurrences(recurrence: Recurrence, after: datetime, before: datetime) -> list[datetime]:
    """The times of ``recurrence`` from ``after`` to ``before``, both included, in UTC."""
    if before < after:
        return []
    zone = recurrence.zone()
    found = _rule(recurrence).between(after.astimezone(zone), before.astimezone(zone), inc=True)
    return [_utc(moment) for moment in found]


def horizon(now: datetime, weeks: float) -> datetime:
    """How far ahead occurrences are made."""
    return now + timedelta(weeks=weeks)
