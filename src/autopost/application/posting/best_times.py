"""When to post on an account (``domain/best_time.py``), from what Autopost kept of it: its
followers online by the hour over the last four weeks, the reach of its media published in the
last 90 days, and its posts already due in the coming week (an hour that has one is not
suggested again)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.posting.errors import NoBestTimeYet
from autopost.domain.access import Action, Resource
from autopost.domain.best_time import (
    HORIZON,
    OnlineDay,
    PastPost,
    WeekGrid,
    next_best_slot,
    online_grid,
    results_grid,
    scores,
)
from autopost.domain.errors import NotFound, ValidationFailed
from autopost.domain.publication import ACTIVE

ONLINE_DAYS = timedelta(days=28)
PAST_POSTS = timedelta(days=90)


@frozen
class BestTimes:
    credential_id: int
    time_zone: str
    online: WeekGrid  # followers online, on average
    results: WeekGrid  # the average reach of posts published in the hour
    score: WeekGrid
    suggested: datetime | None
    days: int  # the days of followers online read
    posts: int  # the past posts read


async def best_times_of(
    uow: UnitOfWork, credential_id: int, now: datetime, zone: ZoneInfo
) -> BestTimes:
    """Read in the caller's unit of work: scheduling at the best time uses it too."""
    history = await uow.insights.account_history(credential_id, (now - ONLINE_DAYS).date())
    days = [OnlineDay(h.day, h.online_followers) for h in history if h.online_followers]
    reached = await uow.insights.reach_by_publication(credential_id, now - PAST_POSTS)
    posts = [PastPost(at, reach) for at, reach in reached]
    due = await uow.publications.rows_between(
        now, now + HORIZON, credential_ids=[credential_id], statuses=list(ACTIVE)
    )
    online, results = online_grid(days, zone), results_grid(posts, zone)
    score = scores(online, results)
    suggested = next_best_slot(score, now, zone, [row.publish_at for row in due])
    return BestTimes(
        credential_id, zone.key, online, results, score, suggested, len(days), len(posts)
    )


async def best_time_for(uow: UnitOfWork, credential_id: int, now: datetime) -> datetime:
    """The account's next best time, for a post scheduled at it (in the zone of its posting
    slots, else UTC: the zone decides where an hour starts)."""
    schedule = await uow.posting_schedules.get(credential_id)
    zone = zone_named(schedule.time_zone if schedule else "UTC")
    suggested = (await best_times_of(uow, credential_id, now, zone)).suggested
    if suggested is None:
        raise NoBestTimeYet()
    return suggested


def zone_named(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed({"time_zone": ["Give an IANA time zone name."]}) from None


class ReadBestTimes:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(
        self, actor: Actor, credential_id: int, time_zone: str | None = None
    ) -> BestTimes:
        """In ``time_zone``, else the account's posting slots' zone, else UTC."""
        authorize(actor, Action.VIEW, Resource.POST)
        async with self._uow as uow:
            if await uow.credentials.get(credential_id) is None:
                raise NotFound("credential", credential_id)
            if time_zone is None:
                schedule = await uow.posting_schedules.get(credential_id)
                time_zone = schedule.time_zone if schedule else "UTC"
            return await best_times_of(uow, credential_id, self._clock.now(), zone_named(time_zone))
