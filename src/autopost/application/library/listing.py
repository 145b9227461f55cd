"""Reading the media library: a page of it, newest first, or one item."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.errors import NotFound
from autopost.domain.library import LibraryItem

ITEM = "media"


@frozen
class LibraryPage:
    count: int
    items: Sequence[LibraryItem]


class ListLibrary:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, limit: int, offset: int) -> LibraryPage:
        authorize(actor, Action.VIEW, Resource.MEDIA)
        async with self._uow as uow:
            return LibraryPage(await uow.library.count(), await uow.library.newest(limit, offset))


class GetLibraryItem:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, item_id: int) -> LibraryItem:
        authorize(actor, Action.VIEW, Resource.MEDIA)
        async with self._uow as uow:
            item = await uow.library.get(item_id)
        if item is None:
            raise NotFound(ITEM, item_id)
        return item
