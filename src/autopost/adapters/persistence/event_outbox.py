"""The outbox, in the ``events`` table: written by Core, one INSERT an event."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from autopost.adapters.persistence.conflicts import translated
from autopost.adapters.persistence.tables import events, posts
from autopost.adapters.persistence.upsert import DialectInsert, insert_in
from autopost.domain.events import Event


@functools.cache
def _insert(dialect: str) -> DialectInsert:
    """An event's row, built once: each event only binds its values. Its owner is the one it
    names, or else its post's; an event whose key is taken already is not written again."""
    posts_owner = select(posts.c.owner_id).where(posts.c.id == bindparam("post_id"))
    owner = func.coalesce(
        bindparam("owner", type_=events.c.owner_id.type), posts_owner.scalar_subquery()
    )
    return (
        insert_in(dialect, events)
        .values(owner_id=owner)
        .on_conflict_do_nothing(index_elements=[events.c.key])
    )


class SqlaEventOutbox:
    def __init__(self, session: AsyncSession, recorded: Callable[[str], None]) -> None:
        """``recorded``: told each event added, for the unit of work to relay after its
        commit."""
        self._session = session
        self._recorded = recorded

    async def add(self, event: Event) -> None:
        post_id = event.data.get("post_id")
        row = {
            "id": event.id,
            "type": event.type.value,
            "occurred_at": event.occurred_at,
            "data": dict(event.data),
            "owner": event.owner_id,
            "post_id": post_id if isinstance(post_id, int) else None,
            "subject": event.subject,
            "key": event.key,
            "version": event.version,
        }
        async with translated(self._session):
            await self._session.execute(_insert(self._session.get_bind().dialect.name), row)
        self._recorded(event.id)

    async def to_relay(
        self, limit: int, ids: Collection[str] | None = None
    ) -> Sequence[tuple[int, Event]]:
        where: list[ColumnElement[bool]] = [events.c.relayed_at.is_(None)]
        if ids is not None:
            if not ids:
                return ()
            where.append(events.c.id.in_(list(ids)))
        return await self._read(where, limit)

    async def mark_relayed(self, seq: int, now: datetime) -> bool:
        async with translated(self._session):
            result = await self._session.execute(
                update(events)
                .where(events.c.seq == seq, events.c.relayed_at.is_(None))
                .values(relayed_at=now)
            )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def get(self, event_id: str) -> tuple[int, Event] | None:
        found = await self._read([events.c.id == event_id], 1)
        return found[0] if found else None

    async def since(self, after_seq: int, limit: int) -> Sequence[tuple[int, Event]]:
        return await self._read([events.c.seq > after_seq], limit)

    async def _read(
        self, where: Sequence[ColumnElement[bool]], limit: int
    ) -> Sequence[tuple[int, Event]]:
        async with translated(self._session):
            rows = await self._session.execute(
                select(events).where(*where).order_by(events.c.seq).limit(limit)
            )
        return [
            (
                row.seq,
                Event(
                    id=row.id,
                    type=row.type,
                    occurred_at=row.occurred_at,
                    data=row.data,
                    owner_id=row.owner_id,
                    subject=row.subject,
                    key=row.key,
                    version=row.version,
                ),
            )
            for row in rows
        ]
