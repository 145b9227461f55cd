"""Where API tokens are kept, by digest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from attrs import frozen

from autopost.domain.user import ApiToken, User


@frozen
class TokenHolder:
    """What an API request authenticated by a token needs to know of it: the token's id, the
    user it belongs to and the names of the user's groups."""

    token_id: int
    user: User
    group_names: tuple[str, ...]


class ApiTokenRepository(Protocol):
    async def add(self, token: ApiToken) -> None: ...

    async def by_digest(self, digest: str) -> ApiToken | None: ...

    async def with_holder(self, digest: str) -> TokenHolder | None:
        """The token, the user it belongs to and their groups, read in one statement: what
        every API request authenticated by a token asks first."""
        ...

    async def for_user(self, user_id: int) -> Sequence[ApiToken]: ...

    async def delete(self, token: ApiToken) -> None: ...

    async def delete_for_user(self, user_id: int, keep_id: int | None = None) -> int:
        """End every token of the user but ``keep_id``; how many ended."""
        ...
