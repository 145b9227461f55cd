"""Where API tokens are kept, by digest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from autopost.domain.user import ApiToken, User


class ApiTokenRepository(Protocol):
    async def add(self, token: ApiToken) -> None: ...

    async def by_digest(self, digest: str) -> ApiToken | None: ...

    async def with_holder(self, digest: str) -> tuple[ApiToken, User] | None:
        """The token and the user it belongs to, read together: what every API request
        authenticated by a token asks first."""
        ...

    async def for_user(self, user_id: int) -> Sequence[ApiToken]: ...

    async def delete(self, token: ApiToken) -> None: ...

    async def delete_for_user(self, user_id: int, keep_id: int | None = None) -> int:
        """End every token of the user but ``keep_id``; how many ended."""
        ...
