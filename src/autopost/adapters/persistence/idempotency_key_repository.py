from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import idempotency_keys
from autopost.domain.idempotency import IdempotencyKey, KeyTaken

_columns = idempotency_keys.c


class SqlaIdempotencyKeyRepository(SessionRepository):
    async def claim(self, key: IdempotencyKey) -> None:
        # The unique (user_id, key) decides: on PostgreSQL a second INSERT waits for the first
        # one's transaction and fails once it commits (succeeds if it rolled back); on SQLite
        # BEGIN IMMEDIATE runs the two one after the other.
        await self._add(key, KeyTaken)

    async def get(self, user_id: int, key: str) -> IdempotencyKey | None:
        return await self._first(
            select(IdempotencyKey).where(_columns.user_id == user_id, _columns.key == key)
        )

    async def remove(self, key: IdempotencyKey) -> None:
        await self._delete(key)

    async def remove_expired(self, now: datetime) -> int:
        result = cast(
            CursorResult[Any],
            await self._execute(delete(idempotency_keys).where(_columns.expires_at <= now)),
        )
        return result.rowcount
