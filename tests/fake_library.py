"""The media library in memory: its records, and a storage that keeps bytes in a dict and
holds them to the limit as a disk would."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterable, Sequence
from typing import Any

from autopost.application.ports.media_storage import StoredTooLarge
from autopost.domain.library import LibraryItem, reference
from autopost.domain.publication import ACTIVE, HELD
from tests.fake_accounts import Table


def _addresses(content: Any) -> list[str]:
    children = getattr(content, "children", None) or []
    found = [getattr(content, "url", None), getattr(content, "cover_url", None)]
    found += [child.get("url") for child in children]
    return [a for a in found if a]


class FakeLibrary(Table):
    async def newest(self, limit: int, offset: int) -> Sequence[LibraryItem]:
        ordered = sorted(self._all(), key=lambda i: (i.uploaded_at, i.id), reverse=True)
        return ordered[offset : offset + limit]

    async def count(self) -> int:
        return len(self._all())

    async def remove(self, item: LibraryItem) -> None:
        await self.delete(item)

    async def posts_using(self, item_id: int) -> list[int]:
        named = reference(item_id)
        waiting = {p.post_id for p in self._uow.publications._all() if p.status in (*ACTIVE, *HELD)}
        return sorted(
            post.id
            for post in self._uow.posts._all()
            if post.id in waiting and named in _addresses(post.content)
        )


class FakeMediaStorage:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.largest_chunk = 0

    async def save(self, key: str, chunks: AsyncIterable[bytes], limit: int) -> int:
        assert key not in self.files, "a key is saved once"
        kept = bytearray()
        async for chunk in chunks:
            self.largest_chunk = max(self.largest_chunk, len(chunk))
            kept += chunk
            if len(kept) > limit:
                raise StoredTooLarge()
        self.files[key] = bytes(kept)
        return len(kept)

    async def read(self, key: str) -> AsyncGenerator[bytes]:
        if key not in self.files:
            raise FileNotFoundError(key)
        yield self.files[key]

    async def delete(self, key: str) -> None:
        self.files.pop(key, None)
