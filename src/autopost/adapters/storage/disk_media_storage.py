"""The media library's files in a directory of this machine (``AUTOPOST_MEDIA_DIR``, by
default ``media/`` in the data directory)."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import AsyncGenerator, AsyncIterable
from pathlib import Path

from autopost.application.ports.media_storage import StoredTooLarge
from autopost.application.ports.media_storage_probe import StorageState

CHUNK_BYTES = 256 * 1024
# Keys are Autopost's own (hex and a suffix); anything else is refused before it is a path.
_KEY = re.compile(r"[0-9a-f]{8,64}\.[a-z0-9]{1,8}")


def _path(root: Path, key: str) -> Path:
    if not _KEY.fullmatch(key):
        raise ValueError("not a media storage key")
    return root / key[:2] / key


class DiskMediaStorage:
    """Each file is written under a temporary name and renamed once whole, so that a file
    under its key is always complete. Files are spread over subdirectories by the key's first
    two characters, to keep each directory small."""

    def __init__(self, root: Path) -> None:
        self._root = root

    async def save(self, key: str, chunks: AsyncIterable[bytes], limit: int) -> int:
        final = _path(self._root, key)
        partial = final.with_name(final.name + ".part")
        await asyncio.to_thread(final.parent.mkdir, mode=0o700, parents=True, exist_ok=True)
        file = await asyncio.to_thread(open, partial, "xb")
        size = 0
        try:
            async for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise StoredTooLarge()
                await asyncio.to_thread(file.write, chunk)
            await asyncio.to_thread(file.close)
            await asyncio.to_thread(os.replace, partial, final)
        except BaseException:
            file.close()
            partial.unlink(missing_ok=True)
            raise
        return size

    async def read(self, key: str) -> AsyncGenerator[bytes]:
        file = await asyncio.to_thread(open, _path(self._root, key), "rb")
        try:
            while chunk := await asyncio.to_thread(file.read, CHUNK_BYTES):
                yield chunk
        finally:
            file.close()

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(_path(self._root, key).unlink, missing_ok=True)

    async def state(self) -> StorageState:
        # A directory not made yet is made at the first upload, under one that must let it.
        existing = self._root
        while not await asyncio.to_thread(existing.exists) and existing != existing.parent:
            existing = existing.parent
        writable = await asyncio.to_thread(os.access, existing, os.W_OK | os.X_OK)
        error = None if writable else f"{existing} cannot be written to"
        return StorageState("disk", str(self._root), writable, error)
