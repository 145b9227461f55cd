"""Where the library's files are kept: a directory on this machine, or an S3-compatible
bucket."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterable
from typing import Protocol


class StoredTooLarge(Exception):
    """A file passed the limit it was saved with; nothing of it was kept."""


class MediaStorage(Protocol):
    async def save(self, key: str, chunks: AsyncIterable[bytes], limit: int) -> int:
        """Keep the bytes of ``chunks`` under ``key`` and return how many there were. They are
        written as they come, never held whole in memory. Past ``limit`` bytes the writing
        stops, whatever was written is removed and ``StoredTooLarge`` is raised; a failure
        part way keeps nothing either. A key is saved once: keys are never reused."""
        ...

    def read(self, key: str) -> AsyncGenerator[bytes]:
        """The bytes kept under ``key``, in chunks; ``FileNotFoundError`` when there are none."""
        ...

    async def delete(self, key: str) -> None:
        """Forget ``key``'s bytes; a key with none is no error (a delete may be repeated)."""
        ...
