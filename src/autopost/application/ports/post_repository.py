"""Where posts are kept."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Protocol

from autopost.domain.post import Post


class PostRepository(Protocol):
    async def add(self, post: Post) -> None: ...

    async def get(self, post_id: int) -> Post | None: ...

    async def list(self, limit: int, offset: int) -> Sequence[Post]: ...

    async def owners(self, post_ids: Collection[int]) -> Mapping[int, int | None]:
        """Who owns each of these posts (None: no one, as the posts of seed 003)."""
        ...
