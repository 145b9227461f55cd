"""Where the comments on synced media are kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from autopost.domain.instagram_media import Comment


class CommentRepository(Protocol):
    async def add(self, comment: Comment) -> None: ...

    async def get(self, comment_pk: int) -> Comment | None: ...

    async def for_media(self, media_pk: int) -> Sequence[Comment]:
        """Oldest first, replies included; deleted ones left out."""
        ...

    async def replace_synced(self, media_pk: int, comments: Sequence[Comment]) -> None:
        """Make ``comments`` the media's comments as Instagram has them: new ones added,
        known ones updated, ones Instagram no longer has marked deleted."""
        ...
