"""Listing the media Autopost knows, newest first, a page at a time."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.ports.media_repository import MediaCursor, MediaFilter
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.errors import NotFound
from autopost.domain.instagram_media import InstagramMedia

MAX_PAGE = 100


@frozen
class MediaPageView:
    items: Sequence[InstagramMedia]
    next_cursor: MediaCursor | None


class ListMedia:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self, actor: Actor, filters: MediaFilter, after: MediaCursor | None, limit: int
    ) -> MediaPageView:
        authorize(actor, Action.VIEW, Resource.MEDIA)
        limit = max(1, min(limit, MAX_PAGE))
        async with self._uow as uow:
            # One more than asked tells whether there is a next page without a count.
            found = list(await uow.media.page(filters, after, limit + 1))
        items = found[:limit]
        last = items[-1] if len(found) > limit else None
        cursor = MediaCursor(last.timestamp, last.id) if last and last.id is not None else None
        return MediaPageView(items, cursor)


class GetMedia:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, media_pk: int) -> InstagramMedia:
        authorize(actor, Action.VIEW, Resource.MEDIA)
        async with self._uow as uow:
            media = await uow.media.get(media_pk)
            if media is None:
                raise NotFound("post", media_pk)
            return media
