from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Protocol, Self

from autopost.application.ports.api_token_repository import ApiTokenRepository
from autopost.application.ports.attempt_log import AttemptLog
from autopost.application.ports.audit_log import AuditLog
from autopost.application.ports.board_repository import BoardRepository
from autopost.application.ports.comment_repository import CommentRepository
from autopost.application.ports.credential_repository import CredentialRepository
from autopost.application.ports.event_outbox import EventOutbox
from autopost.application.ports.group_repository import GroupRepository
from autopost.application.ports.idempotency_key_repository import IdempotencyKeyRepository
from autopost.application.ports.insights_repository import InsightsRepository
from autopost.application.ports.library_repository import LibraryRepository
from autopost.application.ports.login_failure_repository import LoginFailureRepository
from autopost.application.ports.login_session_repository import LoginSessionRepository
from autopost.application.ports.media_repository import MediaRepository
from autopost.application.ports.oauth_state_repository import OAuthStateRepository
from autopost.application.ports.post_repository import PostRepository
from autopost.application.ports.posting_schedule_repository import PostingScheduleRepository
from autopost.application.ports.publication_repository import PublicationRepository
from autopost.application.ports.series_repository import SeriesRepository
from autopost.application.ports.sync_progress_repository import SyncProgressRepository
from autopost.application.ports.user_repository import UserRepository
from autopost.application.ports.user_secret_repository import UserSecretRepository
from autopost.application.ports.webhook_repository import (
    WebhookDeliveryRepository,
    WebhookEndpointRepository,
)


class UnitOfWork(Protocol):
    """One transaction at a time: rolled back on exit unless ``commit`` was called.

    ``commit`` may be called more than once; each call ends a transaction and the next
    use starts another. A commit that finds a record changed by someone else since it was
    read raises ``ConcurrentUpdate`` and keeps nothing of that transaction.
    """

    posts: PostRepository
    publications: PublicationRepository
    attempts: AttemptLog
    series: SeriesRepository
    credentials: CredentialRepository
    users: UserRepository
    api_tokens: ApiTokenRepository
    boards: BoardRepository
    oauth_states: OAuthStateRepository
    media: MediaRepository
    sync_progress: SyncProgressRepository
    insights: InsightsRepository
    comments: CommentRepository
    groups: GroupRepository
    sessions: LoginSessionRepository
    user_secrets: UserSecretRepository
    login_failures: LoginFailureRepository
    idempotency_keys: IdempotencyKeyRepository
    posting_schedules: PostingScheduleRepository
    audit: AuditLog
    events: EventOutbox
    webhooks: WebhookEndpointRepository
    deliveries: WebhookDeliveryRepository
    library: LibraryRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    def before_commit(self, action: Callable[[], Awaitable[None]]) -> None:
        """Do ``action`` in the transaction under way, as its last step before it commits,
        once what it changed is written: a new row has its id, a changed one its next
        version. Forgotten if the transaction ends otherwise; if ``action`` fails, the commit
        does not happen."""
        ...

    def after_commit(self, action: Callable[[], Awaitable[None]]) -> None:
        """Do ``action`` right after the transaction under way commits: what that commit
        makes true (a message to the broker) is done after it, never before it and never
        without it. Forgotten if the transaction ends otherwise (rolled back, or its commit
        failed). The transaction is over when ``action`` runs: it may use this unit of work
        for one of its own. An action that fails is logged; the commit stands."""
        ...

    async def rollback(self) -> None:
        """End the transaction, keeping nothing of it. What was read stays readable but is
        forgotten: reading it again reads what is stored now."""
        ...
