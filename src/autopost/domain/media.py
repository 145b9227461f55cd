"""What kind of media a post is, and what a media's URL says about it."""

from __future__ import annotations

import enum


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
