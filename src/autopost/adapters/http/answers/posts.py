"""A scheduled post, as ``/api/v1/posts/`` answers it: where and when, the content fields of
every platform (generated from the domain's ``InstagramContent`` and ``PinContent``, ``null``
where the post's platform has no such field), then its publication."""

from __future__ import annotations

from typing import Any

from attrs import Attribute, resolve_types
from pydantic import Field, create_model
from pydantic.fields import FieldInfo

from autopost.adapters.http.answers.base import Answer, Time
from autopost.domain.content_field import DESCRIPTION
from autopost.domain.post import CONTENT_FIELDS, CONTENT_OF, ContentType, Platform
from autopost.domain.post_conflicts import ConflictCode
from autopost.domain.publication import PublicationStatus


class PostWarning(Answer):
    """A reason to look at the post again; it is scheduled all the same."""

    code: ConflictCode = Field(
        description="`near_another_post`: due within `AUTOPOST_CONFLICT_WINDOW_MINUTES` of "
        "another post on the same account; `same_media` or `same_caption`: the same media or "
        "caption as another post on the same account within 24 hours."
    )
    message: str
    post: int = Field(description="The id of the other post.")


class _Where(Answer):
    id: int
    platform: Platform
    credential: int
    user_id: str = Field(description="The platform's id of the account.")


class Publication(Answer):
    """A post's publication on one of its accounts, with its own status, attempts, ids and
    error."""

    id: int
    credential: int
    user_id: str = Field(description="The platform's id of the account.")
    platform: Platform
    status: PublicationStatus
    date_pub: Time | None = Field(description="Null for a draft saved without a time.")
    board_id: str | None
    board_name: str | None = Field(
        description="Pinterest: the board's name, as the account's boards cache has it."
    )
    board_section_id: str | None = Field(
        description="Pinterest: the board's section the pin goes to; null for the board itself."
    )
    board_section_name: str | None = Field(
        description="Pinterest: the section's name, as the boards cache has it."
    )
    remote_id: str | None
    permalink: str | None
    error: str | None = Field(description="Why it failed, or what stands in its way.")
    attempts: int
    next_attempt_at: Time | None
    published_at: Time | None
    first_comment_id: str | None
    first_comment_error: str | None
    review_comment: str | None = Field(description="Why a reviewer sent it back.")
    content: dict[str, Any] | None = Field(
        description="What this account publishes, where it is not the post's content (the "
        "top-level fields): another platform's fields, its overrides, or what it published "
        "before the post was edited. Null when it publishes the post's content."
    )


class _Publication(Answer):
    date_pub: Time | None = Field(
        description="When it is published. Null only for a draft saved without a time."
    )
    board_id: str | None
    board_name: str | None = Field(
        description="Pinterest: the board's name, as the account's boards cache has it."
    )
    board_section_id: str | None = Field(
        description="Pinterest: the board's section the pin goes to; null for the board itself."
    )
    board_section_name: str | None = Field(
        description="Pinterest: the section's name, as the boards cache has it."
    )
    status: PublicationStatus = Field(
        description="`draft`: saved, nothing scheduled; `awaiting_approval`: waits for a "
        "Publisher or an Administrator; `returned`: sent back with `review_comment`; "
        "`scheduled`, `processing`, `published`, `failed`, `cancelled`."
    )
    remote_id: str | None
    permalink: str | None
    error: str | None = Field(description="Why it failed, or what stands in its way.")
    attempts: int
    next_attempt_at: Time | None = Field(
        description="While it waits, when Autopost next works on it (for Instagram, the media is "
        "made a few minutes before `date_pub`), or now once that time has come: never in the "
        "past. Null once published, failed or cancelled."
    )
    published_at: Time | None
    first_comment_id: str | None = Field(
        description="Instagram's id of the first comment, once it is written. Null while it is "
        "still to be written, and for a post without one."
    )
    first_comment_error: str | None = Field(
        description="Why the first comment is not written yet (and when it is tried again), or "
        "why it never will be. The post's own `status` does not depend on it."
    )
    review_comment: str | None = Field(
        description="Why a reviewer sent the post back; kept until it is approved."
    )
    created_at: Time
    updated_at: Time = Field(
        description="When the post or its publication last changed: edited, rescheduled, "
        "cancelled, retried, or a step of publishing."
    )
    publications: list[Publication] = Field(
        description="One per account the post goes to, in the order they were named; the "
        "first is the one the top-level fields show."
    )
    warnings: list[PostWarning] = Field(
        description="What creating or editing it crowds among the account's other posts "
        "(scheduled, being published or published): a post due close to it, the same media "
        "or the same caption. Always a list; empty on every other answer."
    )


def _answered(attribute: Attribute[Any]) -> tuple[Any, FieldInfo]:
    """A content field as answered: every post has a content type; any other field may be
    ``null`` (the other platform's, or one not given)."""
    assert attribute.type is not None, "resolved by resolve_types"
    kind = ContentType if attribute.name == "content_type" else attribute.type | None
    return kind, Field(description=attribute.metadata.get(DESCRIPTION))


def _content_fields() -> dict[str, Any]:
    for kind in CONTENT_OF.values():
        resolve_types(kind)  # the fields' types as types, not as the text of their annotations
    return {attribute.name: _answered(attribute) for attribute in CONTENT_FIELDS}


def _publication_fields() -> dict[str, Any]:
    return {name: (info.annotation, info) for name, info in _Publication.model_fields.items()}


Post = create_model(
    "Post",
    __base__=_Where,
    __module__=__name__,
    __doc__="A scheduled post and its publication. The account's token is never shown.",
    **_content_fields(),
    **_publication_fields(),
)
