"""Where users are kept, and how they are searched and ordered."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from attrs import frozen

from autopost.domain.user import User

# What ``UserQuery.ordering`` may name, each also descending with a leading "-".
USER_ORDERINGS = ("username", "email", "date_joined", "last_login")


@frozen
class UserQuery:
    """``search`` matches username, email, first, last or full name (case-insensitive)."""

    search: str = ""
    ordering: str = "username"
    limit: int = 20
    offset: int = 0


class UserRepository(Protocol):
    async def add(self, user: User) -> None:
        """Raises ``UsernameTaken`` when another user has the username."""
        ...

    async def get(self, user_id: int) -> User | None: ...

    async def by_login(self, login: str) -> User | None:
        """The user whose username, or else email, is ``login`` (case-insensitive)."""
        ...

    async def by_email(self, email: str) -> User | None:
        """The one user with this email (case-insensitive); None when none or several."""
        ...

    async def search(self, query: UserQuery) -> tuple[int, Sequence[User]]:
        """How many users match, and the page of them ``query`` asks for."""
        ...

    async def delete(self, user: User) -> None: ...

    async def counts(self) -> tuple[int, int, int]:
        """All users, the active ones, the staff ones."""
        ...
