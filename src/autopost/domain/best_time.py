"""When to post on an account: a week-by-hour picture of when its followers are online and of
how its past posts did by the hour they were published, and the next free hour that scores
best.

A week has 168 cells (``weekday * 24 + hour``, Monday 0, in the time zone asked for). A
cell's value is the average of what fell in it: followers online in that hour, or the reach
of the posts published in it; None when nothing did. Instagram gives ``online_followers`` as
24 values for a day, read here as the hours of that day in UTC, then moved to the zone.

The score of a cell puts the two pictures on one scale (each divided by its largest cell) and
weighs the audience more than past results (``ONLINE_WEIGHT``): past posts are few, and say
as much about what was posted as about when. A cell with one picture only scores by it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from attrs import frozen

HOURS = 24
WEEK = 7 * HOURS
ONLINE_WEIGHT = 0.6
# A suggestion leaves time to finish the post, and looks a week ahead.
LEAD = timedelta(minutes=15)
HORIZON = timedelta(days=7)


def cell_of(moment: datetime, zone: ZoneInfo) -> int:
    local = moment.astimezone(zone)
    return local.weekday() * HOURS + local.hour


@frozen
class OnlineDay:
    """Instagram's ``online_followers`` for one day: 24 counts, an hour it left out None."""

    day: date
    hours: tuple[int | None, ...]


@frozen
class PastPost:
    published_at: datetime
    reach: int


@frozen
class WeekGrid:
    cells: tuple[float | None, ...]

    def __attrs_post_init__(self) -> None:
        if len(self.cells) != WEEK:
            raise ValueError(f"a week has {WEEK} hours, not {len(self.cells)}")

    def at(self, weekday: int, hour: int) -> float | None:
        return self.cells[weekday * HOURS + hour]

    @property
    def empty(self) -> bool:
        return all(value is None for value in self.cells)

    def scaled(self) -> WeekGrid:
        """Each cell divided by the largest: 0 to 1."""
        top = max((v for v in self.cells if v is not None), default=0.0)
        if top <= 0:
            return self
        return WeekGrid(tuple(None if v is None else v / top for v in self.cells))


def _averages(found: Iterable[tuple[int, float]]) -> WeekGrid:
    sums = [0.0] * WEEK
    counts = [0] * WEEK
    for cell, value in found:
        sums[cell] += value
        counts[cell] += 1
    return WeekGrid(tuple(s / n if n else None for s, n in zip(sums, counts, strict=True)))


def online_grid(days: Iterable[OnlineDay], zone: ZoneInfo) -> WeekGrid:
    """Followers online, on average, in each hour of the week in ``zone``."""
    return _averages(
        (cell_of(datetime.combine(day.day, time(hour), UTC), zone), float(count))
        for day in days
        for hour, count in enumerate(day.hours)
        if count is not None
    )


def results_grid(posts: Iterable[PastPost], zone: ZoneInfo) -> WeekGrid:
    """The average reach of the posts published in each hour of the week in ``zone``."""
    return _averages((cell_of(post.published_at, zone), float(post.reach)) for post in posts)


def scores(online: WeekGrid, results: WeekGrid) -> WeekGrid:
    audience, past = online.scaled(), results.scaled()
    cells: list[float | None] = []
    for a, p in zip(audience.cells, past.cells, strict=True):
        if a is not None and p is not None:
            cells.append(ONLINE_WEIGHT * a + (1 - ONLINE_WEIGHT) * p)
        else:
            cells.append(a if a is not None else p)
    return WeekGrid(tuple(cells))


def next_best_slot(
    grid: WeekGrid,
    now: datetime,
    zone: ZoneInfo,
    taken: Collection[datetime] = (),
) -> datetime | None:
    """The start of the best-scoring hour from ``now + LEAD`` to a week on, none of the
    account's posts already due within it (``taken``); the earliest of equals. None when the
    grid says nothing."""
    if grid.empty:
        return None
    busy = {_hour_start(moment, zone) for moment in taken}
    first = _hour_start(now + LEAD, zone)
    if first < now + LEAD:
        first += timedelta(hours=1)
    best: tuple[float, datetime] | None = None
    for step in range(int(HORIZON / timedelta(hours=1))):
        start = first + timedelta(hours=step)
        value = grid.cells[cell_of(start, zone)]
        if value is None or start in busy:
            continue
        if best is None or value > best[0]:
            best = (value, start)
    return best[1] if best else None


def _hour_start(moment: datetime, zone: ZoneInfo) -> datetime:
    """The start of the hour of ``moment`` on the clock of ``zone`` (a zone half an hour off
    UTC starts its hours at half past), in UTC."""
    local = moment.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    return local.astimezone(UTC)


def grid_rows(grid: WeekGrid) -> Sequence[tuple[float | None, ...]]:
    """The grid as 7 rows of 24, Monday first."""
    return [grid.cells[d * HOURS : (d + 1) * HOURS] for d in range(7)]
