"""What every SQLAlchemy repository does the same way: add, get, query, with errors translated."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Executable
from sqlalchemy.engine import Result
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import TypedReturnsRows

from autopost.adapters.persistence.conflicts import Conflict, changed_meanwhile, translated

T = TypeVar("T")


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
        self, statement: Executable, rows: Sequence[dict[str, Any]] | None = None
    ) -> Result[Any]:
        async with translated(self._session):
            return await self._session.execute(statement, rows)
