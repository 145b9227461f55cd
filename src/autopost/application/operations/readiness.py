"""Whether the instance can publish: its database, its broker, its workers."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from autopost.application.operations.wording import broker_check, database_check
from autopost.application.ports.broker_probe import BrokerProbe
from autopost.application.ports.clock import Clock
from autopost.application.ports.database_probe import DatabaseProbe, DatabaseState
from autopost.application.ports.worker_heartbeats import WorkerHeartbeats
from autopost.domain.readiness import Check, Readiness


class CheckReadiness:
    """``own_worker``: in the embedded mode, the name of this process's worker, the only one
    whose heartbeat counts (another process's worker does not publish what this one's broker
    holds); None when workers are processes of their own, any of which will do."""

    def __init__(
        self,
        database: DatabaseProbe,
        broker: BrokerProbe,
        heartbeats: WorkerHeartbeats,
        clock: Clock,
        interval: timedelta,
        own_worker: str | None = None,
    ) -> None:
        self._database = database
        self._broker = broker
        self._heartbeats = heartbeats
        self._clock = clock
        self._interval = interval
        self._own_worker = own_worker

    async def execute(self) -> Readiness:
        database, broker = await asyncio.gather(self._database.state(), self._broker.state())
        workers = await self._workers(database)
        return Readiness([database_check(database), broker_check(broker), workers])

    async def _workers(self, database: DatabaseState) -> Check:
        if not database.migrated:
            # An older schema may not have the heartbeats' table yet.
            return Check(
                "workers", False, "unknown: their heartbeats are in the database, not ready yet"
            )
        now = self._clock.now()
        beats = await self._heartbeats.all()
        if self._own_worker is not None:
            beats = [beat for beat in beats if beat.name == self._own_worker]
        alive = [beat for beat in beats if beat.is_fresh(now, self._interval)]
        facts: dict[str, object] = {"alive": len(alive)}
        if alive:
            newest = max(beat.last_seen for beat in alive)
            facts["last_seen_seconds_ago"] = round((now - newest).total_seconds(), 1)
            return Check("workers", True, f"{len(alive)} alive", facts)
        if self._own_worker is not None:
            return Check(
                "workers",
                False,
                "the worker inside this process has not beaten for "
                f"{3 * self._interval.total_seconds():g} s: restart `autopost serve`",
                facts,
            )
        return Check(
            "workers",
            False,
            "no worker has beaten for "
            f"{3 * self._interval.total_seconds():g} s: start `autopost worker` with the same "
            "AUTOPOST_DATABASE_URL and AUTOPOST_BROKER_URL",
            facts,
        )
