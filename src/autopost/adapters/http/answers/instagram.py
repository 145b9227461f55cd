"""What the earlier media API answers: the media a sync found, their comments, the sync's
report."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from autopost.adapters.http.answers.base import Answer, Time, left_out_when_none
from autopost.domain.instagram_media import MediaOrigin


class Media(Answer):
    """An Instagram media as Autopost last saw it."""

    id: int
    media_id: str = Field(description="Instagram's id of the media.")
    credential: int
    post: int | None = Field(description="The Autopost post that published it.")
    origin: MediaOrigin
    caption: str | None
    media_type: str
    media_product_type: str | None
    media_url: str | None
    thumbnail_url: str | None
    permalink: str | None
    timestamp: Time
    like_count: int | None
    comments_count: int | None
    children: list[dict[str, Any]] | None
    deleted: bool
    synced_at: Time


class MediaPage(Answer):
    next: str | None = Field(description="The address of the next page, if any.")
    previous: None
    results: list[Media]


class Comment(Answer):
    id: int
    comment_id: str = Field(description="Instagram's id of the comment.")
    post: int = Field(description="The id of the media it is on.")
    text: str
    username: str | None
    timestamp: Time
    parent_id: str | None = Field(description="Instagram's id of the comment it answers.")
    like_count: int | None
    hidden: bool


class NewComment(Comment):
    """A comment as posted, with a note about what was sent and not used."""

    note: str | SkipJsonSchema[None] = left_out_when_none("Present when a username was sent.")


class SyncReport(Answer):
    """What one sync of an Instagram account's media did. A sync that Instagram's passing
    failures stop part way keeps the pages it read and says so (``finished`` false): the
    next sync, asked for or periodic, goes on from there."""

    credential: int
    full: bool
    pages: int = Field(description="Pages of media read by this sync.")
    seen: int = Field(description="Media read by this sync.")
    new_or_changed: int
    deleted: int
    linked: int
    finished: bool = Field(
        description="The pass over the account's media is over; false: it stopped part way "
        "and the next sync goes on from where it stopped."
    )
    resumed: bool = Field(description="This sync went on from where an earlier one stopped.")
    retries: int = Field(description="Calls to Instagram tried again after a passing failure.")
    stopped: str | None = Field(
        description="Why the sync stopped part way, in Instagram's words; null when finished."
    )
