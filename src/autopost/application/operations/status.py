"""What an operator asks first: which workers are alive, what waits, what is due, what is
late."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime, timedelta

from attrs import frozen

from autopost.application.ports.broker_probe import BrokerProbe, BrokerState
from autopost.application.ports.clock import Clock
from autopost.application.ports.schedule_overview import DuePublication, ScheduleOverview
from autopost.application.ports.worker_heartbeats import WorkerHeartbeats
from autopost.domain.worker_heartbeat import WorkerHeartbeat

DUE_AHEAD = timedelta(hours=1)
# The overdue publications listed one by one; the count says how many there are in all.
OVERDUE_LISTED = 20


@frozen
class StatusReport:
    now: datetime
    alive: Sequence[WorkerHeartbeat]
    recently_dead: Sequence[WorkerHeartbeat]
    broker: BrokerState
    due_next_hour: int
    overdue: Sequence[DuePublication]
    overdue_count: int


class ReadStatus:
    """``grace``: how late a publication may be before it counts as overdue (the sweep's own
    grace: a post at its second is being published, not late)."""

    def __init__(
        self,
        heartbeats: WorkerHeartbeats,
        broker: BrokerProbe,
        overview: ScheduleOverview,
        clock: Clock,
        interval: timedelta,
        grace: timedelta,
    ) -> None:
        self._heartbeats = heartbeats
        self._broker = broker
        self._overview = overview
        self._clock = clock
        self._interval = interval
        self._grace = grace

    async def execute(self) -> StatusReport:
        now = self._clock.now()
        broker = await self._broker.state()
        beats, due, overdue, overdue_count = await asyncio.gather(
            self._heartbeats.all(),
            self._overview.due_between(now, now + DUE_AHEAD),
            self._overview.overdue(now - self._grace, OVERDUE_LISTED),
            self._overview.count_overdue(now - self._grace),
        )
        alive = [beat for beat in beats if beat.is_fresh(now, self._interval)]
        dead = [beat for beat in beats if not beat.is_fresh(now, self._interval)]
        return StatusReport(now, alive, dead, broker, due, overdue, overdue_count)
