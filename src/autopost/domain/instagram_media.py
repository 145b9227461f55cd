"""An Instagram account's media as Autopost last saw them, and their comments.

A media that Autopost published itself is linked to its Post (``post_id``): what was
published and what was synced are one post, not two copies.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from attrs import define


class MediaOrigin(enum.StrEnum):
    PUBLISHED = "published"  # Autopost published it
    SYNCED = "synced"  # found on the account


@define(slots=False, eq=False)
class InstagramMedia:
    credential_id: int
    media_id: str
    media_type: str  # IMAGE, VIDEO or CAROUSEL_ALBUM
    timestamp: datetime
    synced_at: datetime
    caption: str | None = None
    media_product_type: str | None = None  # FEED, REELS or STORY
    media_url: str | None = None
    thumbnail_url: str | None = None
    permalink: str | None = None
    like_count: int | None = None
    comments_count: int | None = None
    children: list[dict[str, Any]] | None = None
    post_id: int | None = None
    deleted_at: datetime | None = None
    id: int | None = None

    @property
    def origin(self) -> MediaOrigin:
        return MediaOrigin.PUBLISHED if self.post_id is not None else MediaOrigin.SYNCED


@define(slots=False, eq=False)
class Comment:
    media_id: int  # the InstagramMedia it is on
    comment_id: str  # Instagram's id
    text: str
    timestamp: datetime
    username: str | None = None
    parent_id: str | None = None  # Instagram's id of the comment this one replies to
    like_count: int | None = None
    hidden: bool = False
    author_id: int | None = None  # the Autopost user who wrote it through Autopost
    deleted_at: datetime | None = None
    id: int | None = None
