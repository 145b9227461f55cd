"""Deleting a library item: refused while a post still to be published uses it."""

from __future__ import annotations

import logging

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.library.listing import ITEM
from autopost.application.ports.clock import Clock
from autopost.application.ports.media_storage import MediaStorage
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.errors import NotFound
from autopost.domain.library import MediaInUse

log = logging.getLogger(__name__)


class DeleteLibraryItem:
    def __init__(self, uow: UnitOfWork, storage: MediaStorage, clock: Clock) -> None:
        self._uow = uow
        self._storage = storage
        self._clock = clock

    async def execute(self, actor: Actor, item_id: int) -> None:
        authorize(actor, Action.DELETE, Resource.MEDIA)
        async with self._uow as uow:
            item = await uow.library.get(item_id)
            if item is None:
                raise NotFound(ITEM, item_id)
            using = await uow.library.posts_using(item_id)
            if using:
                raise MediaInUse(item_id, using)
            key = item.storage_key
            await uow.library.remove(item)
            await record(
                uow, actor, "deleted", Resource.MEDIA, item_id, self._clock.now(), item.filename
            )
            await uow.commit()
        # After the commit: a record whose file is gone would be worse than a file whose
        # record is gone (a lost file is only disk space; the log names it).
        try:
            await self._storage.delete(key)
        except OSError:
            log.warning("The file of deleted media %s could not be removed: %s", item_id, key)
