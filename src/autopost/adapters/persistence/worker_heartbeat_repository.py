"""Worker heartbeats in the ``worker_heartbeats`` table, each its own short transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.tables import worker_heartbeats
from autopost.domain.worker_heartbeat import WorkerHeartbeat

_COLUMNS = ("kind", "host", "pid", "started_at", "last_seen", "threads", "in_flight")


class SqlaWorkerHeartbeats:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def beat(self, heartbeat: WorkerHeartbeat) -> None:
        dialect = self._engine.dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        values = {"name": heartbeat.name, **{c: getattr(heartbeat, c) for c in _COLUMNS}}
        statement = insert(worker_heartbeats).values(values)
        statement = statement.on_conflict_do_update(
            index_elements=[worker_heartbeats.c.name],
            set_={c: statement.excluded[c] for c in _COLUMNS},
        )
        async with self._engine.begin() as connection:
            await connection.execute(statement)

    async def remove(self, name: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                delete(worker_heartbeats).where(worker_heartbeats.c.name == name)
            )

    async def all(self) -> Sequence[WorkerHeartbeat]:
        query = select(worker_heartbeats).order_by(
            worker_heartbeats.c.last_seen.desc(), worker_heartbeats.c.name
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [WorkerHeartbeat(**row) for row in rows]

    async def forget(self, last_seen_before: datetime) -> int:
        async with self._engine.begin() as connection:
            result = await connection.execute(
                delete(worker_heartbeats).where(worker_heartbeats.c.last_seen < last_seen_before)
            )
        return int(result.rowcount)
