from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, or_, select, update

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import credentials
from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.errors import ConcurrentUpdate, DomainError, ValidationFailed

_columns = credentials.c


def _already_connected() -> DomainError:
    # Callers look the account up with ``find`` before adding it, so only a race gets here.
    return ConcurrentUpdate("this account was connected by someone else meanwhile")


def _still_used() -> DomainError:
    return ValidationFailed(
        {"credential": ["This account still has publications, so it cannot be removed."]}
    )


class SqlaCredentialRepository(SessionRepository):
    async def add(self, credential: Credential) -> None:
        """Raises ``ConcurrentUpdate`` when the (platform, account_id) pair is already stored."""
        await self._add(credential, _already_connected)

    async def get(self, credential_id: int) -> Credential | None:
        return await self._get(Credential, credential_id)

    async def find(self, platform: str, account_id: str) -> Credential | None:
        return await self._first(
            select(Credential).where(
                _columns.platform == platform, _columns.account_id == account_id
            )
        )

    async def list(self) -> Sequence[Credential]:
        return await self._all(select(Credential).order_by(_columns.id))

    async def expiring(self, platform: str, before: datetime) -> Sequence[Credential]:
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
        """Raises ``ValidationFailed`` while publications still refer to the account."""
        await self._delete(credential, _still_used)
