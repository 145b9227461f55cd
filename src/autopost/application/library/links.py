"""The public, signed address of a library file, and a post's content with its library
references (``library:42``) made such addresses for the platform that fetches them."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar
from urllib.parse import urlencode

from attrs import evolve, field, frozen

from autopost.application.ports.clock import Clock
from autopost.application.ports.platform_errors import PermanentPlatformError
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.instagram_content import InstagramContent
from autopost.domain.library import LibraryItem, referenced_item
from autopost.domain.media_links import link_signature
from autopost.domain.pin_content import PinContent

FILE_PATH = "/media-files/"
C = TypeVar("C", InstagramContent, PinContent)


@frozen
class MediaLinkPolicy:
    """``base_url``: where platforms reach this instance (``AUTOPOST_PUBLIC_URL``);
    ``lifetime``: how long a link opens its file; ``key``: what signs links, derived from the
    instance's secret key and never shown."""

    base_url: str
    lifetime: timedelta
    key: bytes = field(repr=False)


def file_path(item_id: int, suffix: str) -> str:
    return f"{FILE_PATH}{item_id}{suffix}"


class MediaLinks:
    def __init__(self, uow: UnitOfWork, clock: Clock, policy: MediaLinkPolicy) -> None:
        self._uow = uow
        self._clock = clock
        self._policy = policy

    def reach_platforms(self) -> bool:
        """Whether platforms can fetch these links: they fetch media over https only."""
        return self._policy.base_url.startswith("https://")

    def link(self, item: LibraryItem) -> str:
        """The file's address, opening it until ``lifetime`` from now."""
        return f"{self._policy.base_url.rstrip('/')}{self.signed_path(item)}"

    def signed_path(self, item: LibraryItem) -> str:
        """The file's signed path and query, without the public address: for a page of this
        site, which reaches it on the address it was itself opened on."""
        assert item.id is not None
        expires = math.ceil((self._clock.now() + self._policy.lifetime).timestamp())
        query = urlencode(
            {"expires": expires, "signature": link_signature(self._policy.key, item.id, expires)}
        )
        return f"{file_path(item.id, item.media_format.suffix)}?{query}"

    async def resolved(
        self, content: C, refusal: Callable[[LibraryItem], str | None] | None = None
    ) -> C:
        """``content`` with each library reference made the file's signed address (its
        suffix telling the file's kind, as a URL's does). A reference to an item that is
        gone is left as it is, for the platform to refuse. ``refusal``: why the platform
        would not take a file, which then fails the post (``PermanentPlatformError``)
        before the platform is asked."""
        wanted = {i for i in map(referenced_item, _addresses(content)) if i is not None}
        if not wanted:
            return content
        async with self._uow as uow:
            items = {i: await uow.library.get(i) for i in sorted(wanted)}
        for item in items.values():
            reason = refusal(item) if item is not None and refusal is not None else None
            if reason is not None:
                raise PermanentPlatformError(reason)
        links = {f"library:{i}": self.link(item) for i, item in items.items() if item is not None}
        return _with_addresses(content, lambda address: links.get(address, address))


def _addresses(content: InstagramContent | PinContent) -> list[str]:
    found = [content.url, content.cover_url]
    if isinstance(content, InstagramContent):
        found.extend(child.get("url") for child in content.children or [])
    return [a for a in found if a]


def _with_addresses(content: C, swap: Callable[[str], str]) -> C:
    def one(address: str | None) -> str | None:
        return swap(address) if address else address

    if isinstance(content, PinContent):
        return evolve(content, url=one(content.url), cover_url=one(content.cover_url))
    children = None
    if content.children is not None:
        children = [
            {**child, "url": swap(child["url"])} if child.get("url") else child
            for child in content.children
        ]
    return evolve(
        content, url=one(content.url), cover_url=one(content.cover_url), children=children
    )
