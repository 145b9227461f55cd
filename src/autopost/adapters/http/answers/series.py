"""A recurring post (series), as ``/api/v1/series/`` answers it: its rule, its content (the
template each occurrence gets), and its occurrences ahead, each a post of its own."""

from __future__ import annotations

from typing import Any

from pydantic import Field, create_model
from pydantic.json_schema import SkipJsonSchema

from autopost.adapters.http.answers.base import Answer, Time, left_out_when_none
from autopost.adapters.http.answers.posts import Post
from autopost.domain.post import CONTENT_FIELDS
from autopost.domain.post_series import SeriesStatus
from autopost.domain.publication import PublicationStatus
from autopost.domain.recurrence import Frequency


class ScheduledPost(Post):
    """A post as scheduling answers it: a post that repeats also names its series, and is the
    series' first occurrence."""

    series: int | SkipJsonSchema[None] = left_out_when_none(
        "The id of the series, for a post sent with `repeat`: its first occurrence."
    )


class Repeat(Answer):
    frequency: Frequency | None = Field(description="Null for a rule given as an `rrule`.")
    interval: int
    weekdays: list[str] = Field(description="Weekly: the days; empty for the first time's day.")
    rrule: str | None
    until: Time | None
    count: int | None
    time_zone: str = Field(description="The IANA time zone the times repeat in.")


class Occurrence(Answer):
    post: int = Field(description="Its post: read, changed or cancelled at /api/v1/posts/{id}/.")
    occurrence_at: Time = Field(description="The time the series' rule gave it.")
    date_pub: Time
    status: PublicationStatus
    edited_alone: bool = Field(
        description="Changed on its own: it keeps its content when the series is edited."
    )
    remote_id: str | None
    permalink: str | None
    error: str | None


class _SeriesHead(Answer):
    id: int
    status: SeriesStatus
    platform: str
    credential: int
    board_id: str | None
    board_section_id: str | None = Field(
        description="Pinterest: the board's section each occurrence's pin goes into."
    )
    date_pub: Time = Field(description="The first time; the rule repeats from it.")
    repeat: Repeat


class _SeriesTail(Answer):
    occurrences_until: Time = Field(description="Occurrences are made up to this time so far.")
    occurrences: list[Occurrence] = Field(
        description="The occurrences made that are ahead (their time to come) or still at work."
    )
    created_at: Time
    updated_at: Time | None


def _content_fields() -> dict[str, Any]:
    names = {attribute.name for attribute in CONTENT_FIELDS}
    return {
        name: (info.annotation, info) for name, info in Post.model_fields.items() if name in names
    }


def _tail_fields() -> dict[str, Any]:
    return {name: (info.annotation, info) for name, info in _SeriesTail.model_fields.items()}


Series = create_model(
    "Series",
    __base__=_SeriesHead,
    __module__=__name__,
    __doc__="A recurring post: its rule, the content each occurrence gets, and its occurrences.",
    **_content_fields(),
    **_tail_fields(),
)
