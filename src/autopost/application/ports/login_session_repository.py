"""Where sign-in sessions of the web pages are kept."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from autopost.domain.user import Session


class LoginSessionRepository(Protocol):
    async def add(self, session: Session) -> None: ...

    async def by_digest(self, digest: str) -> Session | None: ...

    async def delete(self, session: Session) -> None: ...

    async def delete_for_user(self, user_id: int, keep_id: int | None = None) -> int:
        """End every session of the user but ``keep_id``; how many ended."""
        ...

    async def delete_expired(self, now: datetime) -> int: ...
