"""A post's library references checked when it is scheduled or edited: each names a file the
library has."""

from __future__ import annotations

from collections.abc import Iterable

from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.errors import ValidationFailed
from autopost.domain.instagram_content import InstagramContent
from autopost.domain.library import referenced_item
from autopost.domain.pin_content import PinContent

# The fields of a post that may name a library file.
MEDIA_FIELDS = frozenset({"url", "cover_url", "children"})


def _named(content: InstagramContent | PinContent) -> list[tuple[str, int]]:
    """(field, item id) of each library reference in the content."""
    found = [("url", content.url), ("cover_url", content.cover_url)]
    if isinstance(content, InstagramContent):
        found += [("children", child.get("url")) for child in content.children or []]
    return [(name, i) for name, url in found if (i := referenced_item(url)) is not None]


async def check_references(
    uow: UnitOfWork, contents: Iterable[InstagramContent | PinContent]
) -> None:
    """Refused, by field, when a reference names a file the library does not have."""
    errors: dict[str, list[str]] = {}
    for content in contents:
        for name, item_id in _named(content):
            if await uow.library.get(item_id) is None:
                message = f"The media library has no file {item_id}."
                if message not in errors.get(name, []):
                    errors.setdefault(name, []).append(message)
    if errors:
        raise ValidationFailed(errors)
