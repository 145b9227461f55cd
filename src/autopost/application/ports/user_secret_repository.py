"""Where users' own encrypted integration keys are kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from autopost.domain.user import UserSecret


class UserSecretRepository(Protocol):
    async def for_user(self, user_id: int) -> Sequence[UserSecret]: ...

    async def put(self, secret: UserSecret) -> None:
        """Store the secret, replacing the user's one of the same name."""
        ...

    async def remove(self, user_id: int, name: str) -> None: ...

    async def every(self) -> Sequence[UserSecret]:
        """All of them, for re-encrypting with a new key."""
        ...
