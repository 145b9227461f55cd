"""The content fields a client may set on a post, shared by scheduling and editing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import frozen

from autopost.domain.errors import ValidationFailed
from autopost.domain.instagram_rules import check_instagram_post
from autopost.domain.pinterest_rules import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    PinTemplate,
    check_pin,
    shorten,
)
from autopost.domain.post import ContentType, Platform, Post, media_kind_of


@frozen
class PostContent:
    content_type: ContentType
    url: str | None = None
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


def normalized_children(children: list[dict[str, str]] | None) -> list[dict[str, str]] | None:
    if children is None:
        return None
    return [
        {"url": c["url"], "media_type": c.get("media_type") or media_kind_of(c["url"]).value}
        for c in children
    ]


def validate(platform: Platform, content: PostContent) -> None:
    if platform is Platform.PINTEREST:
        errors = check_pin(content.url, content.link, content.alt_text)
        if content.content_type is not ContentType.PHOTO:
            errors["content_type"] = [
                "Pinterest pins are images here (Photo): video pins need Pinterest's media "
                "upload, which this version does not do."
            ]
    else:
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


def pin_texts(content: PostContent, template: PinTemplate) -> tuple[str | None, str | None]:
    """Title and description as published: the quiz template fills what a quiz (a post with
    answers) leaves out, and both are cut to Pinterest's lengths on a word boundary."""
    title, description = content.title, content.description
    if content.answers:
        if not title and content.topic:
            title = template.render_title(content.topic)
        if not description:
            description = template.render_description(content.answers)
    return (
        shorten(title, TITLE_MAX) if title else None,
        shorten(description, DESCRIPTION_MAX) if description else None,
    )


def new_post(
    platform: Platform,
    content: PostContent,
    owner_id: int | None,
    now: datetime,
    template: PinTemplate,
) -> Post:
    post = Post(platform=platform, content_type=content.content_type, url=None, created_at=now)
    post.owner_id = owner_id
    apply_content(post, content, now, template)
    return post


def content_of(post: Post) -> PostContent:
    return PostContent(
        content_type=post.content_type,
        url=post.url,
        caption=post.caption,
        location_id=post.location_id,
        user_tags=post.user_tags,
        thumb_offset=post.thumb_offset,
        children=post.children,
        title=post.title,
        description=post.description,
        link=post.link,
        alt_text=post.alt_text,
        topic=post.topic,
        answers=post.answers,
    )


def apply_content(post: Post, content: PostContent, now: datetime, template: PinTemplate) -> None:
    post.content_type = content.content_type
    post.url = content.url
    post.caption = content.caption
    post.location_id = content.location_id
    post.user_tags = content.user_tags
    post.thumb_offset = content.thumb_offset
    post.children = normalized_children(content.children)
    post.link = content.link
    post.alt_text = content.alt_text
    post.topic = content.topic
    post.answers = content.answers
    if post.platform is Platform.PINTEREST:
        post.title, post.description = pin_texts(content, template)
    else:
        post.title, post.description = content.title, content.description
    post.updated_at = now
