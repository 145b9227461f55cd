"""Where the media library's records are kept (their files are the ``MediaStorage``'s)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from autopost.domain.library import LibraryItem


class LibraryRepository(Protocol):
    async def add(self, item: LibraryItem) -> None: ...

    async def get(self, item_id: int) -> LibraryItem | None: ...

    async def newest(self, limit: int, offset: int) -> Sequence[LibraryItem]:
        """Items newest first (by upload time, then id), ``limit`` of them after ``offset``."""
        ...

    async def count(self) -> int: ...

    async def remove(self, item: LibraryItem) -> None: ...

    async def posts_using(self, item_id: int) -> list[int]:
        """The ids of the posts still to be published (scheduled, at work, drafts, waiting for
        or returned from approval) whose media, a carousel item's or a reel's cover names the
        item (``library:<id>``), smallest first."""
        ...
