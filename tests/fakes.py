"""In-memory stand-ins for the ports, for unit tests and the features.

The unit of work keeps committed copies apart from what a use case holds, and checks the
version of a changed publication on commit exactly as the database adapter does, so that
concurrency rules can be tested without a database.
"""

from __future__ import annotations

import copy
import itertools
import logging
from collections.abc import AsyncIterable, Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any, Self

import attrs

from autopost.application.ports.event_relay import EventRelay
from autopost.application.ports.instagram_gateway import (
    ContainerRequest,
    ContainerState,
    ContainerStatus,
    InstagramAccount,
    PublishedMedia,
    PublishingQuota,
    ResumableUpload,
)
from autopost.application.ports.instagram_login_gateway import (
    ConnectedInstagram,
    InstagramLogin,
    RefreshedToken,
)
from autopost.application.ports.instagram_media_gateway import (
    MediaPage,
    RemoteComment,
    RemoteMedia,
)
from autopost.application.ports.media_repository import MediaCursor, MediaFilter
from autopost.application.ports.pinterest_gateway import (
    MediaStatus,
    PinRequest,
    PinterestAccount,
    RemoteBoard,
    RemotePin,
    RemoteSection,
    VideoUpload,
)
from autopost.application.ports.pinterest_gateway import TokenGrant as PinterestTokenGrant
from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    PublishingLimitReached,
)
from autopost.application.ports.publication_repository import (
    DispatchTicket,
    PublicationRow,
    QuotaPlaces,
)
from autopost.application.ports.publishing_observer import StepReport
from autopost.application.ports.sync_progress_repository import SyncProgress
from autopost.domain.attempt import PublicationAttempt
from autopost.domain.board import Board, BoardSection, BoardSource
from autopost.domain.calendar_grid import content_words
from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.idempotency import IdempotencyKey, KeyTaken
from autopost.domain.instagram_media import Comment, InstagramMedia
from autopost.domain.oauth_state import OAuthState
from autopost.domain.platform import Platform
from autopost.domain.post import Post
from autopost.domain.post_conflicts import NearbyPost
from autopost.domain.post_series import PostSeries
from autopost.domain.publication import ACTIVE, PublicationStatus, ScheduledPublication
from autopost.domain.slots import PostingSchedule
from tests.fake_accounts import (
    FakeApiTokens,
    FakeAuditLog,
    FakeGroups,
    FakeLoginFailures,
    FakeSessions,
    FakeUsers,
    FakeUserSecrets,
    Table,
    seeded_groups,
)
from tests.fake_insights import FakeInsights
from tests.fake_library import FakeLibrary
from tests.fake_webhooks import (
    FakeEventOutbox,
    FakeWebhookDeliveries,
    FakeWebhookEndpoints,
)

log = logging.getLogger(__name__)

# The publications that are, or will be, on their account (as the database adapter counts).
ON_THE_ACCOUNT = ACTIVE | {PublicationStatus.PUBLISHED}


class FakeClock:
    def __init__(self, now: datetime | None = None) -> None:
        self._now = now or datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def advance(self, delta: timedelta) -> None:
        self._now += delta


class FakePause:
    """Waits no real time: records each wait and moves ``clock`` on by it. ``meanwhile``, when
    set, runs during the wait: what others do while this one waits."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.waits: list[timedelta] = []
        self.meanwhile: Callable[[], Awaitable[None]] | None = None

    async def wait(self, delay: timedelta) -> None:
        self.waits.append(delay)
        self.clock.advance(delay)
        if self.meanwhile is not None:
            await self.meanwhile()


class FakeSecretBox:
    """Reversible, but never the plaintext: tests can see that tokens are sealed."""

    def seal(self, plaintext: str) -> str:
        return "sealed:" + plaintext[::-1]

    def open(self, ciphertext: str) -> str:
        assert ciphertext.startswith("sealed:"), "opening something that was never sealed"
        return ciphertext.removeprefix("sealed:")[::-1]

    def rotate(self, ciphertext: str) -> str:
        return self.seal(self.open(ciphertext))


class FakeHasher:
    def hash(self, password: str) -> str:
        return "hashed:" + password[::-1]

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == self.hash(password)


@dataclass
class RecordingPublishingObserver:
    """Remembers what publishing told the operators."""

    at_work: list[tuple[int, int]] = field(default_factory=list)
    reports: list[StepReport] = field(default_factory=list)

    def working_on(self, publication_id: int, post_id: int) -> None:
        self.at_work.append((publication_id, post_id))

    def step_ended(self, report: StepReport) -> None:
        self.reports.append(report)


@dataclass
class FakeScheduler:
    sent: list[tuple[int, int, datetime]] = field(default_factory=list)
    down: bool = False

    def enqueue(self, publication_id: int, version: int, at: datetime) -> None:
        if self.down:
            raise ConnectionError("broker unreachable")
        self.sent.append((publication_id, version, at))

    def take(self) -> list[tuple[int, int, datetime]]:
        sent, self.sent = self.sent, []
        return sent


@dataclass
class Store:
    """What the fake database holds: committed copies, by table and id."""

    rows: dict[str, dict[int, Any]] = field(
        default_factory=lambda: (
            {
                t: {}
                for t in (
                    "posts",
                    "series",
                    "publications",
                    "credentials",
                    "users",
                    "api_tokens",
                    "boards",
                    "board_sections",
                    "oauth_states",
                    "idempotency_keys",
                    "posting_schedules",
                    "media",
                    "comments",
                    "sessions",
                    "user_secrets",
                    "login_failures",
                    "audit",
                    "attempts",
                    "events",
                    "webhooks",
                    "deliveries",
                    "library",
                )
            }
            | {"groups": seeded_groups()}
        )
    )
    # user id -> group ids, as committed
    memberships: dict[int, set[int]] = field(default_factory=dict)
    ids: Any = field(default_factory=lambda: itertools.count(1))
    renewing: dict[int, datetime] = field(default_factory=dict)
    # Publication id -> the version a broker message was last sent for: the broker's
    # bookkeeping, kept beside the publications as the database keeps it in a column of theirs.
    dispatched: dict[int, int] = field(default_factory=dict)
    # Publication id -> when its message may be sent again while it waits (the same column).
    resend_after: dict[int, datetime | None] = field(default_factory=dict)
    media_seen: dict[int, tuple[datetime, tuple[Any, ...]]] = field(default_factory=dict)
    # The watched units of work whose transaction is open: something was read or written
    # since their last commit or rollback (a database would hold their locks, or SQLite's).
    open_transactions: set[int] = field(default_factory=set)
    # Every commit of every unit of work on this store: what a flow costs the database.
    commits: int = 0
    # Accounts that another request connects (and commits) right after a look-up of them
    # found nothing: the race a unique constraint decides in the database.
    connected_meanwhile: list[Credential] = field(default_factory=list)
    # Event id -> when it was handed on to the webhooks (the outbox's ``relayed_at``).
    relayed: dict[str, datetime] = field(default_factory=dict)
    # Credential id -> where its media sync stopped part way, as committed.
    sync_progress: dict[int, SyncProgress] = field(default_factory=dict)
    # "media", "accounts", "pins" -> (owner, day) -> the insights row, as committed.
    insights: dict[str, dict[Any, Any]] = field(
        default_factory=lambda: {"media": {}, "accounts": {}, "pins": {}}
    )


_Table = Table


class FakePosts(_Table):
    async def add(self, post: Post) -> None:
        # As the database's unique index on (series_id, occurrence_at): one post per time.
        if post.series_id is not None and any(
            p.series_id == post.series_id and p.occurrence_at == post.occurrence_at
            for p in self._all()
        ):
            raise ConcurrentUpdate("the occurrence was made meanwhile")
        await super().add(post)

    async def list(self, limit: int, offset: int) -> Sequence[Post]:
        return self._all()[offset : offset + limit]

    async def owners(self, post_ids: Collection[int]) -> Mapping[int, int | None]:
        return {p.id: p.owner_id for p in self._all() if p.id in post_ids}


class FakeSeries(_Table):
    async def to_materialise(self, before: datetime) -> Sequence[PostSeries]:
        return [s for s in self._all() if s.is_active and s.materialised_until < before]

    async def occurrences(self, series_id: int) -> Sequence[Post]:
        found = [p for p in self._uow.posts._all() if p.series_id == series_id]
        return sorted(found, key=lambda p: (p.occurrence_at, p.id))


class FakePublications(_Table):
    async def for_work(self, publication_id: int) -> tuple[ScheduledPublication, Credential] | None:
        stored = self._rows.get(publication_id)
        if stored is None:
            return None
        credential = await self._uow.credentials.get(stored.credential_id)
        if credential is None:
            return None
        # Not tracked, as the database adapter reads it: only save() keeps what changes.
        return copy.deepcopy(stored), credential

    async def save(self, publication: ScheduledPublication) -> None:
        stored = self._rows.get(publication.id or 0)
        if stored is None or stored.version != publication.version:
            raise ConcurrentUpdate(f"publication {publication.id} changed since it was read")
        # As the adapter's UPDATE: checked now, the next version given now, written by the
        # commit (a staged copy, which the commit writes as it writes a new row).
        publication.version += 1
        self._uow.track(self._name, copy.deepcopy(publication), new=True)

    async def record_addresses(self, addresses: Mapping[int, str], now: datetime) -> None:
        for publication_id, link in addresses.items():
            stored = self._rows.get(publication_id)
            if stored is None or stored.status != PublicationStatus.PUBLISHED or stored.permalink:
                continue
            addressed = copy.deepcopy(stored)
            addressed.permalink_found(link, now=now)
            addressed.version += 1
            self._uow.track(self._name, addressed, new=True)

    async def for_posts(self, post_ids: Sequence[int]) -> Sequence[ScheduledPublication]:
        return [p for p in self._all() if p.post_id in set(post_ids)]

    async def needing_dispatch(
        self,
        now: datetime,
        horizon: datetime,
        overdue_before: datetime,
        limit: int,
        *,
        resend_all: bool = False,
    ) -> Sequence[DispatchTicket]:
        def waiting(p: ScheduledPublication) -> bool:
            resend_after = self._uow.store.resend_after.get(p.id or 0)
            paced = resend_all or resend_after is None or resend_after <= now
            return (p.next_run_at <= overdue_before and paced) or (
                p.status is PublicationStatus.PROCESSING and p.next_run_at <= now
            )

        due = [
            p
            for p in self._rows.values()
            if p.has_work
            and p.next_run_at <= horizon
            and (self._uow.store.dispatched.get(p.id) != p.version or waiting(p))
        ]
        due.sort(key=lambda p: p.next_run_at)
        sent = self._uow.store.dispatched
        return [
            DispatchTicket(p.id, p.version, p.next_run_at, sent.get(p.id) == p.version)
            for p in due[:limit]
        ]

    async def mark_dispatched(
        self, publication_id: int, version: int, resend_after: datetime | None = None
    ) -> None:
        row = self._rows.get(publication_id)
        if row is not None and row.version == version:
            self._uow.store.dispatched[publication_id] = version
            self._uow.store.resend_after[publication_id] = resend_after

    async def mark_owed(self, publication_id: int, version: int) -> None:
        if self._uow.store.dispatched.get(publication_id) == version:
            del self._uow.store.dispatched[publication_id]

    async def renew_leases(self, leases: Sequence[tuple[int, datetime]], until: datetime) -> None:
        for publication_id, lease_end in leases:
            row = self._rows.get(publication_id)
            if row is not None and row.has_work and row.next_run_at == lease_end:
                row.next_run_at = until

    async def release_claims(self, leases: Sequence[tuple[int, datetime]], now: datetime) -> int:
        released = 0
        for publication_id, lease_end in leases:
            row = self._rows.get(publication_id)
            if (
                row is not None
                and row.has_work
                and row.next_run_at == lease_end
                and row.publish_requested_at is None
                and row.first_comment_requested_at is None
            ):
                row.next_run_at = now
                released += 1
        return released

    async def published_since(self, credential_id: int, since: datetime) -> Sequence[datetime]:
        return sorted(
            p.published_at
            for p in self._rows.values()
            if p.credential_id == credential_id and p.published_at and p.published_at >= since
        )

    async def on_account_between(
        self, credential_id: int, start: datetime, end: datetime
    ) -> Sequence[NearbyPost]:
        found = sorted(
            (
                p
                for p in self._all()
                if p.credential_id == credential_id
                and p.status in ON_THE_ACCOUNT
                and start <= p.publish_at <= end
            ),
            key=lambda p: (p.publish_at, p.id),
        )
        nearby = []
        for publication in found:
            post = await self._uow.posts.get(publication.post_id)
            if post is not None:
                content = publication.own_content or post.content
                nearby.append(NearbyPost.of(publication.post_id, publication.publish_at, content))
        return nearby

    async def rows_between(
        self,
        start: datetime,
        end: datetime,
        *,
        credential_ids: Sequence[int] = (),
        platforms: Sequence[Platform] = (),
        statuses: Sequence[PublicationStatus] = (),
    ) -> Sequence[PublicationRow]:
        found = sorted(
            (
                p
                for p in self._all()
                if p.publish_at is not None
                and start <= p.publish_at < end
                and (not credential_ids or p.credential_id in credential_ids)
                and (not platforms or p.platform in platforms)
                and (not statuses or p.status in statuses)
            ),
            key=lambda p: (p.publish_at, p.id),
        )
        return await self._with_posts(found)

    async def latest_failed(self, limit: int) -> Sequence[PublicationRow]:
        failed = [p for p in self._all() if p.status is PublicationStatus.FAILED]
        failed.sort(key=lambda p: (p.updated_at, p.id or 0), reverse=True)
        return await self._with_posts(failed[:limit])

    async def _with_posts(
        self, publications: Sequence[ScheduledPublication]
    ) -> Sequence[PublicationRow]:
        rows = []
        for publication in publications:
            post = await self._uow.posts.get(publication.post_id)
            if post is None or publication.publish_at is None or publication.id is None:
                continue
            content = publication.what_is_published(post).content
            words = content_words(
                content.platform,
                getattr(content, "caption", None),
                getattr(content, "title", None),
                getattr(content, "description", None),
            )
            rows.append(
                PublicationRow(
                    publication_id=publication.id,
                    post_id=publication.post_id,
                    credential_id=publication.credential_id,
                    platform=publication.platform,
                    status=publication.status,
                    publish_at=publication.publish_at,
                    updated_at=publication.updated_at,
                    error=publication.error,
                    owner_id=post.owner_id,
                    text=words,
                    published_at=publication.published_at,
                )
            )
        return rows

    async def count_active_for_credential(self, credential_id: int) -> int:
        return sum(
            1
            for p in self._rows.values()
            if p.credential_id == credential_id and p.status in ACTIVE
        )

    async def posts_in_status(
        self, statuses: Sequence[PublicationStatus], owner_id: int | None, limit: int
    ) -> Sequence[int]:
        earliest: dict[int, datetime] = {}
        for p in self._rows.values():
            if p.status not in statuses:
                continue
            post = await self._uow.posts.get(p.post_id)
            if post is None or (owner_id is not None and post.owner_id != owner_id):
                continue
            due = p.publish_at or datetime.max.replace(tzinfo=UTC)
            earliest[p.post_id] = min(due, earliest.get(p.post_id, due))
        return sorted(earliest, key=lambda post_id: (earliest[post_id], post_id))[:limit]

    async def lock_quota(self, credential_id: int) -> QuotaPlaces:
        # One event loop, and no await in between: counting here is already alone.
        holding = [
            p
            for p in self._rows.values()
            if p.credential_id == credential_id and p.status in ACTIVE and p.quota_reserved
        ]
        sent = sum(1 for p in holding if p.publish_requested_at is not None)
        return QuotaPlaces(unsent=len(holding) - sent, sent=sent)


class FakeCredentials(_Table):
    async def add(self, credential: Credential) -> None:
        if self._stored(credential.platform, credential.account_id) is not None:
            raise ConcurrentUpdate("this account was connected by someone else meanwhile")
        await super().add(credential)

    async def add_or_find(self, credential: Credential) -> Credential:
        stored = self._stored(credential.platform, credential.account_id)
        if stored is not None:
            return stored
        await super().add(credential)
        return credential

    async def find(self, platform: Platform, account_id: str) -> Credential | None:
        found = self._stored(platform, account_id)
        if found is None:
            self._connect_rival(platform, account_id)
        return found

    def _stored(self, platform: Platform, account_id: str) -> Credential | None:
        for c in self._all():
            if c.platform == platform and c.account_id == account_id:
                return c  # type: ignore[no-any-return]
        return None

    def _connect_rival(self, platform: Platform, account_id: str) -> None:
        waiting = self._uow.store.connected_meanwhile
        for rival in waiting:
            if (rival.platform, rival.account_id) == (platform, account_id):
                waiting.remove(rival)
                rival.id = next(self._uow.store.ids)
                self._rows[rival.id] = copy.deepcopy(rival)
                return

    async def list(self) -> Sequence[Credential]:
        return self._all()

    async def delete(self, credential: Credential) -> None:
        self._uow.begin()
        self._uow.deleted.append(("credentials", credential.id))
        # Its posting schedule goes with it, as the database's foreign key cascades.
        self._uow.deleted.append(("posting_schedules", credential.id))

    async def expiring(self, platform: Platform, before: datetime) -> Sequence[Credential]:
        return [
            c
            for c in self._all()
            if c.platform == platform
            and c.refresh_token
            and c.status is CredentialStatus.ACTIVE
            and c.expires_at is not None
            and c.expires_at < before
        ]

    async def claim_renewal(self, credential_id: int, now: datetime, until: datetime) -> bool:
        self._uow.begin()
        held = self._uow.store.renewing.get(credential_id)
        if held is not None and held > now:
            return False
        self._uow.store.renewing[credential_id] = until
        return True


class FakeBoards(_Table):
    def __init__(self, uow: InMemoryUnitOfWork, name: str) -> None:
        super().__init__(uow, name)
        self._sections = _Table(uow, "board_sections")

    async def for_credential(self, credential_id: int) -> Sequence[Board]:
        return sorted(
            (b for b in self._all() if b.credential_id == credential_id), key=lambda b: b.name
        )

    async def replace(self, credential_id: int, boards: Sequence[Board], keep_manual: bool) -> None:
        names = {b.name.casefold() for b in boards}
        for board in await self.for_credential(credential_id):
            kept = keep_manual and board.source is BoardSource.MANUAL
            if not kept or board.name.casefold() in names:
                self._uow.deleted.append(("boards", board.id))
        for board in boards:
            await self.add(board)

    async def sections_for_credential(self, credential_id: int) -> Sequence[BoardSection]:
        found = [s for s in self._sections._all() if s.credential_id == credential_id]
        return sorted(found, key=lambda s: (s.board_id, s.name))

    async def replace_sections(self, credential_id: int, sections: Sequence[BoardSection]) -> None:
        for section in await self.sections_for_credential(credential_id):
            await self._sections.delete(section)
        for section in sections:
            await self._sections.add(section)


def _fingerprint(item: RemoteMedia) -> tuple[Any, ...]:
    return (item.caption, item.media_url, item.like_count, item.comments_count, item.permalink)


class FakeMedia(_Table):
    async def upsert_page(
        self, credential_id: int, items: Sequence[RemoteMedia], seen_at: datetime, touch_all: bool
    ) -> int:
        by_key = {(m.credential_id, m.media_id): m for m in self._rows.values()}
        seen = self._uow.store.media_seen
        changed = 0
        for item in items:
            stored = by_key.get((credential_id, item.media_id))
            fields = {
                "media_type": item.media_type,
                "timestamp": item.timestamp,
                "caption": item.caption,
                "media_product_type": item.media_product_type,
                "media_url": item.media_url,
                "thumbnail_url": item.thumbnail_url,
                "permalink": item.permalink,
                "like_count": item.like_count,
                "comments_count": item.comments_count,
                "children": list(item.children) or None,
            }
            if stored is None:
                media = InstagramMedia(credential_id, item.media_id, synced_at=seen_at, **fields)
                media.id = next(self._uow.store.ids)
                self._rows[media.id] = media
                seen[media.id] = (seen_at, _fingerprint(item))
                changed += 1
                continue
            assert stored.id is not None
            is_changed = seen[stored.id][1] != _fingerprint(item) or stored.deleted_at is not None
            if is_changed:
                for name, value in fields.items():
                    setattr(stored, name, value)
                stored.deleted_at = None
                stored.synced_at = seen_at
                changed += 1
            if is_changed or touch_all:
                seen[stored.id] = (seen_at, _fingerprint(item))
        return changed

    async def mark_unseen_deleted(self, credential_id: int, seen_before: datetime) -> int:
        gone = [
            m
            for m in self._rows.values()
            if m.credential_id == credential_id
            and m.deleted_at is None
            and self._uow.store.media_seen[m.id][0] < seen_before
        ]
        for media in gone:
            media.deleted_at = seen_before
        return len(gone)

    async def link_published(self, credential_id: int) -> int:
        published = {
            p.remote_id: p.post_id
            for p in self._uow.store.rows["publications"].values()
            if p.credential_id == credential_id and p.remote_id
        }
        linked = 0
        for media in self._rows.values():
            if media.post_id is None and media.media_id in published:
                media.post_id = published[media.media_id]
                linked += 1
        return linked

    async def page(
        self, filters: MediaFilter, after: MediaCursor | None, limit: int
    ) -> Sequence[InstagramMedia]:
        def keep(m: InstagramMedia) -> bool:
            return (
                (filters.credential_id is None or m.credential_id == filters.credential_id)
                and (filters.media_type is None or m.media_type == filters.media_type)
                and (filters.since is None or m.timestamp >= filters.since)
                and (filters.until is None or m.timestamp < filters.until)
                and (filters.origin is None or m.origin is filters.origin)
                and (filters.include_deleted or m.deleted_at is None)
                and (after is None or (m.timestamp, m.id) < (after.timestamp, after.media_pk))
            )

        found = sorted(filter(keep, self._all()), key=lambda m: (m.timestamp, m.id), reverse=True)
        return found[:limit]


class FakeSyncProgress:
    """Changes are kept apart until the unit of work commits, and dropped if it rolls back."""

    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow
        self._pending: dict[int, SyncProgress | None] = {}

    async def get(self, credential_id: int) -> SyncProgress | None:
        self._uow.begin()
        if credential_id in self._pending:
            return self._pending[credential_id]
        return self._uow.store.sync_progress.get(credential_id)

    async def save(self, progress: SyncProgress) -> None:
        self._stage(progress.credential_id, progress)

    async def forget(self, credential_id: int) -> None:
        self._stage(credential_id, None)

    def discard(self) -> None:
        self._pending = {}

    def _stage(self, credential_id: int, progress: SyncProgress | None) -> None:
        self._uow.begin()
        if not self._pending:
            self._uow.before_commit(self._write)
        self._pending[credential_id] = progress

    async def _write(self) -> None:
        for credential_id, progress in self._pending.items():
            if progress is None:
                self._uow.store.sync_progress.pop(credential_id, None)
            else:
                self._uow.store.sync_progress[credential_id] = progress
        self._pending = {}


class FakeComments(_Table):
    async def for_media(self, media_pk: int) -> Sequence[Comment]:
        return sorted(
            (c for c in self._all() if c.media_id == media_pk and c.deleted_at is None),
            key=lambda c: (c.timestamp, c.id),
        )

    async def replace_synced(self, media_pk: int, comments: Sequence[Comment]) -> None:
        known = {c.comment_id: c for c in self._all() if c.media_id == media_pk}
        remote = {c.comment_id for c in comments}
        for comment in comments:
            stored = known.get(comment.comment_id)
            if stored is None:
                await self.add(comment)
            else:
                stored.text, stored.hidden = comment.text, comment.hidden
                stored.like_count = comment.like_count
        for comment_id, stored in known.items():
            if comment_id not in remote and stored.deleted_at is None:
                stored.deleted_at = comment.timestamp if comments else stored.timestamp


class FakeOAuthStates(_Table):
    async def by_digest(self, digest: str) -> OAuthState | None:
        return next((s for s in self._all() if s.digest == digest), None)

    async def use(self, digest: str, provider: str, now: datetime) -> OAuthState | None:
        state = await self.by_digest(digest)
        if state is None or state.problem(provider, now) is not None:
            return None
        self._rows[state.id].used_at = now
        state.used_at = now
        return state  # type: ignore[no-any-return]


class FakeIdempotencyKeys(_Table):
    async def claim(self, key: IdempotencyKey) -> None:
        # The unique (user, key) of the database: committed or pending in this transaction.
        if await self.get(key.user_id, key.key) is not None:
            await self._uow.rollback()
            raise KeyTaken()
        await self.add(key)

    async def get(self, user_id: int, key: str) -> IdempotencyKey | None:  # type: ignore[override]
        return next((k for k in self._all() if (k.user_id, k.key) == (user_id, key)), None)

    async def remove(self, key: IdempotencyKey) -> None:
        await self.delete(key)

    async def remove_expired(self, now: datetime) -> int:
        return self._delete_where(lambda k: not k.is_expired(now))


@attrs.define
class _ScheduleRow:
    """An account's posting schedule as the fake database keeps it: by the account's id."""

    id: int
    schedule: PostingSchedule


class FakePostingSchedules(_Table):
    async def get(self, credential_id: int) -> PostingSchedule | None:  # type: ignore[override]
        pending = [
            e for t, e, _, s in self._uow._tracked if t == self._name and e.id == credential_id
        ]
        if pending:
            return pending[-1].schedule  # type: ignore[no-any-return]
        row = self._rows.get(credential_id)
        return None if row is None else row.schedule  # type: ignore[no-any-return]

    async def lock(self, credential_id: int) -> PostingSchedule | None:
        # One event loop: a use case's reads and writes between two awaits are already alone.
        return await self.get(credential_id)

    async def replace(self, schedule: PostingSchedule) -> None:
        assert schedule.updated_at is not None, "a schedule is stored with the time it was set"
        self._uow.track(self._name, _ScheduleRow(schedule.credential_id, schedule), new=True)

    async def taken(self, credential_id: int, since: datetime) -> Sequence[datetime]:
        return sorted(
            p.publish_at
            for p in self._uow.publications._all()
            if p.credential_id == credential_id
            and p.status in ON_THE_ACCOUNT
            and p.publish_at >= since
        )

    async def scheduled_after(
        self, credential_id: int, after: datetime
    ) -> Sequence[ScheduledPublication]:
        return sorted(
            (
                p
                for p in self._uow.publications._all()
                if p.credential_id == credential_id
                and p.status is PublicationStatus.SCHEDULED
                and p.publish_at > after
            ),
            key=lambda p: (p.publish_at, p.id),
        )


class FakeAttemptLog(_Table):
    async def of_publications(self, ids: Collection[int]) -> Sequence[PublicationAttempt]:
        found = [a for a in self._all() if a.publication_id in ids]
        return sorted(found, key=lambda a: (a.at, a.id or 0))

    def entries(self) -> list[PublicationAttempt]:
        return self._all()


class InMemoryUnitOfWork:
    def __init__(
        self, store: Store | None = None, *, watched: bool = False, relay: EventRelay | None = None
    ) -> None:
        """``watched``: its open transaction is noted in ``store.open_transactions``.
        ``relay``: told the events each commit recorded, after it."""
        self.store = store or Store()
        self.relay = relay
        self.recorded_events: list[str] = []
        self._watched = watched
        self.commits = 0
        self._before_commit: list[Callable[[], Awaitable[None]]] = []
        self._after_commit: list[Callable[[], Awaitable[None]]] = []
        self._tracked: list[tuple[str, Any, int | None, dict[str, Any] | None]] = []
        self.deleted: list[tuple[str, int]] = []
        self.posts = FakePosts(self, "posts")
        self.publications = FakePublications(self, "publications")
        self.series = FakeSeries(self, "series")
        self.credentials = FakeCredentials(self, "credentials")
        self.users = FakeUsers(self, "users")
        self.api_tokens = FakeApiTokens(self, "api_tokens")
        self.groups = FakeGroups(self, "groups")
        self.sessions = FakeSessions(self, "sessions")
        self.user_secrets = FakeUserSecrets(self, "user_secrets")
        self.login_failures = FakeLoginFailures(self, "login_failures")
        self.audit = FakeAuditLog(self, "audit")
        self.attempts = FakeAttemptLog(self, "attempts")
        self.pending_memberships: dict[int, set[int]] = {}
        self.boards = FakeBoards(self, "boards")
        self.oauth_states = FakeOAuthStates(self, "oauth_states")
        self.idempotency_keys = FakeIdempotencyKeys(self, "idempotency_keys")
        self.posting_schedules = FakePostingSchedules(self, "posting_schedules")
        self.media = FakeMedia(self, "media")
        self.sync_progress = FakeSyncProgress(self)
        self.insights = FakeInsights(self)
        self.comments = FakeComments(self, "comments")
        self.events = FakeEventOutbox(self, "events")
        self.webhooks = FakeWebhookEndpoints(self, "webhooks")
        self.deliveries = FakeWebhookDeliveries(self, "deliveries")
        self.library = FakeLibrary(self, "library")

    def begin(self) -> None:
        """A transaction is open from the first read or write on."""
        if self._watched:
            self.store.open_transactions.add(id(self))

    def load(self, table: str, key: int) -> Any:
        self.begin()
        for name, entity, _, _ in self._tracked:
            if name == table and entity.id == key:
                return entity
        entity = copy.deepcopy(self.store.rows[table][key])
        self.track(table, entity)
        return entity

    def track(self, table: str, entity: Any, new: bool = False) -> None:
        self.begin()
        version = None if new else getattr(entity, "version", None)
        snapshot = None if new else attrs.asdict(entity, recurse=False)
        self._tracked.append((table, entity, version, snapshot))

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.rollback()

    async def commit(self) -> None:
        last_steps, self._before_commit = self._before_commit, []
        actions, self._after_commit = self._after_commit, []
        self.recorded_events = []
        rows = self.store.rows
        changed = []
        for index, (table, entity, version, snapshot) in enumerate(self._tracked):
            if snapshot is None:
                continue
            if attrs.asdict(entity, recurse=False) == snapshot:
                continue
            if version is not None and rows[table][entity.id].version != version:
                await self.rollback()
                raise ConcurrentUpdate(f"{table} {entity.id} changed since it was read")
            changed.append(index)
        for index in changed:
            table, entity, version, _ = self._tracked[index]
            if version is not None:
                entity.version = version + 1
            rows[table][entity.id] = copy.deepcopy(entity)
        for table, entity, _, snapshot in self._tracked:
            if snapshot is None:
                if entity.id is None:
                    entity.id = next(self.store.ids)
                rows[table][entity.id] = copy.deepcopy(entity)
        for table, key in self.deleted:
            rows[table].pop(key, None)
            if table == "users":
                self.store.memberships.pop(key, None)
        self.deleted = []
        self.store.memberships.update(self.pending_memberships)
        self.pending_memberships = {}
        self._tracked = [
            (t, e, getattr(e, "version", None), attrs.asdict(e, recurse=False))
            for t, e, _, _ in self._tracked
        ]
        for step in last_steps:  # the rows are written, with their ids and versions
            await step()
        self.commits += 1
        self.store.commits += 1
        self.store.open_transactions.discard(id(self))
        for action in actions:
            try:
                await action()
            except Exception:
                log.exception("an action after a commit failed; the commit stands")

    def before_commit(self, action: Callable[[], Awaitable[None]]) -> None:
        self._before_commit.append(action)

    def after_commit(self, action: Callable[[], Awaitable[None]]) -> None:
        self._after_commit.append(action)

    async def rollback(self) -> None:
        self.store.open_transactions.discard(id(self))
        self._before_commit, self._after_commit = [], []
        self.sync_progress.discard()
        self.insights.discard()
        self.recorded_events = []
        self._tracked = []
        self.deleted = []
        self.pending_memberships = {}

    def memberships(self) -> dict[int, set[int]]:
        self.begin()
        return self.store.memberships | self.pending_memberships


class Scripted:
    """A fake platform whose answers a test scripts: ``script`` maps a call's name to the
    outcomes of its next calls (a value to return or an exception to raise), used in order;
    every call's name is recorded in ``calls``."""

    calls: list[str]
    script: dict[str, list[Any]]

    def _scripted(self, name: str) -> Any:
        self.calls.append(name)
        outcomes = self.script.get(name)
        if outcomes:
            outcome = outcomes.pop(0)
            if isinstance(outcome, BaseException):
                raise outcome
            return outcome
        return None


class WorkerDied(BaseException):
    """Raised by a scripted platform call to stand for the worker process being killed."""


@dataclass
class AfterWork:
    """A scripted outcome: the platform does the work, then the answer is lost with ``error``."""

    error: BaseException


@dataclass
class FakeInstagramGateway(Scripted):
    """A scripted Instagram: records every call; ``script`` maps a call name to a list of
    outcomes (a value to return or an exception to raise), used up in order."""

    published: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    requests: list[ContainerRequest] = field(default_factory=list)
    # Resumable uploads by container id: the bytes sent (None until they were).
    uploads: dict[str, bytes | None] = field(default_factory=dict)
    script: dict[str, list[Any]] = field(default_factory=dict)
    container_states: dict[str, ContainerStatus] = field(default_factory=dict)
    quota: PublishingQuota = field(default_factory=lambda: PublishingQuota(0, 100))
    media: dict[str, PublishedMedia] = field(default_factory=dict)
    tokens_seen: list[str] = field(default_factory=list)
    # Errors raised by the next calls, whatever they are (an outage).
    outage: list[BaseException] = field(default_factory=list)
    captions: dict[str, str | None] = field(default_factory=dict)
    # Nothing in Meta's reference promises that a container already published is refused:
    # by default publishing it again makes another media, a duplicate, as Instagram may.
    refuses_second_publish: bool = False
    refused_for_quota: int = 0
    # Runs after Instagram counted the quota, while its answer is on its way back.
    quota_meanwhile: Callable[[], Awaitable[None]] | None = None
    _ids: Any = field(default_factory=lambda: itertools.count(1000))
    # When each call came, by ``clock`` (when one is given).
    clock: FakeClock | None = None
    called_at: list[datetime] = field(default_factory=list)
    # Checks the moment of every call (that no transaction is open across it, say).
    before_call: Callable[[str], None] | None = None

    def _scripted(self, name: str) -> Any:
        if self.before_call is not None:
            self.before_call(name)
        if self.clock is not None:
            self.called_at.append(self.clock.now())
        if self.outage:
            self.calls.append(name)
            raise self.outage.pop(0)
        return super()._scripted(name)

    async def create_resumable_container(
        self, account: InstagramAccount, request: ContainerRequest
    ) -> ResumableUpload:
        assert request.resumable and request.video_url is None, "no URL with an upload"
        container_id = await self.create_container(account, request)
        self.uploads[container_id] = None
        return ResumableUpload(container_id, f"https://rupload.test/{container_id}")

    async def upload_video(
        self,
        account: InstagramAccount,
        upload: ResumableUpload,
        chunks: AsyncIterable[bytes],
        size: int,
    ) -> None:
        self._scripted("upload_video")
        assert self.uploads.get(upload.container_id, b"") is None, "uploaded once"
        data = b"".join([chunk async for chunk in chunks])
        assert len(data) == size
        self.uploads[upload.container_id] = data

    async def create_container(self, account: InstagramAccount, request: ContainerRequest) -> str:
        self.tokens_seen.append(account.access_token)
        scripted = self._scripted("create_container")
        container_id = scripted or f"c{next(self._ids)}"
        self.requests.append(request)
        self.captions[container_id] = request.caption
        is_video = request.media_type in ("REELS",) or any(c.is_video for c in request.children)
        self.container_states.setdefault(
            container_id, ContainerStatus.IN_PROGRESS if is_video else ContainerStatus.FINISHED
        )
        return container_id

    async def container_state(self, account: InstagramAccount, container_id: str) -> ContainerState:
        scripted = self._scripted("container_state")
        if scripted is not None:
            return scripted  # type: ignore[no-any-return]
        return ContainerState(self.container_states[container_id])

    async def publish_container(self, account: InstagramAccount, container_id: str) -> str:
        outcome = self._scripted("publish_container")
        published = self.container_states.get(container_id) is ContainerStatus.PUBLISHED
        if published and self.refuses_second_publish:
            from autopost.application.ports.platform_errors import PermanentPlatformError

            raise PermanentPlatformError("Instagram refused the post: already published")
        if self.quota.used >= self.quota.total:
            self.refused_for_quota += 1
            raise PublishingLimitReached("Instagram's publishing limit is reached")
        # As Instagram does: what it publishes counts against the account's quota.
        self.quota = PublishingQuota(self.quota.used + 1, self.quota.total)
        media_id = f"m{next(self._ids)}"
        self.published.append(container_id)
        self.container_states[container_id] = ContainerStatus.PUBLISHED
        self.media[media_id] = PublishedMedia(media_id, f"https://www.instagram.com/p/{media_id}/")
        if isinstance(outcome, AfterWork):
            raise outcome.error
        return media_id

    async def permalink(self, account: InstagramAccount, media_id: str) -> str | None:
        self._scripted("permalink")
        return self.media[media_id].permalink

    async def permalinks(
        self, account: InstagramAccount, media_ids: Collection[str]
    ) -> dict[str, str]:
        scripted = self._scripted("permalinks")
        if scripted is not None:
            return dict(scripted)
        # As the adapter reads them: one page of the newest media, a few more than asked for.
        newest = list(self.media.values())[-min(len(media_ids) + 10, 100) :]
        return {m.media_id: m.permalink for m in newest if m.media_id in media_ids and m.permalink}

    async def find_recent_media(
        self, account: InstagramAccount, caption: str | None, since: datetime
    ) -> PublishedMedia | None:
        self._scripted("find_recent_media")
        return next(iter(reversed(self.media.values())), None)

    async def publishing_quota(self, account: InstagramAccount) -> PublishingQuota:
        self._scripted("publishing_quota")
        counted = self.quota
        if self.quota_meanwhile is not None:
            await self.quota_meanwhile()
        return counted

    def finish_processing(self) -> None:
        for key, status in self.container_states.items():
            if status is ContainerStatus.IN_PROGRESS:
                self.container_states[key] = ContainerStatus.FINISHED


@dataclass
class FakePinterestGateway(Scripted):
    """A scripted Pinterest with boards, pins and tokens that the test controls."""

    boards: list[RemoteBoard] = field(default_factory=list)
    unlisted: list[RemoteBoard] = field(default_factory=list)
    # Each board's sections, by board id.
    sections: dict[str, list[RemoteSection]] = field(default_factory=dict)
    pins: list[RemotePin] = field(default_factory=list)
    created: list[PinRequest] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    script: dict[str, list[Any]] = field(default_factory=dict)
    access_tokens_seen: list[str] = field(default_factory=list)
    grants: int = 0
    clock: FakeClock | None = None
    # Checks the moment of every call (that no transaction is open across it, say).
    before_call: Callable[[str], None] | None = None
    _ids: Any = field(default_factory=lambda: itertools.count(7000))
    # Video uploads by media id: the bytes received (None until uploaded), and when
    # Pinterest is done processing them. Like Pinterest, a pin takes one only then.
    videos: dict[str, bytes | None] = field(default_factory=dict)
    processed_at: dict[str, datetime] = field(default_factory=dict)
    video_processing: timedelta = timedelta(seconds=10)

    set_up: bool = True

    def is_set_up(self) -> bool:
        return self.set_up

    def _scripted(self, name: str) -> Any:
        if self.before_call is not None:
            self.before_call(name)
        return super()._scripted(name)

    def authorize_url(self, state: str, scopes: tuple[str, ...]) -> str:
        return f"https://pinterest.test/oauth/?state={state}&scope={','.join(scopes)}"

    def _grant(self) -> PinterestTokenGrant:
        self.grants += 1
        return PinterestTokenGrant(
            access_token=f"pina-access-{self.grants}",
            refresh_token=f"pinr-refresh-{self.grants}",
            expires_in=30 * 24 * 3600,
            scope="boards:read,pins:read,pins:write,user_accounts:read",
        )

    async def exchange_code(self, code: str) -> PinterestTokenGrant:
        scripted = self._scripted("exchange_code")
        return scripted or self._grant()  # type: ignore[no-any-return]

    async def refresh(self, refresh_token: str) -> PinterestTokenGrant:
        scripted = self._scripted("refresh")
        return scripted or self._grant()  # type: ignore[no-any-return]

    async def user_account(self, access_token: str) -> PinterestAccount:
        self._scripted("user_account")
        count = len(self.boards) + len(self.unlisted)
        return PinterestAccount(username="quiz_team", board_count=count)

    async def list_boards(self, access_token: str) -> list[RemoteBoard]:
        self._scripted("list_boards")
        return list(self.boards)

    async def board(self, access_token: str, board_id: str) -> RemoteBoard | None:
        self._scripted("board")
        return next((b for b in self.boards + self.unlisted if b.board_id == board_id), None)

    async def board_sections(self, access_token: str, board_id: str) -> list[RemoteSection]:
        self._scripted("board_sections")
        return list(self.sections.get(board_id, []))

    async def list_pins(self, access_token: str, max_pages: int) -> list[RemotePin]:
        self._scripted("list_pins")
        return list(reversed(self.pins))

    async def board_pins(self, access_token: str, board_id: str, max_pages: int) -> list[RemotePin]:
        self._scripted("board_pins")
        return [p for p in reversed(self.pins) if p.board_id == board_id]

    async def register_video(self, access_token: str) -> VideoUpload:
        self._scripted("register_video")
        media_id = str(next(self._ids))
        self.videos[media_id] = None
        return VideoUpload(media_id, f"https://upload.test/{media_id}", {"key": media_id})

    async def upload_video(
        self, upload: VideoUpload, chunks: AsyncIterable[bytes], size: int, filename: str
    ) -> None:
        self._scripted("upload_video")
        assert self.videos.get(upload.media_id, b"") is None, "a file is uploaded once"
        data = b"".join([chunk async for chunk in chunks])
        assert len(data) == size
        self.videos[upload.media_id] = data
        assert self.clock is not None
        self.processed_at[upload.media_id] = self.clock.now() + self.video_processing

    async def media_status(self, access_token: str, media_id: str) -> MediaStatus:
        scripted = self._scripted("media_status")
        if scripted is not None:
            return scripted  # type: ignore[no-any-return]
        if self.videos.get(media_id) is None:
            return MediaStatus.REGISTERED
        assert self.clock is not None
        if self.clock.now() < self.processed_at[media_id]:
            return MediaStatus.PROCESSING
        return MediaStatus.SUCCEEDED

    async def create_pin(self, access_token: str, pin: PinRequest) -> RemotePin:
        self.access_tokens_seen.append(access_token)
        if pin.video is not None:
            status = await self.media_status(access_token, pin.video.media_id)
            if status is not MediaStatus.SUCCEEDED:
                raise PermanentPlatformError(f"media {pin.video.media_id} is {status}")
        outcome = self._scripted("create_pin")
        # As Pinterest: a section of another board, or none, and a number of images it does
        # not take, are refused.
        on_board = {s.section_id for s in self.sections.get(pin.board_id, [])}
        if pin.board_section_id is not None and pin.board_section_id not in on_board:
            raise PermanentPlatformError("Pinterest refused the pin: Board section not found.")
        if pin.images and not 2 <= len(pin.images) <= 5:
            raise PermanentPlatformError("Pinterest refused the pin: 2 to 5 images.")
        created = RemotePin(
            pin_id=str(next(self._ids)),
            board_id=pin.board_id,
            title=pin.title,
            link=pin.link,
            created_at=self.clock.now() if self.clock else None,
        )
        self.created.append(pin)
        self.pins.append(created)
        if isinstance(outcome, AfterWork):
            raise outcome.error
        return created


@dataclass
class FakeInstagramMediaGateway(Scripted):
    """An Instagram account's media, newest first, and their comments."""

    media: list[RemoteMedia] = field(default_factory=list)
    comments_of: dict[str, list[RemoteComment]] = field(default_factory=dict)
    pages_served: int = 0
    # The cursor each page was asked from, failed asks included.
    pages_asked: list[str | None] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    script: dict[str, list[Any]] = field(default_factory=dict)
    _ids: Any = field(default_factory=lambda: itertools.count(18000))
    # Whether Instagram has a media besides those in ``media``, when the test says: a comment
    # on a media it has not is refused.
    media_exists: Callable[[str], bool] | None = None
    # Checks the moment of every call (that no transaction is open across it, say).
    before_call: Callable[[str], None] | None = None

    def _scripted(self, name: str) -> Any:
        if self.before_call is not None:
            self.before_call(name)
        return super()._scripted(name)

    async def media_page(
        self, account: InstagramAccount, after: str | None, limit: int
    ) -> MediaPage:
        self.pages_asked.append(after)
        self._scripted("media_page")
        self.pages_served += 1
        start = int(after or 0)
        items = tuple(self.media[start : start + limit])
        more = start + limit < len(self.media)
        return MediaPage(items, str(start + limit) if more else None)

    async def comments(self, account: InstagramAccount, media_id: str) -> list[RemoteComment]:
        self._scripted("comments")
        return list(self.comments_of.get(media_id, []))

    async def add_comment(self, account: InstagramAccount, media_id: str, text: str) -> str:
        outcome = self._scripted("add_comment")
        # As Instagram: no comment on a media it does not have, nor an empty or overlong one.
        synced = any(m.media_id == media_id for m in self.media)
        if self.media_exists is not None and not (synced or self.media_exists(media_id)):
            raise PermanentPlatformError(f"Instagram has no media {media_id}")
        if not text.strip() or len(text) > 2200:
            raise PermanentPlatformError("Instagram refused the comment's text")
        comment_id = str(next(self._ids))
        self.comments_of.setdefault(media_id, []).append(
            RemoteComment(comment_id, text, datetime(2026, 12, 1, tzinfo=UTC), account.ig_user_id)
        )
        if isinstance(outcome, AfterWork):  # written, and the answer lost on its way back
            raise outcome.error
        return comment_id

    async def reply(self, account: InstagramAccount, comment_id: str, text: str) -> str:
        self._scripted("reply")
        return str(next(self._ids))

    async def hide_comment(self, account: InstagramAccount, comment_id: str, hide: bool) -> None:
        self._scripted("hide_comment")

    async def delete_comment(self, account: InstagramAccount, comment_id: str) -> None:
        self._scripted("delete_comment")
        for comments in self.comments_of.values():
            comments[:] = [c for c in comments if c.comment_id != comment_id]


@dataclass
class FakeInstagramLoginGateway(Scripted):
    """Meta's logins: who is behind a code, and tokens that refresh."""

    accounts: list[ConnectedInstagram] = field(default_factory=list)
    script: dict[str, list[Any]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    refreshed: int = 0

    set_up: bool = True

    def is_set_up(self, login: InstagramLogin) -> bool:
        return self.set_up

    def authorize_url(self, login: InstagramLogin, state: str) -> str:
        return f"https://meta.test/{login.value}/oauth?state={state}"

    async def connect(self, login: InstagramLogin, code: str) -> list[ConnectedInstagram]:
        self._scripted("connect")
        return list(self.accounts)

    async def refresh(self, access_token: str) -> RefreshedToken:
        self._scripted("refresh")
        self.refreshed += 1
        return RefreshedToken(f"IGQ-refreshed-{self.refreshed}", 60 * 24 * 3600)
