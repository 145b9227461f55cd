"""What the Graph emulator remembers: accounts and their tokens, containers, media, publishes."""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass, field
from datetime import datetime

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
    share_to_feed: bool = True
    children: tuple[str, ...] = ()
    fails_processing: bool = False
    expired_by_hand: bool = False
    media_id: str | None = None

    @property
    def has_video(self) -> bool:
        return self.kind == ContainerKind.VIDEO

    @property
    def media_url(self) -> str | None:
        return self.video_url or self.image_url


@dataclass
class Media:
    id: str
    owner: str
    username: str
    container_id: str
    media_type: str
    product: ProductType
    timestamp: datetime
    shortcode: str
    permalink: str | None
    caption: str | None
    media_url: str | None
    thumbnail_url: str | None = None
    alt_text: str | None = None
    is_shared_to_feed: bool | None = None
    children: tuple[str, ...] = ()
    parent_id: str | None = None  # set on a carousel's items, which are not listed on their own


@dataclass(frozen=True)
class PublishEvent:
    media_id: str
    container_id: str
    ig_user_id: str
    caption: str | None
    media_type: str
    media_product_type: str
    published_at: datetime


@dataclass
class TokenGrant:
    ig_user_id: str
    revoked: bool = False


class InstagramState:
    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.tokens: dict[str, TokenGrant] = {}
        self.containers: dict[str, Container] = {}
        self.media: dict[str, Media] = {}
        self.published: list[PublishEvent] = []
        self._object_ids = itertools.count(FIRST_OBJECT_ID)
        self._account_ids = itertools.count(FIRST_GENERATED_ACCOUNT_ID)
        self.add_account(DEMO_IG_USER_ID, DEMO_USERNAME)
        self.grant(DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID)

    def new_object_id(self) -> str:
        """Containers and media share one id space, as on Graph."""
        return str(next(self._object_ids))

    def new_account_id(self) -> str:
        while True:
            candidate = str(next(self._account_ids))
            if not self.is_known_id(candidate):
                return candidate

    def is_known_id(self, object_id: str) -> bool:
        return object_id in self.accounts or object_id in self.containers or object_id in self.media

    def add_account(self, ig_user_id: str, username: str | None = None) -> Account:
        account = Account(ig_user_id, username or f"sandbox_user_{ig_user_id[-6:]}")
        self.accounts[ig_user_id] = account
        return account

    def grant(self, token: str, ig_user_id: str) -> None:
        self.tokens[token] = TokenGrant(ig_user_id)

    def revoke_tokens_of(self, ig_user_id: str) -> int:
        grants = [g for g in self.tokens.values() if g.ig_user_id == ig_user_id]
        for grant in grants:
            grant.revoked = True
        return len(grants)

    def owner_of(self, object_id: str) -> str | None:
        if object_id in self.accounts:
            return object_id
        node = self.containers.get(object_id) or self.media.get(object_id)
        return node.owner if node else None
