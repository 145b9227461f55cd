"""In-memory stand-ins for the operations ports: heartbeats, probes, the schedule overview."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from autopost.application.ports.broker_probe import BrokerState
from autopost.application.ports.database_probe import DatabaseState
from autopost.application.ports.integration_key_checker import KeyCheck, KeyOptions
from autopost.application.ports.media_storage_probe import StorageState
from autopost.application.ports.schedule_overview import DuePublication
from autopost.domain.worker_heartbeat import WorkerHeartbeat


class FakeHeartbeats:
    def __init__(self) -> None:
        self.rows: dict[str, WorkerHeartbeat] = {}

    async def beat(self, heartbeat: WorkerHeartbeat) -> None:
        self.rows[heartbeat.name] = heartbeat

    async def remove(self, name: str) -> None:
        self.rows.pop(name, None)

    async def all(self) -> Sequence[WorkerHeartbeat]:
        return sorted(self.rows.values(), key=lambda beat: beat.last_seen, reverse=True)

    async def forget(self, last_seen_before: datetime) -> int:
        old = [name for name, beat in self.rows.items() if beat.last_seen < last_seen_before]
        for name in old:
            del self.rows[name]
        return len(old)


class FakeDatabaseProbe:
    def __init__(self, state: DatabaseState | None = None) -> None:
        self.answer = state or DatabaseState(True, "0018", "0018", kind="sqlite")

    async def state(self) -> DatabaseState:
        return self.answer


class FakeBrokerProbe:
    def __init__(self, state: BrokerState | None = None) -> None:
        self.answer = state or BrokerState("redis", True, 0)

    async def state(self) -> BrokerState:
        return self.answer


class FakeStorageProbe:
    def __init__(self, state: StorageState | None = None) -> None:
        self.answer = state or StorageState("disk", "var/media", True)

    async def state(self) -> StorageState:
        return self.answer


class FakeScheduleOverview:
    """Publications as (time, status) pairs, by id."""

    def __init__(self) -> None:
        self.publications: list[DuePublication] = []

    async def due_between(self, start: datetime, end: datetime) -> int:
        return sum(
            1 for p in self.publications if p.status == "scheduled" and start <= p.publish_at < end
        )

    async def overdue(self, before: datetime, limit: int) -> Sequence[DuePublication]:
        late = [p for p in self.publications if self._late(p, before)]
        return sorted(late, key=lambda p: p.publish_at)[:limit]

    async def count_overdue(self, before: datetime) -> int:
        return sum(1 for p in self.publications if self._late(p, before))

    @staticmethod
    def _late(publication: DuePublication, before: datetime) -> bool:
        return publication.status in ("scheduled", "processing") and publication.publish_at < before


class FakeKeyChecker:
    """Accepts the keys in ``good``, refuses the others; answers nothing when ``down``."""

    def __init__(self, good: Sequence[str] = (), down: bool = False) -> None:
        self.good = set(good)
        self.down = down
        self.asked: list[str] = []

    async def check(self, key: str, options: KeyOptions) -> KeyCheck:
        self.asked.append(key)
        if self.down:
            return KeyCheck.unreachable("The service did not answer (ConnectError).")
        if key in self.good:
            return KeyCheck.accepted("The service accepted the key.")
        return KeyCheck.refused("The service refused the key (HTTP 401).")
