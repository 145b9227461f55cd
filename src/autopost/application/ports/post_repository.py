"""Where posts are kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from autopost.domain.post import Post


class PostRepository(Protocol):
    async def add(self, post: Post) -> None: ...

    async def get(self, post_id: int) -> Post | None: ...

    async def list(self, limit: int, offset: int) -> Sequence[Post]: ...
