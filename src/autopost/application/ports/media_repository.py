"""Where an Instagram account's synced media is kept."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from attrs import frozen

from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.domain.instagram_media import InstagramMedia, MediaOrigin


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
