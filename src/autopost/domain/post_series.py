"""A recurring post: a rule (``Recurrence``) and a template whose content each occurrence gets.

Each occurrence is a post of its own, with its own publication, made ahead of its time up to
a horizon (``materialised_until``). The template is a post that is never published: editing
the series edits it, and the occurrences to come that were not edited on their own follow.
"""

from __future__ import annotations

import enum
from datetime import datetime

from attrs import define, field

from autopost.domain.platform import Platform
from autopost.domain.recurrence import Frequency, Recurrence


class SeriesStatus(enum.StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"


@define(slots=False, eq=False)
class PostSeries:
    template_post_id: int
    credential_id: int
    platform: Platform = field(converter=Platform)
    start: datetime
    time_zone: str
    created_at: datetime
    # Occurrences are made up to this time; none after it yet.
    materialised_until: datetime
    frequency: Frequency | None = None
    interval: int = 1
    # Weekly: the days, as "mon,thu"; empty for the start's own day.
    weekdays: str = ""
    rrule: str | None = None
    until: datetime | None = None
    count: int | None = None
    board_id: str | None = None
    owner_id: int | None = None
    # The board's section its pins go into (0027); None for the board itself.
    board_section_id: str | None = None
    status: SeriesStatus = SeriesStatus.ACTIVE
    id: int | None = None
    version: int = 1
    updated_at: datetime | None = None

    @property
    def recurrence(self) -> Recurrence:
        return Recurrence(
            start=self.start,
            time_zone=self.time_zone,
            frequency=self.frequency,
            interval=self.interval,
            weekdays=tuple(day for day in self.weekdays.split(",") if day),
            rrule=self.rrule,
            until=self.until,
            count=self.count,
        )

    @property
    def is_active(self) -> bool:
        return self.status is SeriesStatus.ACTIVE

    def follow(self, recurrence: Recurrence, *, now: datetime) -> None:
        """A new rule: its occurrences are made again from ``now`` on."""
        self.start = recurrence.start
        self.time_zone = recurrence.time_zone
        self.frequency = recurrence.frequency
        self.interval = recurrence.interval
        self.weekdays = ",".join(recurrence.weekdays)
        self.rrule = recurrence.rrule
        self.until = recurrence.until
        self.count = recurrence.count
        self.materialised_until = now
        self.updated_at = now

    def materialised(self, up_to: datetime, *, now: datetime) -> None:
        if up_to > self.materialised_until:
            self.materialised_until = up_to
            self.updated_at = now

    def changed(self, *, now: datetime) -> None:
        self.updated_at = now

    def cancel(self, *, now: datetime) -> None:
        if self.status is not SeriesStatus.CANCELLED:
            self.status = SeriesStatus.CANCELLED
            self.updated_at = now


def series_of(
    recurrence: Recurrence,
    template_post_id: int,
    credential_id: int,
    platform: Platform,
    now: datetime,
    board_id: str | None = None,
    owner_id: int | None = None,
    board_section_id: str | None = None,
) -> PostSeries:
    series = PostSeries(
        template_post_id=template_post_id,
        credential_id=credential_id,
        platform=platform,
        start=recurrence.start,
        time_zone=recurrence.time_zone,
        created_at=now,
        materialised_until=now,
        board_id=board_id,
        board_section_id=board_section_id,
        owner_id=owner_id,
        updated_at=now,
    )
    series.follow(recurrence, now=now)
    return series
