"""The content fields a client may set on a post, shared by scheduling and editing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import frozen

from autopost.domain.errors import ValidationFailed
from autopost.domain.instagram_rules import check_instagram_post
from autopost.domain.post import ContentType, Platform, Post, media_kind_of

UNSET: Any = object()


@frozen
class PostContent:
    content_type: ContentType
    url: str | None = None
    caption: str | None = None
    location_id: str | None = None
    user_tags: list[dict[str, Any]] | None = None
    thumb_offset: int | None = None
    children: list[dict[str, str]] | None = None


def normalized_children(children: list[dict[str, str]] | None) -> list[dict[str, str]] | None:
    if children is None:
        return None
    return [
        {"url": c["url"], "media_type": c.get("media_type") or media_kind_of(c["url"]).value}
        for c in children
    ]


def validate(platform: Platform, content: PostContent) -> None:
    if platform is not Platform.INSTAGRAM:
        raise ValidationFailed(
            {"platform": [f"Publishing to {platform.value} is not available in this version."]}
        )
    errors = check_instagram_post(
        content.content_type,
        content.url,
        content.caption,
        content.user_tags,
        content.children,
        content.thumb_offset,
    )
    if errors:
        raise ValidationFailed(errors)


def new_post(platform: Platform, content: PostContent, owner_id: int | None, now: datetime) -> Post:
    return Post(
        platform=platform,
        content_type=content.content_type,
        url=content.url,
        caption=content.caption,
        location_id=content.location_id,
        user_tags=content.user_tags,
        thumb_offset=content.thumb_offset,
        children=normalized_children(content.children),
        owner_id=owner_id,
        created_at=now,
        updated_at=now,
    )


def content_of(post: Post) -> PostContent:
    return PostContent(
        content_type=post.content_type,
        url=post.url,
        caption=post.caption,
        location_id=post.location_id,
        user_tags=post.user_tags,
        thumb_offset=post.thumb_offset,
        children=post.children,
    )


def apply_content(post: Post, content: PostContent, now: datetime) -> None:
    post.content_type = content.content_type
    post.url = content.url
    post.caption = content.caption
    post.location_id = content.location_id
    post.user_tags = content.user_tags
    post.thumb_offset = content.thumb_offset
    post.children = normalized_children(content.children)
    post.updated_at = now
