"""What is due soon and what is late, straight from the ``publications`` table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.tables import publications
from autopost.application.ports.schedule_overview import DuePublication
from autopost.domain.platform import Platform
from autopost.domain.publication import PublicationStatus

WAITING = (PublicationStatus.SCHEDULED, PublicationStatus.PROCESSING)


def _overdue(before: datetime) -> ColumnElement[bool]:
    return publications.c.status.in_(WAITING) & (publications.c.publish_at < before)


class SqlaScheduleOverview:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def due_between(self, start: datetime, end: datetime) -> int:
        query = select(func.count()).where(
            publications.c.status == PublicationStatus.SCHEDULED,
            publications.c.publish_at >= start,
            publications.c.publish_at < end,
        )
        async with self._engine.connect() as connection:
            return int((await connection.execute(query)).scalar_one())

    async def overdue(self, before: datetime, limit: int) -> Sequence[DuePublication]:
        query = (
            select(
                publications.c.id,
                publications.c.post_id,
                publications.c.platform,
                publications.c.publish_at,
                publications.c.status,
            )
            .where(_overdue(before))
            .order_by(publications.c.publish_at, publications.c.id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [
            DuePublication(
                row.id, row.post_id, Platform(row.platform), row.publish_at, str(row.status)
            )
            for row in rows
        ]

    async def count_overdue(self, before: datetime) -> int:
        query = select(func.count()).where(_overdue(before))
        async with self._engine.connect() as connection:
            return int((await connection.execute(query)).scalar_one())
