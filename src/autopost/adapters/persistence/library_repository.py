"""The media library's records."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Text, cast, func, or_, select

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import library_items, posts, publications
from autopost.domain.library import LibraryItem, reference
from autopost.domain.publication import ACTIVE, HELD


class SqlaLibraryRepository(SessionRepository):
    async def add(self, item: LibraryItem) -> None:
        await self._add(item)

    async def get(self, item_id: int) -> LibraryItem | None:
        return await self._get(LibraryItem, item_id)

    async def newest(self, limit: int, offset: int) -> Sequence[LibraryItem]:
        return await self._all(
            select(LibraryItem)
            .order_by(library_items.c.uploaded_at.desc(), library_items.c.id.desc())
            .limit(limit)
            .offset(offset)
        )

    async def count(self) -> int:
        result = await self._execute(select(func.count()).select_from(library_items))
        return int(result.scalar_one())

    async def remove(self, item: LibraryItem) -> None:
        await self._delete(item)

    async def posts_using(self, item_id: int) -> list[int]:
        named = reference(item_id)
        # A carousel's items are JSON; the quotes keep ``library:4`` from finding ``library:42``.
        in_children = cast(posts.c.children, Text).contains(f'"{named}"', autoescape=True)
        result = await self._execute(
            select(posts.c.id)
            .join(publications, publications.c.post_id == posts.c.id)
            .where(
                publications.c.status.in_([*ACTIVE, *HELD]),
                or_(posts.c.url == named, posts.c.cover_url == named, in_children),
            )
            .distinct()
            .order_by(posts.c.id)
        )
        return [int(post_id) for post_id in result.scalars()]
