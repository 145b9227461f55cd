"""Where the state of each OAuth flow under way is kept until it is spent."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from autopost.domain.oauth_state import OAuthState


class OAuthStateRepository(Protocol):
    async def add(self, state: OAuthState) -> None: ...

    async def by_digest(self, digest: str) -> OAuthState | None: ...

    async def use(self, digest: str, provider: str, now: datetime) -> OAuthState | None:
        """Mark the state used, atomically, if it is for ``provider``, unused and unexpired;
        the state, or None when it was not usable (so two callbacks cannot both use it)."""
        ...
