from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import post_series, posts
from autopost.domain.post import Post
from autopost.domain.post_series import PostSeries, SeriesStatus


class SqlaSeriesRepository(SessionRepository):
    async def add(self, series: PostSeries) -> None:
        await self._add(series)

    async def get(self, series_id: int) -> PostSeries | None:
        return await self._get(PostSeries, series_id)

    async def to_materialise(self, before: datetime) -> Sequence[PostSeries]:
        return await self._all(
            select(PostSeries)
            .where(
                post_series.c.status == SeriesStatus.ACTIVE,
                post_series.c.materialised_until < before,
            )
            .order_by(post_series.c.id)
        )

    async def occurrences(self, series_id: int) -> Sequence[Post]:
        # The unique index on (series_id, occurrence_at) finds them, in order.
        return await self._all(
            select(Post)
            .where(posts.c.series_id == series_id)
            .order_by(posts.c.occurrence_at, posts.c.id)
        )
