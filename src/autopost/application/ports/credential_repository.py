"""Where connected accounts and their encrypted tokens are kept."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from autopost.domain.credential import Credential
from autopost.domain.platform import Platform


class CredentialRepository(Protocol):
    async def add(self, credential: Credential) -> None: ...

    async def add_or_find(self, credential: Credential) -> Credential:
        """Add ``credential`` unless its platform's account is stored already, and return
        the one stored: ``credential`` itself, now with its id, or the one that was there,
        perhaps added a moment ago by a transaction racing this one (whose end this waits
        for). Never fails because the account is already connected."""
        ...

    async def get(self, credential_id: int) -> Credential | None: ...

    async def find(self, platform: Platform, account_id: str) -> Credential | None: ...

    async def list(self) -> Sequence[Credential]: ...

    async def delete(self, credential: Credential) -> None:
        """Raises ``AccountStillUsed`` while publications still refer to the account."""
        ...

    async def expiring(self, platform: Platform, before: datetime) -> Sequence[Credential]:
        """Active credentials of the platform with a refresh token whose access token
        expires before ``before``."""
        ...

    async def claim_renewal(self, credential_id: int, now: datetime, until: datetime) -> bool:
        """Take the right to renew the account's tokens until ``until``, unless another
        worker holds it: a renewal spends the refresh token, so two must never overlap."""
        ...
