"""A worker's heartbeat, written every interval while it runs and removed when it stops."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from autopost.application.ports.clock import Clock
from autopost.application.ports.worker_heartbeats import WorkerHeartbeats
from autopost.domain.worker_heartbeat import WorkerHeartbeat, forget_before


class KeepWorkerHeartbeat:
    """``me``: the worker, as it started. ``in_flight``: how many publications it carries now."""

    def __init__(
        self,
        heartbeats: WorkerHeartbeats,
        clock: Clock,
        me: WorkerHeartbeat,
        interval: timedelta,
        in_flight: Callable[[], int] = lambda: 0,
    ) -> None:
        self._heartbeats = heartbeats
        self._clock = clock
        self._me = me
        self._interval = interval
        self._in_flight = in_flight

    async def beat(self) -> None:
        now = self._clock.now()
        await self._heartbeats.beat(self._me.seen_again(now, self._in_flight()))
        # Every worker tidies up after the dead: no job of its own, no one to forget it.
        await self._heartbeats.forget(forget_before(now, self._interval))

    async def stop(self) -> None:
        await self._heartbeats.remove(self._me.name)
