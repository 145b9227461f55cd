"""The media library as its page shows it: a page of files, newest first, each with who
uploaded it, the posts still to be published that use it, and, for an image, a signed path
that opens it for a preview."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.library.links import MediaLinks
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.library import LibraryItem
from autopost.domain.media import MediaKind


@frozen
class LibraryEntry:
    """``uploader``: the uploader's username, None once they are deleted; ``used_by``: the
    posts still to be published that use the file (it cannot be deleted while there are
    any); ``preview``: the image's signed path, None for a video."""

    item: LibraryItem
    uploader: str | None
    used_by: Sequence[int]
    preview: str | None


@frozen
class LibraryShelf:
    count: int
    entries: Sequence[LibraryEntry]
    may_change: bool


class BrowseLibrary:
    def __init__(self, uow: UnitOfWork, links: MediaLinks) -> None:
        self._uow = uow
        self._links = links

    async def execute(self, actor: Actor, limit: int, offset: int) -> LibraryShelf:
        authorize(actor, Action.VIEW, Resource.MEDIA)
        entries = []
        names: dict[int, str | None] = {}
        async with self._uow as uow:
            count = await uow.library.count()
            for item in await uow.library.newest(limit, offset):
                assert item.id is not None
                who = item.uploaded_by
                if who is not None and who not in names:
                    user = await uow.users.get(who)
                    names[who] = None if user is None else user.username
                preview = self._links.signed_path(item) if item.kind is MediaKind.IMAGE else None
                used_by = await uow.library.posts_using(item.id)
                entries.append(
                    LibraryEntry(item, names.get(who) if who else None, used_by, preview)
                )
        may_change = actor.may(Action.ADD, Resource.MEDIA) and actor.may(
            Action.DELETE, Resource.MEDIA
        )
        return LibraryShelf(count, entries, may_change)
