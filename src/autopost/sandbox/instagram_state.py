"""What the Graph emulator remembers: accounts and their tokens, containers, media, comments,
publishes.

Media records are slotted and hold no derived values (shortcodes and permalinks are computed
when asked for), so an account can hold a hundred thousand of them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from autopost.sandbox.instagram_comments import Comment, CommentBook
from autopost.sandbox.instagram_timeline import Timeline, media_key
from autopost.sandbox.instagram_tokens import TokenGrant
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID, DEMO_USERNAME

FIRST_OBJECT_ID = 17_900_000_000_000_001
FIRST_GENERATED_ACCOUNT_ID = 17_841_400_000_000_002


class ContainerKind(enum.StrEnum):
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"
    CAROUSEL = "CAROUSEL"


class ProductType(enum.StrEnum):
    FEED = "FEED"
    REELS = "REELS"
    STORY = "STORY"


@dataclass
class Account:
    ig_user_id: str
    username: str
    # Moments at which a publish counted against the 24-hour quota.
    quota_log: list[datetime] = field(default_factory=list)
    feed: Timeline = field(default_factory=Timeline)
    stories: Timeline = field(default_factory=Timeline)


@dataclass
class Container:
    id: str
    owner: str
    kind: ContainerKind
    product: ProductType
    created_at: datetime
    ready_at: datetime
    is_carousel_item: bool = False
    image_url: str | None = None
    video_url: str | None = None
    cover_url: str | None = None
    caption: str | None = None
    alt_text: str | None = None
    collaborators: tuple[str, ...] = ()
    audio_name: str | None = None
    trial_params: dict[str, Any] | None = None
    location_id: str | None = None
    user_tags: list[Any] | None = None
    product_tags: list[Any] | None = None
    share_to_feed: bool = True
    children: tuple[str, ...] = ()
    fails_processing: bool = False
    expired_by_hand: bool = False
    media_id: str | None = None
    # A resumable upload's container (``upload_type=resumable``) until its file came.
    awaiting_upload: bool = False

    @property
    def has_video(self) -> bool:
        return self.kind == ContainerKind.VIDEO

    @property
    def media_url(self) -> str | None:
        return self.video_url or self.image_url


@dataclass(slots=True)
class Media:
    id: str
    owner: str
    username: str
    container_id: str | None  # None for seeded media
    media_type: str
    product: ProductType
    timestamp: datetime
    caption: str | None
    media_url: str | None
    thumbnail_url: str | None = None
    alt_text: str | None = None
    is_shared_to_feed: bool | None = None
    children: tuple[str, ...] = ()
    parent_id: str | None = None  # set on a carousel's items, which are not listed on their own
    like_count: int = 0
    comments_count: int = 0  # comments and replies, as Instagram counts them


@dataclass(frozen=True)
class PublishEvent:
    media_id: str
    container_id: str
    ig_user_id: str
    caption: str | None
    media_type: str
    media_product_type: str
    published_at: datetime
    # What the container asked of Instagram besides its media, as the sandbox took it.
    collaborators: tuple[str, ...] = ()
    location_id: str | None = None
    audio_name: str | None = None
    trial_params: dict[str, Any] | None = None
    user_tags: list[Any] | None = None
    product_tags: list[Any] | None = None


class InstagramState:
    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.tokens: dict[str, TokenGrant] = {}
        self.containers: dict[str, Container] = {}
        self.media: dict[str, Media] = {}
        self.comments = CommentBook()
        self.published: list[PublishEvent] = []
        self.deleted_ids: set[str] = set()  # media and comments deleted on Instagram
        self._next_object_id = FIRST_OBJECT_ID
        self._next_account_id = FIRST_GENERATED_ACCOUNT_ID
        self.add_account(DEMO_IG_USER_ID, DEMO_USERNAME)
        self.grant(DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID)

    def new_object_id(self) -> str:
        """Containers, media and comments share one id space, as on Graph."""
        return str(self.reserve_object_ids(1))

    def reserve_object_ids(self, count: int) -> int:
        """The first of ``count`` consecutive new object ids."""
        first = self._next_object_id
        self._next_object_id += count
        return first

    def new_account_id(self) -> str:
        while True:
            candidate = str(self._next_account_id)
            self._next_account_id += 1
            if not self.is_known_id(candidate):
                return candidate

    def is_known_id(self, object_id: str) -> bool:
        return (
            object_id in self.accounts
            or object_id in self.containers
            or object_id in self.media
            or object_id in self.comments
            or object_id in self.deleted_ids
        )

    def add_account(self, ig_user_id: str, username: str | None = None) -> Account:
        account = Account(ig_user_id, username or f"sandbox_user_{ig_user_id[-6:]}")
        self.accounts[ig_user_id] = account
        return account

    def grant(self, token: str, ig_user_id: str) -> None:
        """A long-lived token that never expires, as the demo account's."""
        self.tokens[token] = TokenGrant(ig_user_id)

    def revoke_tokens_of(self, ig_user_id: str) -> int:
        grants = [g for g in self.tokens.values() if g.ig_user_id == ig_user_id]
        for grant in grants:
            grant.revoked = True
        return len(grants)

    def expire_tokens_of(self, ig_user_id: str, now: datetime) -> int:
        grants = [
            g
            for g in self.tokens.values()
            if g.ig_user_id == ig_user_id and not g.revoked and not g.expired(now)
        ]
        for grant in grants:
            grant.expires_at = now
        return len(grants)

    def owner_of(self, object_id: str) -> str | None:
        if object_id in self.accounts:
            return object_id
        comment = self.comments.get(object_id)
        if comment is not None:
            object_id = comment.media_id
        node = self.containers.get(object_id) or self.media.get(object_id)
        return node.owner if node else None

    def add_media(self, media: Media) -> None:
        """Keep a media, listed on its account unless it is a carousel's item."""
        self.media[media.id] = media
        if media.parent_id is None:
            self._timeline_of(media).add(media_key(media.timestamp, media.id))

    def delete_media(self, media: Media) -> None:
        """Gone from Instagram: the media, a carousel's items, and every comment on them."""
        for node_id in (*media.children, media.id):
            self.deleted_ids.update(self.comments.delete_all_on(node_id))
            del self.media[node_id]
            self.deleted_ids.add(node_id)
        if media.parent_id is None:
            self._timeline_of(media).remove(media_key(media.timestamp, media.id))

    def add_comment(self, comment: Comment) -> None:
        self.comments.add(comment)
        self.media[comment.media_id].comments_count += 1

    def delete_comment(self, comment_id: str) -> None:
        """A comment and its replies, gone from Instagram and from the media's count."""
        media = self.media[self.comments.by_id[comment_id].media_id]
        gone = self.comments.delete(comment_id)
        self.deleted_ids.update(gone)
        media.comments_count = max(0, media.comments_count - len(gone))

    def _timeline_of(self, media: Media) -> Timeline:
        account = self.accounts[media.owner]
        return account.stories if media.product == ProductType.STORY else account.feed
