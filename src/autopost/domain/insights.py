"""How a media and an account did, day by day: what Instagram gives for each kind of media,
and when a media is worth asking about again.

Kept as a time series, one row per media per day it was asked about. Instagram's media
metrics are lifetime totals, so a day's row is the total as of that day, and the rows of a
media rise over time.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime, timedelta

from attrs import define, field, frozen

HOURS_A_DAY = 24


class MediaMetric(enum.StrEnum):
    """Instagram's media metrics, by their Graph names. The retired ``impressions``,
    ``plays``, ``video_views`` and ``clips_replays_count`` are not asked for: Instagram
    refuses them for any media published since July 2024."""

    VIEWS = "views"
    REACH = "reach"
    LIKES = "likes"
    COMMENTS = "comments"
    SHARES = "shares"
    SAVED = "saved"
    TOTAL_INTERACTIONS = "total_interactions"
    # Milliseconds.
    REELS_AVG_WATCH_TIME = "ig_reels_avg_watch_time"
    REELS_TOTAL_WATCH_TIME = "ig_reels_video_view_total_time"


_FEED = (
    MediaMetric.VIEWS,
    MediaMetric.REACH,
    MediaMetric.LIKES,
    MediaMetric.COMMENTS,
    MediaMetric.SHARES,
    MediaMetric.SAVED,
    MediaMetric.TOTAL_INTERACTIONS,
)
_REELS = (*_FEED, MediaMetric.REELS_AVG_WATCH_TIME, MediaMetric.REELS_TOTAL_WATCH_TIME)
# A story has no likes, comments or saves; Instagram counts its replies and navigation instead.
_STORY = (
    MediaMetric.VIEWS,
    MediaMetric.REACH,
    MediaMetric.SHARES,
    MediaMetric.TOTAL_INTERACTIONS,
)


def metrics_for(media_type: str, product_type: str | None) -> tuple[MediaMetric, ...]:
    """The metrics Instagram gives for a media of this type (Meta's Media Insights reference:
    the watch times are for reels only, likes, comments and saves for feed media and reels)."""
    if product_type == "STORY":
        return _STORY
    if product_type == "REELS" or (product_type is None and media_type == "REELS"):
        return _REELS
    return _FEED


# Instagram keeps a story's metrics for 24 hours only; a day's grace for the clock of the run.
STORY_INSIGHTS_FOR = timedelta(days=2)
# A media's numbers settle after its first weeks: past this age, it is asked about once a week.
SETTLED_AFTER = timedelta(days=30)
SETTLED_EVERY = timedelta(days=7)


def insights_due(
    published_at: datetime, product_type: str | None, last_day: date | None, today: date
) -> bool:
    """Whether to ask Instagram about a media today, given the day it was last asked about.
    Once a day at most (a second run the same day would only rewrite the day's row), once a
    week once the media is a month old, and never for a story past Instagram's 24 hours."""
    age = today - published_at.date()
    if product_type == "STORY" and age > STORY_INSIGHTS_FOR:
        return False
    if last_day is None:
        return True
    if last_day >= today:
        return False
    if age > SETTLED_AFTER:
        return today - last_day >= SETTLED_EVERY
    return True


def _non_negative(instance: object, attribute: object, values: Mapping[str, int]) -> None:
    for name, value in values.items():
        if value < 0:
            raise ValueError(f"{name} cannot be negative ({value})")


@define(slots=False, eq=False)
class MediaInsights:
    """A media's lifetime metrics as of ``day`` (UTC). A metric Instagram did not give (not
    for this media, or refused this time) is absent from ``values``."""

    media_pk: int
    day: date
    collected_at: datetime
    values: dict[MediaMetric, int] = field(factory=dict, validator=_non_negative)

    def get(self, metric: MediaMetric) -> int | None:
        return self.values.get(metric)


def _hour_values(instance: object, attribute: object, hours: tuple[int | None, ...]) -> None:
    if hours and len(hours) != HOURS_A_DAY:
        raise ValueError(f"online followers come by the hour: 24 values, not {len(hours)}")


@define(slots=False, eq=False)
class AccountInsights:
    """An Instagram account as of ``day``: its followers, and how many of them were online
    in each hour of the day (``online_followers[h]``, hour ``h`` as Instagram gives it; empty
    when Instagram gives none, as for an account under 100 followers)."""

    credential_id: int
    day: date
    collected_at: datetime
    followers_count: int | None = None
    online_followers: tuple[int | None, ...] = field(default=(), validator=_hour_values)


def hours_from(by_hour: Mapping[int, int]) -> tuple[int | None, ...]:
    """Instagram's ``{hour: count}`` as 24 values; an hour it left out is None."""
    if not by_hour:
        return ()
    return tuple(by_hour.get(hour) for hour in range(HOURS_A_DAY))


class PinMetric(enum.StrEnum):
    """Pinterest's pin analytics, by their API names."""

    IMPRESSION = "IMPRESSION"
    SAVE = "SAVE"
    PIN_CLICK = "PIN_CLICK"
    OUTBOUND_CLICK = "OUTBOUND_CLICK"


@frozen
class PinDay:
    """What one of Pinterest's days says of a pin."""

    day: date
    values: Mapping[PinMetric, int]


@define(slots=False, eq=False)
class PinInsights:
    """A published pin's analytics for one day (Pinterest gives them day by day, not as a
    running total)."""

    publication_id: int
    day: date
    collected_at: datetime
    values: dict[PinMetric, int] = field(factory=dict, validator=_non_negative)


# Pinterest's analytics reach back 90 days, and settle within a few: each run asks for the last
# week, so a day missed by one run is filled by the next.
PIN_DAYS_ASKED = 7
PIN_ANALYTICS_FOR = timedelta(days=90)


def pin_days(published_at: datetime, today: date) -> tuple[date, date] | None:
    """The days to ask Pinterest about for a pin: the last week, none before it was
    published; None once it is past Pinterest's 90 days."""
    if today - published_at.date() > PIN_ANALYTICS_FOR:
        return None
    start = max(published_at.date(), today - timedelta(days=PIN_DAYS_ASKED - 1))
    return start, today
