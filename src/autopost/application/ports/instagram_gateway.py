"""The Instagram Graph API, as publishing needs it."""

from __future__ import annotations

import enum
from collections.abc import AsyncIterable, Collection
from datetime import datetime
from typing import Any, Protocol

from attrs import frozen


class ContainerStatus(enum.StrEnum):
    EXPIRED = "EXPIRED"
    ERROR = "ERROR"
    FINISHED = "FINISHED"
    IN_PROGRESS = "IN_PROGRESS"
    PUBLISHED = "PUBLISHED"


@frozen
class InstagramAccount:
    """``login`` is how the account was connected: ``facebook`` (Instagram API with Facebook
    Login, on graph.facebook.com) or ``instagram`` (with Instagram Login, on
    graph.instagram.com)."""

    ig_user_id: str
    access_token: str
    login: str = "facebook"

    def __repr__(self) -> str:  # the token must never reach a log line
        return f"InstagramAccount(ig_user_id={self.ig_user_id!r})"


@frozen
class ContainerItem:
    """One carousel item: an image or a video, by its public URL; an image may be described."""

    url: str
    is_video: bool
    alt_text: str | None = None


@frozen
class ContainerRequest:
    """What to put in a media container. ``media_type`` is Graph's: None for an image,
    ``REELS``, ``STORIES`` or ``CAROUSEL``. A carousel's ``collaborators`` go on the carousel,
    not on its items; ``trial_params`` is Graph's map (``{"graduation_strategy": ...}``)."""

    media_type: str | None
    image_url: str | None = None
    video_url: str | None = None
    caption: str | None = None
    location_id: str | None = None
    user_tags: list[dict[str, Any]] | None = None
    thumb_offset: int | None = None
    share_to_feed: bool | None = None
    alt_text: str | None = None
    collaborators: tuple[str, ...] = ()
    cover_url: str | None = None
    audio_name: str | None = None
    trial_params: dict[str, str] | None = None
    product_tags: list[dict[str, Any]] | None = None
    children: tuple[ContainerItem, ...] = ()
    # A video whose file Autopost sends (``upload_type=resumable``) rather than a URL.
    resumable: bool = False

    @property
    def has_video(self) -> bool:
        """Instagram processes video before it can be published; images are ready at once."""
        return (
            bool(self.video_url) or self.resumable or any(child.is_video for child in self.children)
        )


@frozen
class ResumableUpload:
    """A container waiting for its video's file, and where the file is sent."""

    container_id: str
    upload_uri: str


@frozen
class ContainerState:
    status: ContainerStatus
    detail: str | None = None


@frozen
class PublishedMedia:
    media_id: str
    permalink: str | None


@frozen
class PublishingQuota:
    used: int
    total: int

    @property
    def spent(self) -> bool:
        return self.used >= self.total


class InstagramGateway(Protocol):
    """Raises the errors of ``autopost.application.ports.platform_errors``."""

    async def create_resumable_container(
        self, account: InstagramAccount, request: ContainerRequest
    ) -> ResumableUpload:
        """A REELS or STORIES container whose video is sent by ``upload_video``."""
        ...

    async def upload_video(
        self,
        account: InstagramAccount,
        upload: ResumableUpload,
        chunks: AsyncIterable[bytes],
        size: int,
    ) -> None:
        """The video's ``size`` bytes, sent to the upload's address as they are read."""
        ...

    async def create_container(self, account: InstagramAccount, request: ContainerRequest) -> str:
        """Create the container (and a carousel's item containers); its id."""
        ...

    async def container_state(
        self, account: InstagramAccount, container_id: str
    ) -> ContainerState: ...

    async def publish_container(self, account: InstagramAccount, container_id: str) -> str:
        """Publish a FINISHED container; the new media's id."""
        ...

    async def permalink(self, account: InstagramAccount, media_id: str) -> str | None: ...

    async def permalinks(
        self, account: InstagramAccount, media_ids: Collection[str]
    ) -> dict[str, str]:
        """The addresses of media the account published lately, by media id, read from one
        page of its newest media: an id not among them is left out."""
        ...

    async def find_recent_media(
        self, account: InstagramAccount, caption: str | None, since: datetime
    ) -> PublishedMedia | None:
        """A media of the account published since ``since`` with this caption, if any.

        How a publish whose answer was lost is found again."""
        ...

    async def publishing_quota(self, account: InstagramAccount) -> PublishingQuota: ...
