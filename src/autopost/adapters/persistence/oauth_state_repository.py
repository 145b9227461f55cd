from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import oauth_states
from autopost.domain.oauth_state import OAuthState

_columns = oauth_states.c


class SqlaOAuthStateRepository(SessionRepository):
    async def add(self, state: OAuthState) -> None:
        await self._add(state)

    async def by_digest(self, digest: str) -> OAuthState | None:
        return await self._first(select(OAuthState).where(_columns.digest == digest))

    async def use(self, digest: str, provider: str, now: datetime) -> OAuthState | None:
        # One conditional UPDATE decides: on PostgreSQL a second one waits for the first's row
        # lock and then finds used_at set; on SQLite BEGIN IMMEDIATE runs them one after another.
        result = cast(
            CursorResult[Any],
            await self._execute(
                update(oauth_states)
                .where(
                    _columns.digest == digest,
                    _columns.provider == provider,
                    _columns.used_at.is_(None),
                    _columns.expires_at > now,
                )
                .values(used_at=now)
            ),
        )
        if result.rowcount != 1:
            return None
        # Read back in the same transaction; populate_existing refreshes an instance this
        # session had loaded before, which the Core UPDATE did not touch.
        return await self._first(
            select(OAuthState)
            .where(_columns.digest == digest)
            .execution_options(populate_existing=True)
        )
