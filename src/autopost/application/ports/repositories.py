"""The repositories a unit of work hands out. Narrow: add, get, and the queries use cases need."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from attrs import frozen

from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.domain.board import Board
from autopost.domain.credential import Credential
from autopost.domain.instagram_media import Comment, InstagramMedia, MediaOrigin
from autopost.domain.oauth_state import OAuthState
from autopost.domain.post import Post
from autopost.domain.publication import ScheduledPublication


@frozen
class DispatchTicket:
    publication_id: int
    version: int
    next_run_at: datetime
    # A message for this version was sent already (the sweep sends it again).
    sent_before: bool = False


@frozen
class QuotaPlaces:
    """The places in an account's publishing quota that its publications hold.

    ``unsent``: the call that publishes was not made yet, so the platform does not count
    them. ``sent``: it was made and its outcome is not recorded yet (in flight, or its answer
    was lost): the platform may already count them.
    """

    unsent: int
    sent: int

    @property
    def held(self) -> int:
        return self.unsent + self.sent


class PostRepository(Protocol):
    async def add(self, post: Post) -> None: ...

    async def get(self, post_id: int) -> Post | None: ...

    async def list(self, limit: int, offset: int) -> Sequence[Post]: ...


class PublicationRepository(Protocol):
    async def add(self, publication: ScheduledPublication) -> None: ...

    async def get(self, publication_id: int) -> ScheduledPublication | None: ...

    async def for_work(self, publication_id: int) -> tuple[ScheduledPublication, Credential] | None:
        """A publication and its account, read at once for a step of work on it; None when
        it is gone. The account is kept as any entity read; the publication is the step's
        own copy, whose changes only ``save`` keeps."""
        ...

    async def save(self, publication: ScheduledPublication) -> None:
        """Write what changed in a publication read by ``for_work`` since it was read or
        last saved, in the transaction under way, and give it its next version; raises
        ``ConcurrentUpdate`` when its stored version is no longer the one read."""
        ...

    async def for_posts(self, post_ids: Sequence[int]) -> Sequence[ScheduledPublication]: ...

    async def needing_dispatch(
        self,
        now: datetime,
        horizon: datetime,
        overdue_before: datetime,
        limit: int,
        *,
        resend_all: bool = False,
    ) -> Sequence[DispatchTicket]:
        """Active publications due before ``horizon`` whose current version was never sent to
        the broker, or that are still waiting although due before ``overdue_before``, or
        that are ``processing`` and due by ``now``: at its time, a post already at work waits
        for no grace (its ``next_run_at`` is the end of its lease, or its next try). One
        overdue is sent again only once its ``resend_after`` has come, unless ``resend_all``.
        """
        ...

    async def mark_dispatched(
        self, publication_id: int, version: int, resend_after: datetime | None = None
    ) -> None:
        """Record that a message for this version is on its way, and when it may be sent
        again if the publication is still waiting then; does not change the version."""
        ...

    async def mark_owed(self, publication_id: int, version: int) -> None:
        """Record that the message noted for this version was not sent after all (the broker
        refused it): the sweep sends it at its next round. Does not change the version."""
        ...

    async def renew_leases(self, leases: Sequence[tuple[int, datetime]], until: datetime) -> None:
        """For each ``(publication id, lease end)``: move ``next_run_at`` to ``until`` where it
        is still that lease end (the claim is still the one given); does not change the
        version."""
        ...

    async def published_since(self, credential_id: int, since: datetime) -> Sequence[datetime]:
        """When this account's publications were published, from ``since`` on, oldest first."""
        ...

    async def count_active_for_credential(self, credential_id: int) -> int: ...

    async def lock_quota(self, credential_id: int) -> QuotaPlaces:
        """Lock the account's publishing quota until this transaction ends (another
        transaction locking it waits until then), and count the places that its active
        publications hold. Counting and taking a place in one such transaction is what keeps
        two workers from both taking the last place."""
        ...


class CredentialRepository(Protocol):
    async def add(self, credential: Credential) -> None: ...

    async def add_or_find(self, credential: Credential) -> Credential:
        """Add ``credential`` unless its platform's account is stored already, and return
        the one stored: ``credential`` itself, now with its id, or the one that was there,
        perhaps added a moment ago by a transaction racing this one (whose end this waits
        for). Never fails because the account is already connected."""
        ...

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


@frozen
class MediaFilter:
    credential_id: int | None = None
    media_type: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    origin: MediaOrigin | None = None
    include_deleted: bool = False


@frozen
class MediaCursor:
    """Where a page of the media listing starts: after this (timestamp, id), newest first."""

    timestamp: datetime
    media_pk: int


class MediaRepository(Protocol):
    async def upsert_page(
        self, credential_id: int, items: Sequence[RemoteMedia], seen_at: datetime, touch_all: bool
    ) -> int:
        """Insert the media not stored yet and update those that changed, in one round trip;
        how many were new or changed. ``touch_all`` marks every one as seen at ``seen_at``,
        changed or not (a full sync, which then finds deletions)."""
        ...

    async def mark_unseen_deleted(self, credential_id: int, seen_before: datetime) -> int:
        """Media of the account not seen since ``seen_before`` are gone from Instagram."""
        ...

    async def link_published(self, credential_id: int) -> int:
        """Link media that Autopost published to their posts; how many were linked."""
        ...

    async def get(self, media_pk: int) -> InstagramMedia | None: ...

    async def page(
        self, filters: MediaFilter, after: MediaCursor | None, limit: int
    ) -> Sequence[InstagramMedia]:
        """Newest first by (timestamp, id), starting after the cursor: keyset pagination,
        stable under inserts and equally cheap however deep."""
        ...


class CommentRepository(Protocol):
    async def add(self, comment: Comment) -> None: ...

    async def get(self, comment_pk: int) -> Comment | None: ...

    async def for_media(self, media_pk: int) -> Sequence[Comment]:
        """Oldest first, replies included; deleted ones left out."""
        ...

    async def replace_synced(self, media_pk: int, comments: Sequence[Comment]) -> None:
        """Make ``comments`` the media's comments as Instagram has them: new ones added,
        known ones updated, ones Instagram no longer has marked deleted."""
        ...


class OAuthStateRepository(Protocol):
    async def add(self, state: OAuthState) -> None: ...

    async def by_digest(self, digest: str) -> OAuthState | None: ...

    async def use(self, digest: str, provider: str, now: datetime) -> OAuthState | None:
        """Mark the state used, atomically, if it is for ``provider``, unused and unexpired;
        the state, or None when it was not usable (so two callbacks cannot both use it)."""
        ...
