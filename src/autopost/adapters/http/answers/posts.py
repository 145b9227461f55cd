"""A scheduled post, as ``/api/v1/posts/`` answers it."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from autopost.adapters.http.answers.base import Answer, Time
from autopost.domain.post import ContentType, Platform
from autopost.domain.publication import PublicationStatus


class Post(Answer):
    """A scheduled post and its publication. The account's token is never shown."""

    id: int
    platform: Platform
    credential: int
    user_id: str = Field(description="The platform's id of the account.")
    content_type: ContentType
    caption: str | None
    url: str | None
    location_id: str | None
    user_tags: list[dict[str, Any]] | None
    thumb_offset: int | None
    children: list[dict[str, Any]] | None
    title: str | None
    description: str | None
    link: str | None
    alt_text: str | None
    topic: str | None
    answers: list[str] | None
    date_pub: Time
    board_id: str | None
    status: PublicationStatus
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
    created_at: Time
    updated_at: Time = Field(
        description="When the post or its publication last changed: edited, rescheduled, "
        "cancelled, retried, or a step of publishing."
    )
