from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from autopost.application.ports.account_repositories import (
    ApiTokenRepository,
    AuditLog,
    GroupRepository,
    LoginFailureRepository,
    LoginSessionRepository,
    UserRepository,
    UserSecretRepository,
)
from autopost.application.ports.repositories import (
    BoardRepository,
    CommentRepository,
    CredentialRepository,
    MediaRepository,
    OAuthStateRepository,
    PostRepository,
    PublicationRepository,
)


class UnitOfWork(Protocol):
    """One transaction at a time: rolled back on exit unless ``commit`` was called.

    ``commit`` may be called more than once; each call ends a transaction and the next
    use starts another. A commit that finds a record changed by someone else since it was
    read raises ``ConcurrentUpdate`` and keeps nothing of that transaction.
    """

    posts: PostRepository
    publications: PublicationRepository
    credentials: CredentialRepository
    users: UserRepository
    api_tokens: ApiTokenRepository
    boards: BoardRepository
    oauth_states: OAuthStateRepository
    media: MediaRepository
    comments: CommentRepository
    groups: GroupRepository
    sessions: LoginSessionRepository
    user_secrets: UserSecretRepository
    login_failures: LoginFailureRepository
    audit: AuditLog

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None:
        """End the transaction, keeping nothing of it. What was read stays readable but is
        forgotten: reading it again reads what is stored now."""
        ...
