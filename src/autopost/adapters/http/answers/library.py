"""The media library's answers."""

from __future__ import annotations

from pydantic import Field

from autopost.adapters.http.answers.base import Answer, Time
from autopost.adapters.http.answers.people import Page
from autopost.domain.library import LibraryItem, reference
from autopost.domain.media import MediaKind


class LibraryItemOut(Answer):
    """A file of the media library."""

    id: int
    kind: MediaKind = Field(description="`image` or `video`.")
    media_type: str = Field(
        description="What the file's bytes are: `image/jpeg`, `image/png`, "
        "`video/mp4` or `video/quicktime`."
    )
    size: int = Field(description="In bytes.")
    filename: str = Field(description="The name it was uploaded with, for people to recognise.")
    reference: str = Field(
        description="How a post names it instead of a URL (`url`, a carousel item's `url`, a "
        "reel's `cover_url`): `library:<id>`."
    )
    uploaded_at: Time
    uploaded_by: int | None = Field(description="The user who uploaded it.")

    @classmethod
    def of(cls, item: LibraryItem) -> LibraryItemOut:
        assert item.id is not None
        return cls(
            id=item.id,
            kind=item.kind,
            media_type=item.media_format.value,
            size=item.size,
            filename=item.filename,
            reference=reference(item.id),
            uploaded_at=item.uploaded_at,
            uploaded_by=item.uploaded_by,
        )


class LibraryPage(Page[LibraryItemOut]):
    """A page of the media library, newest first."""
