"""Where recurring posts (series) are kept, and how their occurrences are found."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from autopost.domain.post import Post
from autopost.domain.post_series import PostSeries


class SeriesRepository(Protocol):
    async def add(self, series: PostSeries) -> None: ...

    async def get(self, series_id: int) -> PostSeries | None: ...

    async def to_materialise(self, before: datetime) -> Sequence[PostSeries]:
        """The active series whose occurrences are made up to a time before ``before``."""
        ...

    async def occurrences(self, series_id: int) -> Sequence[Post]:
        """The posts made for the series' occurrences, by their time. A post made for a time
        the series already has is refused on commit (``ConcurrentUpdate``): two workers that
        make the same occurrence make one post."""
        ...
