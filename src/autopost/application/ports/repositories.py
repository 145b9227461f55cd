"""The repositories a unit of work hands out. Narrow: add, get, and the queries use cases need."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from attrs import frozen

from autopost.domain.board import Board
from autopost.domain.credential import Credential
from autopost.domain.oauth_state import OAuthState
from autopost.domain.post import Post
from autopost.domain.publication import ScheduledPublication
from autopost.domain.user import ApiToken, User


@frozen
class DispatchTicket:
    publication_id: int
    version: int
    next_run_at: datetime


class PostRepository(Protocol):
    async def add(self, post: Post) -> None: ...

    async def get(self, post_id: int) -> Post | None: ...

    async def list(self, limit: int, offset: int) -> Sequence[Post]: ...


class PublicationRepository(Protocol):
    async def add(self, publication: ScheduledPublication) -> None: ...

    async def get(self, publication_id: int) -> ScheduledPublication | None: ...

    async def for_posts(self, post_ids: Sequence[int]) -> Sequence[ScheduledPublication]: ...

    async def needing_dispatch(
        self, now: datetime, horizon: datetime, overdue_before: datetime, limit: int
    ) -> Sequence[DispatchTicket]:
        """Active publications due before ``horizon`` whose current version was never sent to
        the broker, or that are still waiting although due before ``overdue_before``."""
        ...

    async def mark_dispatched(self, publication_id: int, version: int) -> None:
        """Record that a message for this version is on its way; does not change the version."""
        ...

    async def published_since(self, credential_id: int, since: datetime) -> Sequence[datetime]:
        """When this account's publications were published, from ``since`` on, oldest first."""
        ...

    async def count_active_for_credential(self, credential_id: int) -> int: ...


class CredentialRepository(Protocol):
    async def add(self, credential: Credential) -> None: ...

    async def get(self, credential_id: int) -> Credential | None: ...

    async def find(self, platform: str, account_id: str) -> Credential | None: ...

    async def list(self) -> Sequence[Credential]: ...

    async def delete(self, credential: Credential) -> None: ...

    async def expiring(self, platform: str, before: datetime) -> Sequence[Credential]:
        """Active credentials of the platform with a refresh token whose access token
        expires before ``before``."""
        ...

    async def claim_renewal(self, credential_id: int, now: datetime, until: datetime) -> bool:
        """Take the right to renew the account's tokens until ``until``, unless another
        worker holds it: a renewal spends the refresh token, so two must never overlap."""
        ...


class BoardRepository(Protocol):
    async def for_credential(self, credential_id: int) -> Sequence[Board]: ...

    async def replace(self, credential_id: int, boards: Sequence[Board], keep_manual: bool) -> None:
        """Make ``boards`` the account's cache; with ``keep_manual``, boards given by hand
        stay unless one of ``boards`` has the same name."""
        ...


class OAuthStateRepository(Protocol):
    async def add(self, state: OAuthState) -> None: ...

    async def by_digest(self, digest: str) -> OAuthState | None: ...

    async def use(self, digest: str, provider: str, now: datetime) -> OAuthState | None:
        """Mark the state used, atomically, if it is for ``provider``, unused and unexpired;
        the state, or None when it was not usable (so two callbacks cannot both use it)."""
        ...


class UserRepository(Protocol):
    async def add(self, user: User) -> None: ...

    async def get(self, user_id: int) -> User | None: ...

    async def by_login(self, login: str) -> User | None:
        """The user whose username, or else email, is ``login`` (case-insensitive)."""
        ...


class ApiTokenRepository(Protocol):
    async def add(self, token: ApiToken) -> None: ...

    async def by_digest(self, digest: str) -> ApiToken | None: ...
