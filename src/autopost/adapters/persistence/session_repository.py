"""What every SQLAlchemy repository does the same way: add, get, query, with errors translated."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import Executable, Insert, Table, insert, inspect
from sqlalchemy.engine import Result
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.sql.selectable import TypedReturnsRows

from autopost.adapters.persistence.conflicts import Conflict, changed_meanwhile, translated

T = TypeVar("T")


@functools.cache
def _returning_id(table: Table) -> Insert:
    return insert(table).returning(table.c.id)


class SessionRepository:
    """Every statement may flush pending changes first (autoflush), so every one of them is
    run with conflicts translated, not only ``add``."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _add(self, entity: object, conflict: Conflict = changed_meanwhile) -> None:
        # Flushed at once: the caller gets the id now, and a broken constraint is reported here.
        self._session.add(entity)
        async with translated(self._session, conflict):
            await self._session.flush()

    async def _insert(
        self, entity: object, conflict: Conflict = changed_meanwhile, **columns: Any
    ) -> None:
        """Writes a new entity by one Core ``INSERT … RETURNING id``, cheaper than the ORM's
        flush, then makes it persistent in the session as if it had been loaded, so that what
        the caller changes on it next is saved. ``columns``: values the ORM would write itself
        (a ``version_id_col``'s first version), set on the entity too. As the ORM's flush, a
        ``None`` is left out (the column's default applies) unless its type stores one."""
        mapper = inspect(type(entity))
        table = mapper.local_table
        row: dict[str, Any] = {}
        for attribute in mapper.column_attrs:
            column = attribute.columns[0]
            value = getattr(entity, attribute.key)
            if value is not None or (column.type.should_evaluate_none and not column.primary_key):
                row[column.key] = value
        row |= columns
        async with translated(self._session, conflict):
            added = await self._session.execute(_returning_id(table), row)
        setattr(entity, mapper.get_property_by_column(table.c.id).key, added.scalar_one())
        for name, value in columns.items():
            setattr(entity, mapper.get_property_by_column(table.c[name]).key, value)
        self._attach(entity)

    def _attach(self, entity: T) -> T:
        """An entity written or read by Core, made an entity of the session as if it had
        loaded it, so that what the caller changes on it next is saved; the one the session
        holds already for that row, if it does."""
        session = self._session.sync_session
        key = session.identity_key(instance=entity)
        known = session.identity_map.get(key)
        if known is not None:
            return cast(T, known)
        make_transient_to_detached(entity)
        session.add(entity)
        return entity

    async def _delete(self, entity: object, conflict: Conflict = changed_meanwhile) -> None:
        async with translated(self._session, conflict):
            await self._session.delete(entity)
            await self._session.flush()

    async def _get(self, entity_class: type[T], ident: int, fresh: bool = False) -> T | None:
        """``fresh`` reads the row even when the entity is loaded, and refreshes it: for
        tables that Core statements write."""
        async with translated(self._session):
            return await self._session.get(entity_class, ident, populate_existing=fresh)

    async def _all(self, statement: TypedReturnsRows[T]) -> Sequence[T]:
        async with translated(self._session):
            return (await self._session.scalars(statement)).all()

    async def _first(self, statement: TypedReturnsRows[T]) -> T | None:
        async with translated(self._session):
            return (await self._session.scalars(statement)).first()

    async def _execute(
        self,
        statement: Executable,
        rows: Sequence[dict[str, Any]] | Mapping[str, Any] | None = None,
    ) -> Result[Any]:
        """``rows``: the values of the statement's bound parameters, a list for many rows."""
        async with translated(self._session):
            return await self._session.execute(statement, rows)
