from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from autopost.adapters.persistence.account_repositories import (
    SqlaAuditLog,
    SqlaGroupRepository,
    SqlaLoginFailureRepository,
    SqlaLoginSessionRepository,
    SqlaUserSecretRepository,
)
from autopost.adapters.persistence.attempt_log import SqlaAttemptLog
from autopost.adapters.persistence.board_repository import SqlaBoardRepository
from autopost.adapters.persistence.comment_repository import SqlaCommentRepository
from autopost.adapters.persistence.conflicts import discard, translated
from autopost.adapters.persistence.credential_repository import SqlaCredentialRepository
from autopost.adapters.persistence.event_outbox import SqlaEventOutbox
from autopost.adapters.persistence.idempotency_key_repository import (
    SqlaIdempotencyKeyRepository,
)
from autopost.adapters.persistence.insights_repository import SqlaInsightsRepository
from autopost.adapters.persistence.library_repository import SqlaLibraryRepository
from autopost.adapters.persistence.media_repository import SqlaMediaRepository
from autopost.adapters.persistence.oauth_state_repository import SqlaOAuthStateRepository
from autopost.adapters.persistence.post_repository import SqlaPostRepository
from autopost.adapters.persistence.posting_schedule_repository import (
    SqlaPostingScheduleRepository,
)
from autopost.adapters.persistence.publication_repository import SqlaPublicationRepository
from autopost.adapters.persistence.series_repository import SqlaSeriesRepository
from autopost.adapters.persistence.sync_progress_repository import SqlaSyncProgressRepository
from autopost.adapters.persistence.user_repository import (
    SqlaApiTokenRepository,
    SqlaUserRepository,
)
from autopost.adapters.persistence.webhook_repositories import (
    SqlaWebhookDeliveryRepository,
    SqlaWebhookEndpointRepository,
)
from autopost.application.ports.api_token_repository import ApiTokenRepository
from autopost.application.ports.attempt_log import AttemptLog
from autopost.application.ports.audit_log import AuditLog
from autopost.application.ports.board_repository import BoardRepository
from autopost.application.ports.comment_repository import CommentRepository
from autopost.application.ports.credential_repository import CredentialRepository
from autopost.application.ports.event_outbox import EventOutbox
from autopost.application.ports.event_relay import EventRelay, NoEventRelay
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

log = logging.getLogger(__name__)


class SqlaUnitOfWork:
    """One session per ``async with``; rolled back and closed on exit unless committed.

    Entities stay readable and tracked after a commit. After any rollback (leaving the block,
    ``rollback()``, or a conflict reported as ``ConcurrentUpdate`` or another domain error)
    they stay readable with the values last seen but are no longer tracked: load them again
    to change them. Do not keep a transaction open across a slow call (a platform's API):
    on SQLite every transaction holds the database's write lock; ``commit()`` first.
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

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        relay: EventRelay | None = None,
    ) -> None:
        """``relay``: told the events each commit recorded, once it is done."""
        self._session_factory = session_factory
        self._relay = relay or NoEventRelay()
        self._recorded: list[str] | None = None
        self._session: AsyncSession | None = None
        self._before_commit: list[Callable[[], Awaitable[None]]] = []
        self._after_commit: list[Callable[[], Awaitable[None]]] = []

    async def __aenter__(self) -> Self:
        session = self._session_factory()
        self._session = session
        self.posts = SqlaPostRepository(session)
        self.publications = SqlaPublicationRepository(session)
        self.attempts = SqlaAttemptLog(session)
        self.series = SqlaSeriesRepository(session)
        self.credentials = SqlaCredentialRepository(session)
        self.users = SqlaUserRepository(session)
        self.api_tokens = SqlaApiTokenRepository(session)
        self.boards = SqlaBoardRepository(session)
        self.oauth_states = SqlaOAuthStateRepository(session)
        self.media = SqlaMediaRepository(session)
        self.library = SqlaLibraryRepository(session)
        self.sync_progress = SqlaSyncProgressRepository(session)
        self.insights = SqlaInsightsRepository(session)
        self.comments = SqlaCommentRepository(session)
        self.groups = SqlaGroupRepository(session)
        self.sessions = SqlaLoginSessionRepository(session)
        self.user_secrets = SqlaUserSecretRepository(session)
        self.login_failures = SqlaLoginFailureRepository(session)
        self.idempotency_keys = SqlaIdempotencyKeyRepository(session)
        self.posting_schedules = SqlaPostingScheduleRepository(session)
        self.audit = SqlaAuditLog(session)
        self.events = SqlaEventOutbox(session, self._event_recorded)
        self.webhooks = SqlaWebhookEndpointRepository(session)
        self.deliveries = SqlaWebhookDeliveryRepository(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._current(), None
        self._before_commit, self._after_commit = [], []
        self._recorded = None
        # close() forgets the entities and then rolls the transaction back, without
        # expiring what they hold as rollback() would.
        await session.close()

    async def commit(self) -> None:
        session = self._current()
        # Taken first: an action may use this unit of work, and commit, in its turn.
        last_steps, self._before_commit = self._before_commit, []
        actions, self._after_commit = self._after_commit, []
        self._recorded = None  # the next event recorded belongs to the next transaction
        async with translated(session):
            if last_steps:
                await session.flush()
                for step in last_steps:
                    await step()
            await session.commit()
        for action in actions:
            try:
                await action()
            except Exception:
                log.exception("an action after a commit failed; the commit stands")

    def before_commit(self, action: Callable[[], Awaitable[None]]) -> None:
        self._current()
        self._before_commit.append(action)

    def after_commit(self, action: Callable[[], Awaitable[None]]) -> None:
        self._current()
        self._after_commit.append(action)

    async def rollback(self) -> None:
        self._before_commit, self._after_commit = [], []
        self._recorded = None
        await discard(self._current())

    def _event_recorded(self, event_id: str) -> None:
        if self._recorded is None:
            batch: list[str] = []
            self._recorded = batch

            async def relay() -> None:
                self._relay.relay(batch)

            self.after_commit(relay)
        self._recorded.append(event_id)

    def _current(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("use the unit of work inside 'async with'")
        return self._session
