from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from sqlalchemy import select

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import posts
from autopost.domain.post import Post


class SqlaPostRepository(SessionRepository):
    async def add(self, post: Post) -> None:
        await self._insert(post)

    async def get(self, post_id: int) -> Post | None:
        return await self._get(Post, post_id)

    async def list(self, limit: int, offset: int) -> Sequence[Post]:
        return await self._all(select(Post).order_by(posts.c.id).limit(limit).offset(offset))

    async def owners(self, post_ids: Collection[int]) -> Mapping[int, int | None]:
        if not post_ids:
            return {}
        rows = await self._execute(
            select(posts.c.id, posts.c.owner_id).where(posts.c.id.in_(list(post_ids)))
        )
        return {row.id: row.owner_id for row in rows}
