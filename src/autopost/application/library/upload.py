"""Uploading a file to the media library: its kind told by its bytes, its size held to the
platforms' limits while it is written, its record kept only once its bytes are."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterable, AsyncIterator

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.ports.clock import Clock
from autopost.application.ports.media_storage import MediaStorage, StoredTooLarge
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.errors import ValidationFailed
from autopost.domain.library import (
    SNIFF_BYTES,
    LibraryItem,
    checked_format,
    clean_filename,
    size_limit,
    too_large,
)


@frozen
class Upload:
    """``declared_type``: the media type the client gave the file (may be empty);
    ``chunks``: its bytes as they arrive."""

    filename: str
    declared_type: str
    chunks: AsyncIterable[bytes]


async def _head(chunks: AsyncIterator[bytes]) -> bytes:
    head = b""
    async for chunk in chunks:
        head += chunk
        if len(head) >= SNIFF_BYTES:
            break
    return head


async def _chained(head: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    yield head
    async for chunk in rest:
        yield chunk


class UploadMedia:
    """``max_bytes``: the server's own limit (``AUTOPOST_MEDIA_MAX_BYTES``), under the
    platforms' ones."""

    def __init__(
        self, uow: UnitOfWork, storage: MediaStorage, clock: Clock, max_bytes: int
    ) -> None:
        self._uow = uow
        self._storage = storage
        self._clock = clock
        self._max_bytes = max_bytes

    def authorize(self, actor: Actor) -> None:
        """Refuses one who may not upload: asked before a body is read, so that nobody's
        file is taken in only to be refused."""
        authorize(actor, Action.ADD, Resource.MEDIA)

    async def execute(self, actor: Actor, upload: Upload) -> LibraryItem:
        self.authorize(actor)
        chunks = aiter(upload.chunks)
        head = await _head(chunks)
        if not head:
            raise ValidationFailed({"file": ["The file is empty."]})
        media_format = checked_format(head, upload.declared_type)
        limit = size_limit(media_format, self._max_bytes)
        # Made here, never from the client's name: a name cannot reach outside the storage.
        key = f"{secrets.token_hex(16)}{media_format.suffix}"
        try:
            size = await self._storage.save(key, _chained(head, chunks), limit)
        except StoredTooLarge:
            raise too_large(media_format, limit) from None
        item = LibraryItem(
            media_format=media_format,
            size=size,
            filename=clean_filename(upload.filename),
            storage_key=key,
            uploaded_at=self._clock.now(),
            uploaded_by=actor.user_id,
        )
        try:
            async with self._uow as uow:
                await uow.library.add(item)
                await record(
                    uow,
                    actor,
                    "uploaded",
                    Resource.MEDIA,
                    item.id,
                    item.uploaded_at,
                    f"{item.filename} ({media_format.value}, {size} bytes)",
                )
                await uow.commit()
        except BaseException:
            # No record: its bytes would be kept for nobody.
            await self._storage.delete(key)
            raise
        return item
