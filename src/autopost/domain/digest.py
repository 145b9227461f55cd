"""The daily digest: when each person's is due, and what it tells."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from attrs import frozen

DIGEST_PERIOD = timedelta(hours=24)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def digest_day_due(now: datetime, time_zone: str, hour: int, last_day: date | None) -> date | None:
    """The day (in the person's time zone) whose digest is due now, or None: a day's digest
    is due from ``hour`` o'clock that day, once; one missed (no worker then) comes later the
    same day, never twice."""
    local = now.astimezone(_zone(time_zone))
    if local.time() < time(hour=hour):
        return None
    day = local.date()
    if last_day is not None and last_day >= day:
        return None
    return day


@frozen
class DigestItem:
    post_id: int
    platform: str
    published: bool
    at: datetime
    summary: str
    permalink: str | None = None
    error: str | None = None
