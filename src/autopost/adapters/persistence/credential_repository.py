from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import credentials
from autopost.domain.credential import Credential
from autopost.domain.errors import ConcurrentUpdate, DomainError, ValidationFailed


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
                credentials.c.platform == platform, credentials.c.account_id == account_id
            )
        )

    async def list(self) -> Sequence[Credential]:
        return await self._all(select(Credential).order_by(credentials.c.id))

    async def delete(self, credential: Credential) -> None:
        """Raises ``ValidationFailed`` while publications still refer to the account."""
        await self._delete(credential, _still_used)
