from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Select, bindparam, inspect, or_, select, update

from autopost.adapters.persistence.conflicts import translated
from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import credentials
from autopost.adapters.persistence.upsert import dialect_insert
from autopost.application.integrations.errors import AccountStillUsed
from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.errors import ConcurrentUpdate, DomainError
from autopost.domain.platform import Platform

_columns = credentials.c


def _already_connected() -> DomainError:
    # Callers look the account up with ``find`` before adding it, so only a race gets here.
    return ConcurrentUpdate("this account was connected by someone else meanwhile")


def _removed_meanwhile() -> DomainError:
    return ConcurrentUpdate("this account was connected and removed again meanwhile")


def _still_used() -> DomainError:
    return AccountStillUsed()


@functools.cache
def _by_account() -> Select[Credential]:
    """A platform's account's credential: read by every post scheduled, so built once (once
    the class is mapped)."""
    return select(Credential).where(
        _columns.platform == bindparam("platform"), _columns.account_id == bindparam("account_id")
    )


class SqlaCredentialRepository(SessionRepository):
    async def add(self, credential: Credential) -> None:
        """Raises ``ConcurrentUpdate`` when the (platform, account_id) pair is already stored."""
        await self._add(credential, _already_connected)

    async def add_or_find(self, credential: Credential) -> Credential:
        """``INSERT … ON CONFLICT DO NOTHING``, then the stored row when nothing was inserted.

        On PostgreSQL an insert of an account that a transaction not yet committed has
        inserted waits for that one to end; then it inserts nothing, and the ``SELECT`` after
        it (a statement of its own, so a snapshot of its own under READ COMMITTED) sees the
        row. On SQLite transactions take turns, so there is nothing to wait for.
        """
        mapper = inspect(Credential)
        values = {
            attribute.columns[0].key: getattr(credential, attribute.key)
            for attribute in mapper.column_attrs
            if attribute.key != "id"
        }
        statement = (
            dialect_insert(self._session, credentials)
            .values(values)
            .on_conflict_do_nothing(index_elements=[_columns.platform, _columns.account_id])
            .returning(_columns.id)
        )
        added_id = (await self._execute(statement)).scalar_one_or_none()
        if added_id is None:
            stored = await self.find(credential.platform, credential.account_id)
            if stored is None:
                raise _removed_meanwhile()
            return stored
        # Written by Core, so the session does not know the object yet.
        credential.id = added_id
        return self._attach(credential)

    async def get(self, credential_id: int) -> Credential | None:
        return await self._get(Credential, credential_id)

    async def find(self, platform: Platform, account_id: str) -> Credential | None:
        async with translated(self._session):
            found = await self._session.scalars(
                _by_account(), {"platform": platform, "account_id": account_id}
            )
            return found.first()

    async def list(self) -> Sequence[Credential]:
        return await self._all(select(Credential).order_by(_columns.id))

    async def expiring(self, platform: Platform, before: datetime) -> Sequence[Credential]:
        """Soonest to expire first; a credential without ``expires_at`` never expires."""
        return await self._all(
            select(Credential)
            .where(
                _columns.platform == platform,
                _columns.status == CredentialStatus.ACTIVE,
                _columns.refresh_token.is_not(None),
                _columns.expires_at < before,
            )
            .order_by(_columns.expires_at, _columns.id)
        )

    async def claim_renewal(self, credential_id: int, now: datetime, until: datetime) -> bool:
        result = cast(
            CursorResult[Any],
            await self._execute(
                update(credentials)
                .where(
                    _columns.id == credential_id,
                    or_(_columns.renewing_until.is_(None), _columns.renewing_until <= now),
                )
                .values(renewing_until=until)
            ),
        )
        return result.rowcount == 1

    async def delete(self, credential: Credential) -> None:
        """Raises ``AccountStillUsed`` while publications still refer to the account."""
        await self._delete(credential, _still_used)
