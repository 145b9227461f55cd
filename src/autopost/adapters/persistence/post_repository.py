from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import posts
from autopost.domain.post import Post


class SqlaPostRepository(SessionRepository):
    async def add(self, post: Post) -> None:
        await self._add(post)

    async def get(self, post_id: int) -> Post | None:
        return await self._get(Post, post_id)

    async def list(self, limit: int, offset: int) -> Sequence[Post]:
        return await self._all(select(Post).order_by(posts.c.id).limit(limit).offset(offset))
