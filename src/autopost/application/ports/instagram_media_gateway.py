"""The Instagram Graph API as syncing an account and managing its comments need it."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from attrs import frozen

from autopost.application.ports.instagram_gateway import InstagramAccount


@frozen
class RemoteMedia:
    media_id: str
    media_type: str
    timestamp: datetime
    caption: str | None = None
    media_product_type: str | None = None
    media_url: str | None = None
    thumbnail_url: str | None = None
    permalink: str | None = None
    like_count: int | None = None
    comments_count: int | None = None
    children: tuple[dict[str, Any], ...] = ()


@frozen
class MediaPage:
    """One page of the account's media, newest first; ``after`` is the cursor of the next
    page, None on the last one."""

    items: tuple[RemoteMedia, ...]
    after: str | None


@frozen
class RemoteComment:
    comment_id: str
    text: str
    timestamp: datetime
    username: str | None = None
    like_count: int | None = None
    hidden: bool = False
    parent_id: str | None = None  # set on replies


class InstagramMediaGateway(Protocol):
    """Raises the errors of ``autopost.application.ports.platform_errors``."""

    async def media_page(
        self, account: InstagramAccount, after: str | None, limit: int
    ) -> MediaPage:
        """A page of ``GET /{ig-user-id}/media`` with the fields a sync keeps (and the
        children of carousels)."""
        ...

    async def comments(self, account: InstagramAccount, media_id: str) -> list[RemoteComment]:
        """Every comment of a media and every reply, replies carrying their parent's id."""
        ...

    async def add_comment(self, account: InstagramAccount, media_id: str, text: str) -> str:
        """``POST /{media-id}/comments``; the new comment's id."""
        ...

    async def reply(self, account: InstagramAccount, comment_id: str, text: str) -> str:
        """``POST /{comment-id}/replies``; the new reply's id."""
        ...

    async def hide_comment(
        self, account: InstagramAccount, comment_id: str, hide: bool
    ) -> None: ...

    async def delete_comment(self, account: InstagramAccount, comment_id: str) -> None: ...
