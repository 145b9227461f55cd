"""Warnings, not refusals, about a post that crowds the account's other posts: one due within
a few minutes of another, or the same media or the same caption again within a day.

The other posts counted are those that are or will be on the account: scheduled, being
published, or published. A cancelled or failed one is not.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from attrs import asdict, frozen

from autopost.domain.platform import Platform
from autopost.domain.post import PostContent

# Twice the same media or caption on one account is flagged within a day either way.
DUPLICATE_WINDOW = timedelta(hours=24)
# The most other posts named for one reason, the nearest: a burst of posts with one picture
# would otherwise answer each new post with every post of the day before it.
MOST_NAMED = 5


class ConflictCode(enum.StrEnum):
    NEAR_ANOTHER_POST = "near_another_post"
    SAME_MEDIA = "same_media"
    SAME_CAPTION = "same_caption"


@frozen
class ConflictWarning:
    code: ConflictCode
    message: str
    post_id: int


@frozen
class NearbyPost:
    """Another post on the same account, at its time: what it shows, as far as crowding goes."""

    post_id: int
    publish_at: datetime
    media: frozenset[str]
    caption: str | None

    @classmethod
    def of(cls, post_id: int, publish_at: datetime, content: PostContent) -> NearbyPost:
        media, caption = shown_in(content.platform, asdict(content, recurse=False))
        return cls(post_id, publish_at, media, caption)


def shown_in(platform: Platform, fields: Mapping[str, Any]) -> tuple[frozenset[str], str | None]:
    """The addresses of the media a post publishes (a carousel's items included), and the text
    shown with it (an Instagram caption, a pin's description), from its content's fields by
    name: a content, or its row as stored, is read the same way."""
    url = fields.get("url")
    urls = {url} if url else set()
    if platform is Platform.INSTAGRAM:
        urls.update(item["url"] for item in fields.get("children") or () if item.get("url"))
        text = fields.get("caption")
    else:
        text = fields.get("description")
    return frozenset(urls), (text.strip() or None) if text else None


def conflicts(
    content: PostContent,
    publish_at: datetime,
    others: Iterable[NearbyPost],
    near: timedelta,
) -> list[ConflictWarning]:
    """What a post due at ``publish_at`` crowds among ``others`` (the same account's): those
    due within ``near`` of it (none when ``near`` is zero), and those within a day with the
    same media or the same caption. Each other post is named once per reason, nearest first,
    and at most ``MOST_NAMED`` for one reason."""
    warnings: list[ConflictWarning] = []
    named = dict.fromkeys(ConflictCode, 0)

    def room(code: ConflictCode) -> bool:
        named[code] += 1
        return named[code] <= MOST_NAMED

    media, caption = shown_in(content.platform, asdict(content, recurse=False))
    for other in sorted(others, key=lambda o: (abs(o.publish_at - publish_at), o.post_id)):
        apart = abs(other.publish_at - publish_at)
        if near > timedelta(0) and apart <= near and room(ConflictCode.NEAR_ANOTHER_POST):
            warnings.append(
                ConflictWarning(
                    ConflictCode.NEAR_ANOTHER_POST,
                    f"Post {other.post_id} on this account is due within "
                    f"{_minutes(near)} of this one.",
                    other.post_id,
                )
            )
        if apart > DUPLICATE_WINDOW:
            continue
        if media & other.media and room(ConflictCode.SAME_MEDIA):
            warnings.append(
                ConflictWarning(
                    ConflictCode.SAME_MEDIA,
                    f"Post {other.post_id} on this account publishes the same media within "
                    f"24 hours.",
                    other.post_id,
                )
            )
        same_caption = caption is not None and caption == other.caption
        if same_caption and room(ConflictCode.SAME_CAPTION):
            warnings.append(
                ConflictWarning(
                    ConflictCode.SAME_CAPTION,
                    f"Post {other.post_id} on this account has the same caption within 24 hours.",
                    other.post_id,
                )
            )
    return warnings


def _minutes(span: timedelta) -> str:
    count = round(span.total_seconds() / 60)
    return "1 minute" if count == 1 else f"{count} minutes"
