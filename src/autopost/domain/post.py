"""A post: the content that is published, independent of when and where.

A post's content is one platform's: ``InstagramContent`` or ``PinContent``, each with its own
fields and rules; the platform a post goes to follows from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from attrs import Attribute, define, evolve, fields

from autopost.domain.instagram_content import CarouselItem, InstagramContent
from autopost.domain.media import VIDEO_SUFFIXES, ContentType, MediaKind, media_kind_of
from autopost.domain.pin_content import PinContent
from autopost.domain.platform import Platform

__all__ = [
    "CONTENT_FIELDS",
    "VIDEO_SUFFIXES",
    "CarouselItem",
    "ContentType",
    "InstagramContent",
    "MediaKind",
    "PinContent",
    "Platform",
    "Post",
    "PostContent",
    "content_from",
    "media_kind_of",
    "with_changes",
]

PostContent = InstagramContent | PinContent

CONTENT_OF: Mapping[Platform, type[InstagramContent] | type[PinContent]] = {
    Platform.INSTAGRAM: InstagramContent,
    Platform.PINTEREST: PinContent,
}

C = TypeVar("C", InstagramContent, PinContent)


def _every_content_field() -> tuple[Attribute[Any], ...]:
    by_name: dict[str, Attribute[Any]] = {}
    for kind in CONTENT_OF.values():
        for attribute in fields(kind):
            by_name.setdefault(attribute.name, attribute)
    return tuple(by_name.values())


# Every content field of every platform once, in order: Instagram's, then those only a pin has.
# What a client may send and what it is answered name these.
CONTENT_FIELDS = _every_content_field()


def content_from(platform: Platform, values: Mapping[str, Any]) -> PostContent:
    """``platform``'s content from ``values`` by field name. Values of fields the platform
    does not have (the other platform's) are left out; fields not given take their default."""
    kind = CONTENT_OF[platform]
    return kind(**{f.name: values[f.name] for f in fields(kind) if f.name in values})


def with_changes(content: PostContent, changes: Mapping[str, Any]) -> PostContent:
    """``content`` with the fields named in ``changes`` changed; changes of fields it does not
    have (the other platform's) are left out."""
    own = {f.name for f in fields(type(content))}
    return evolve(content, **{name: value for name, value in changes.items() if name in own})


@define(slots=False, eq=False)
class Post:
    content: PostContent
    created_at: datetime
    owner_id: int | None = None
    id: int | None = None
    updated_at: datetime | None = None
    # An occurrence of a recurring post (``post_series``): its series, the time the series'
    # rule gave it, and whether it was edited on its own (then it keeps its own content and
    # time when the series changes).
    series_id: int | None = None
    occurrence_at: datetime | None = None
    edited_alone: bool = False

    @property
    def platform(self) -> Platform:
        return self.content.platform

    def edited_on_its_own(self) -> None:
        """Changed by itself, not through its series: the series' changes pass it by."""
        if self.series_id is not None:
            self.edited_alone = True

    def content_for(self, kind: type[C]) -> C:
        """The content, which a platform's publisher knows to be its own kind."""
        if not isinstance(self.content, kind):
            raise TypeError(f"post {self.id} is for {self.platform}, not {kind.platform}")
        return self.content
