"""Opening a library file by its signed link: no session, only a signature this instance
made for that item, before the second it names."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from attrs import frozen

from autopost.application.library.listing import ITEM
from autopost.application.ports.clock import Clock
from autopost.application.ports.media_storage import MediaStorage
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.errors import NotFound
from autopost.domain.library import LibraryItem
from autopost.domain.media_links import link_opens


@frozen
class OpenedFile:
    item: LibraryItem
    chunks: AsyncGenerator[bytes]


class OpenSignedFile:
    def __init__(self, uow: UnitOfWork, storage: MediaStorage, clock: Clock, key: bytes) -> None:
        self._uow = uow
        self._storage = storage
        self._clock = clock
        self._key = key

    async def execute(self, item_id: int, suffix: str, expires: int, signature: str) -> OpenedFile:
        """``NotFound`` for a link this instance did not make, one past its time, and a file
        that is gone alike: a stranger learns nothing from which it was."""
        if not link_opens(self._key, item_id, expires, signature, self._clock.now()):
            raise NotFound(ITEM, item_id)
        async with self._uow as uow:
            item = await uow.library.get(item_id)
        if item is None or item.media_format.suffix != suffix:
            raise NotFound(ITEM, item_id)
        return OpenedFile(item, self._storage.read(item.storage_key))
