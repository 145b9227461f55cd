"""What Instagram accepts in a post, checked before anything is scheduled.

Limits from Instagram's content publishing documentation: a caption of at most 2,200
characters and 30 hashtags, at most 20 user tags, 2 to 10 carousel items, and media that
Instagram fetches itself from a public https URL.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from autopost.domain.library import referenced_item
from autopost.domain.media import ContentType

CAPTION_MAX_CHARS = 2200
CAPTION_MAX_HASHTAGS = 30
USER_TAGS_MAX = 20
CAROUSEL_MIN_ITEMS = 2
CAROUSEL_MAX_ITEMS = 10
THUMB_OFFSET_TYPES = frozenset({ContentType.VIDEO, ContentType.REEL})
# A reel published through the API lasts at most 15 minutes (Meta's Reels specifications):
# a cover frame further in cannot exist.
THUMB_OFFSET_MAX_MS = 15 * 60 * 1000

_HASHTAG = re.compile(r"(?<![\w&])#\w+", re.UNICODE)

Errors = dict[str, list[str]]


def hashtags_in(caption: str) -> list[str]:
    return _HASHTAG.findall(caption)


def is_https_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme == "https" and bool(parts.netloc)


def is_media_address(value: str) -> bool:
    """A public https URL, or a file of the media library (``library:42``), which Autopost
    hands the platform as a signed link of its own."""
    return is_https_url(value) or referenced_item(value) is not None


def check_caption(caption: str | None) -> list[str]:
    if not caption:
        return []
    problems = []
    if len(caption) > CAPTION_MAX_CHARS:
        problems.append(
            f"Instagram allows at most {CAPTION_MAX_CHARS} characters; this caption has "
            f"{len(caption)}."
        )
    tags = len(hashtags_in(caption))
    if tags > CAPTION_MAX_HASHTAGS:
        problems.append(f"Instagram allows at most {CAPTION_MAX_HASHTAGS} hashtags; found {tags}.")
    return problems


def check_user_tags(user_tags: list[dict[str, Any]] | None) -> list[str]:
    if not user_tags:
        return []
    problems = []
    if len(user_tags) > USER_TAGS_MAX:
        problems.append(
            f"Instagram allows at most {USER_TAGS_MAX} user tags; got {len(user_tags)}."
        )
    for index, tag in enumerate(user_tags):
        if not isinstance(tag, dict) or not str(tag.get("username") or "").strip():
            problems.append(f"Tag {index + 1} needs a username.")
            continue
        for axis in ("x", "y"):
            value = tag.get(axis)
            if value is None:
                continue
            if not isinstance(value, int | float) or not 0.0 <= float(value) <= 1.0:
                problems.append(f"Tag {index + 1}: {axis} must be a number from 0.0 to 1.0.")
    return problems


def check_instagram_post(
    content_type: ContentType,
    url: str | None,
    caption: str | None,
    user_tags: list[dict[str, Any]] | None,
    children: list[dict[str, str]] | None,
    thumb_offset: int | None,
) -> Errors:
    """Every rule a post breaks, by field; empty when Instagram would take it."""
    errors: Errors = {}

    def add(name: str, messages: list[str]) -> None:
        if messages:
            errors.setdefault(name, []).extend(messages)

    add("caption", check_caption(caption))
    add("user_tags", check_user_tags(user_tags))
    if content_type is ContentType.CAROUSEL:
        items = children or []
        if not CAROUSEL_MIN_ITEMS <= len(items) <= CAROUSEL_MAX_ITEMS:
            add(
                "children",
                [
                    f"A carousel has {CAROUSEL_MIN_ITEMS} to {CAROUSEL_MAX_ITEMS} items; "
                    f"got {len(items)}."
                ],
            )
        bad = [i + 1 for i, c in enumerate(items) if not is_media_address(c.get("url", ""))]
        if bad:
            add(
                "children",
                [
                    f"Item {n} needs a public https URL or a library file (library:<id>)."
                    for n in bad
                ],
            )
    else:
        if not url:
            add("url", ["This field is required."])
        elif not is_media_address(url):
            add(
                "url",
                [
                    "Instagram fetches media itself: give a public https URL or a library "
                    "file (library:<id>)."
                ],
            )
        if children:
            add("children", [f"Only a Carousel has children, not a {content_type.value}."])
    if thumb_offset is not None:
        if content_type not in THUMB_OFFSET_TYPES:
            add("thumb_offset", ["Only a Video or a Reel has a thumbnail offset."])
        elif not 0 <= thumb_offset <= THUMB_OFFSET_MAX_MS:
            add(
                "thumb_offset",
                [
                    "The offset is milliseconds from the start: 0 to "
                    f"{THUMB_OFFSET_MAX_MS} (a reel lasts at most 15 minutes)."
                ],
            )
    return errors
