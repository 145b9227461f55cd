"""A post's content as a client sets it, checked and made ready to keep: shared by scheduling
and editing. What the content is, and its rules, is the domain's (``InstagramContent``,
``PinContent``)."""

from __future__ import annotations

from datetime import datetime

from autopost.domain.errors import ValidationFailed
from autopost.domain.pinterest_rules import PinTemplate
from autopost.domain.post import InstagramContent, PinContent, Post, PostContent


def validate(content: PostContent) -> None:
    """Refused with every rule it breaks, by field."""
    errors = content.problems()
    if errors:
        raise ValidationFailed(errors)


def as_kept(content: PostContent, template: PinTemplate) -> PostContent:
    """The content as it is kept and published: a carousel's items with their media types,
    a pin's texts filled by the quiz template and cut to Pinterest's lengths."""
    match content:
        case PinContent():
            return content.with_texts(template)
        case InstagramContent():
            return content.with_media_kinds()


def new_post(
    content: PostContent, owner_id: int | None, now: datetime, template: PinTemplate
) -> Post:
    return Post(
        content=as_kept(content, template), created_at=now, owner_id=owner_id, updated_at=now
    )


def apply_content(post: Post, content: PostContent, now: datetime, template: PinTemplate) -> None:
    post.content = as_kept(content, template)
    post.updated_at = now
