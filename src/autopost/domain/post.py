"""A post: the content that is published, independent of when and where."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from attrs import define, field


class Platform(enum.StrEnum):
    INSTAGRAM = "instagram"
    PINTEREST = "pinterest"


class ContentType(enum.StrEnum):
    PHOTO = "Photo"
    VIDEO = "Video"
    CAROUSEL = "Carousel"
    REEL = "Reel"
    STORY = "Story"


class MediaKind(enum.StrEnum):
    IMAGE = "image"
    VIDEO = "video"


VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v")


def media_kind_of(url: str) -> MediaKind:
    """Guess a media's kind from its URL; carousel items and stories may be either."""
    path = url.split("?", 1)[0].lower()
    return MediaKind.VIDEO if path.endswith(VIDEO_SUFFIXES) else MediaKind.IMAGE


@define(slots=False, eq=False)
class CarouselItem:
    url: str
    kind: MediaKind

    def as_dict(self) -> dict[str, str]:
        return {"url": self.url, "media_type": self.kind.value}


@define(slots=False, eq=False)
class Post:
    platform: Platform
    content_type: ContentType
    url: str | None
    created_at: datetime
    owner_id: int | None = None
    caption: str | None = None
    location_id: str | None = None
    user_tags: list[dict[str, Any]] | None = None
    thumb_offset: int | None = None
    children: list[dict[str, str]] | None = None
    title: str | None = None
    description: str | None = None
    link: str | None = None
    alt_text: str | None = None
    topic: str | None = None
    answers: list[str] | None = None
    id: int | None = None
    updated_at: datetime | None = field(default=None)

    def carousel_items(self) -> list[CarouselItem]:
        return [
            CarouselItem(
                url=c["url"], kind=MediaKind(c.get("media_type") or media_kind_of(c["url"]))
            )
            for c in self.children or []
        ]
