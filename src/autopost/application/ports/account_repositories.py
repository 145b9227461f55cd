"""The repositories of people: users and their groups, sessions, API tokens, integration keys,
failed sign-ins, and the audit log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from attrs import frozen

from autopost.domain.audit import AuditEntry
from autopost.domain.login_throttle import LoginFailures
from autopost.domain.user import ApiToken, Group, Session, User, UserSecret

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
        """Raises ``ValidationFailed`` on ``username`` when the username is taken."""
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


class GroupRepository(Protocol):
    async def list(self) -> Sequence[Group]: ...

    async def get(self, group_id: int) -> Group | None: ...

    async def of_users(self, user_ids: Sequence[int]) -> Mapping[int, Sequence[Group]]:
        """Each user's groups, by name; a user in no group is missing from the mapping."""
        ...

    async def set_for_user(self, user_id: int, group_ids: Sequence[int]) -> None:
        """Make these the user's groups (replacing the ones it had)."""
        ...

    async def member_counts(self) -> Mapping[str, int]:
        """How many users each group has, by group name (every group, zero included)."""
        ...


class ApiTokenRepository(Protocol):
    async def add(self, token: ApiToken) -> None: ...

    async def by_digest(self, digest: str) -> ApiToken | None: ...

    async def for_user(self, user_id: int) -> Sequence[ApiToken]: ...

    async def delete(self, token: ApiToken) -> None: ...

    async def delete_for_user(self, user_id: int, keep_id: int | None = None) -> int:
        """End every token of the user but ``keep_id``; how many ended."""
        ...


class LoginSessionRepository(Protocol):
    async def add(self, session: Session) -> None: ...

    async def by_digest(self, digest: str) -> Session | None: ...

    async def delete(self, session: Session) -> None: ...

    async def delete_for_user(self, user_id: int, keep_id: int | None = None) -> int:
        """End every session of the user but ``keep_id``; how many ended."""
        ...

    async def delete_expired(self, now: datetime) -> int: ...


class UserSecretRepository(Protocol):
    async def for_user(self, user_id: int) -> Sequence[UserSecret]: ...

    async def put(self, secret: UserSecret) -> None:
        """Store the secret, replacing the user's one of the same name."""
        ...

    async def remove(self, user_id: int, name: str) -> None: ...

    async def every(self) -> Sequence[UserSecret]:
        """All of them, for re-encrypting with a new key."""
        ...


class LoginFailureRepository(Protocol):
    async def get(self, key: str) -> LoginFailures | None: ...

    async def add(self, failures: LoginFailures) -> None: ...

    async def clear(self, key: str) -> None: ...


class AuditLog(Protocol):
    async def add(self, entry: AuditEntry) -> None: ...

    async def page(self, limit: int, offset: int) -> tuple[int, Sequence[AuditEntry]]:
        """How many entries there are, and these ones, newest first."""
        ...
