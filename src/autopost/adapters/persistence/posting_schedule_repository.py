from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from sqlalchemy import insert, select, update

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import posting_schedules, publications
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from autopost.domain.slots import PostingSchedule, Weekday, WeeklySlot

_columns = posting_schedules.c
_publication = publications.c
# On the account, or to be: what holds a slot and counts in the quota.
_TAKING_PLACES = (
    PublicationStatus.SCHEDULED,
    PublicationStatus.PROCESSING,
    PublicationStatus.PUBLISHED,
)


def _stored_slots(schedule: PostingSchedule) -> list[list[str]]:
    return [[slot.weekday.label, f"{slot.at:%H:%M}"] for slot in schedule.slots]


def _read_slots(stored: Any) -> tuple[WeeklySlot, ...]:
    return tuple(
        WeeklySlot(Weekday[weekday.upper()], time.fromisoformat(at)) for weekday, at in stored
    )


class SqlaPostingScheduleRepository(SessionRepository):
    """Core statements: a schedule is a value, rewritten whole."""

    async def get(self, credential_id: int) -> PostingSchedule | None:
        return await self._read(credential_id, lock=False)

    async def lock(self, credential_id: int) -> PostingSchedule | None:
        # PostgreSQL: the schedule's row is the lock. SQLite renders none: every transaction
        # there holds the database's one write lock from its BEGIN IMMEDIATE on.
        return await self._read(credential_id, lock=True)

    async def replace(self, schedule: PostingSchedule) -> None:
        if schedule.updated_at is None:
            raise ValueError("a schedule is stored with the time it was set")
        values = {
            "time_zone": schedule.time_zone,
            "slots": _stored_slots(schedule),
            "updated_at": schedule.updated_at,
        }
        # An update, not a delete and an insert: a transaction waiting on the row's lock
        # then finds the row, with its new slots.
        changed = await self._execute(
            update(posting_schedules)
            .where(_columns.credential_id == schedule.credential_id)
            .values(values)
        )
        if getattr(changed, "rowcount", 0) == 0:
            await self._execute(
                insert(posting_schedules).values(credential_id=schedule.credential_id, **values)
            )

    async def taken(self, credential_id: int, since: datetime) -> Sequence[datetime]:
        result = await self._execute(
            select(_publication.publish_at)
            .where(
                _publication.credential_id == credential_id,
                _publication.status.in_(_TAKING_PLACES),
                _publication.publish_at >= since,
            )
            .order_by(_publication.publish_at)
        )
        return list(result.scalars())

    async def scheduled_after(
        self, credential_id: int, after: datetime
    ) -> Sequence[ScheduledPublication]:
        return await self._all(
            select(ScheduledPublication)
            .where(
                _publication.credential_id == credential_id,
                _publication.status == PublicationStatus.SCHEDULED,
                _publication.publish_at > after,
            )
            .order_by(_publication.publish_at, _publication.id)
        )

    async def _read(self, credential_id: int, lock: bool) -> PostingSchedule | None:
        statement = select(_columns.time_zone, _columns.slots, _columns.updated_at).where(
            _columns.credential_id == credential_id
        )
        if lock:
            statement = statement.with_for_update()
        row = (await self._execute(statement)).first()
        if row is None:
            return None
        return PostingSchedule(credential_id, row.time_zone, _read_slots(row.slots), row.updated_at)
