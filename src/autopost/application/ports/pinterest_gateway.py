"""Pinterest API v5, as connecting, the boards cache and publishing pins need it."""

from __future__ import annotations

import enum
from collections.abc import AsyncIterable
from datetime import datetime
from typing import Protocol

from attrs import field, frozen


@frozen
class TokenGrant:
    access_token: str
    refresh_token: str | None
    expires_in: int | None
    scope: str | None = None

    def __repr__(self) -> str:  # tokens must never reach a log line
        return f"TokenGrant(expires_in={self.expires_in!r}, scope={self.scope!r})"


@frozen
class PinterestAccount:
    username: str
    board_count: int | None = None


@frozen
class RemoteBoard:
    board_id: str
    name: str


@frozen
class RemoteSection:
    section_id: str
    name: str


@frozen
class RemotePin:
    pin_id: str
    board_id: str | None
    title: str | None
    link: str | None
    created_at: datetime | None


@frozen
class PinVideo:
    """A video pin's media: an upload that succeeded, and its cover (an image's address, or
    the second of the video whose frame is the cover)."""

    media_id: str
    cover_image_url: str | None = None
    cover_key_frame_time: int | None = None


@frozen
class InlineImage:
    """An image sent in the request itself (``image_base64``), for one Pinterest cannot
    fetch from an address."""

    content_type: str  # image/jpeg or image/png
    data: bytes = field(repr=False)


@frozen
class PinImage:
    """One image of a multi-image pin."""

    url: str
    title: str | None = None
    description: str | None = None
    link: str | None = None


@frozen
class PinRequest:
    """``images`` (2 to 5) make a multi-image pin, and ``image_url`` is then not sent."""

    board_id: str
    image_url: str
    title: str | None = None
    description: str | None = None
    link: str | None = None
    alt_text: str | None = None
    video: PinVideo | None = None  # a video pin: ``image_url`` is then not sent
    inline_image: InlineImage | None = None  # sent instead of ``image_url``
    board_section_id: str | None = None
    images: tuple[PinImage, ...] = ()


@frozen
class VideoUpload:
    """A video registered with Pinterest: where its file is posted, with which form fields
    (signed: they never reach a log)."""

    media_id: str
    upload_url: str
    upload_parameters: dict[str, str] = field(repr=False)


class MediaStatus(enum.StrEnum):
    REGISTERED = "registered"
    PROCESSING = "processing"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class PinterestGateway(Protocol):
    """Raises the errors of ``autopost.application.ports.platform_errors``: a rejected or
    expired access token is ``CredentialRejected``, a board that does not exist a
    ``PermanentPlatformError`` saying so."""

    def is_set_up(self) -> bool:
        """Whether the Pinterest app is known (its client id and secret)."""
        ...

    def authorize_url(self, state: str, scopes: tuple[str, ...]) -> str:
        """Where to send the person to grant Autopost access."""
        ...

    async def exchange_code(self, code: str) -> TokenGrant: ...

    async def refresh(self, refresh_token: str) -> TokenGrant: ...

    async def user_account(self, access_token: str) -> PinterestAccount: ...

    async def list_boards(self, access_token: str) -> list[RemoteBoard]:
        """Every board of the account, following the ``bookmark`` to the last page."""
        ...

    async def board(self, access_token: str, board_id: str) -> RemoteBoard | None: ...

    async def board_sections(self, access_token: str, board_id: str) -> list[RemoteSection]:
        """Every section of a board, following the ``bookmark``; none for a board that is
        gone."""
        ...

    async def list_pins(self, access_token: str, max_pages: int) -> list[RemotePin]:
        """The account's pins, newest first, at most ``max_pages`` pages."""
        ...

    async def board_pins(self, access_token: str, board_id: str, max_pages: int) -> list[RemotePin]:
        """A board's pins, newest first."""
        ...

    async def create_pin(self, access_token: str, pin: PinRequest) -> RemotePin: ...

    async def register_video(self, access_token: str) -> VideoUpload:
        """``POST /media``: a place for a video's file."""
        ...

    async def upload_video(
        self, upload: VideoUpload, chunks: AsyncIterable[bytes], size: int, filename: str
    ) -> None:
        """The file, ``size`` bytes, posted to the upload's address as it is read."""
        ...

    async def media_status(self, access_token: str, media_id: str) -> MediaStatus:
        """``GET /media/{media_id}``: where Pinterest is with the video."""
        ...
