"""An account's posting slots, and its queue."""

from __future__ import annotations

from pydantic import Field

from autopost.adapters.http.answers.base import Answer, Time
from autopost.domain.slots import TIME_PATTERN, WEEKDAY_LABELS


class PostingSlot(Answer):
    weekday: str = Field(
        description="`mon` to `sun`.", json_schema_extra={"enum": list(WEEKDAY_LABELS)}
    )
    time: str = Field(
        description="Local time, `HH:MM`.", json_schema_extra={"pattern": TIME_PATTERN}
    )


class PostingSlots(Answer):
    """``time_zone`` is null and ``slots`` empty while the account's slots were never set."""

    credential: int
    time_zone: str | None
    slots: list[PostingSlot] = Field(description="By weekday, then time.")
    updated_at: Time | None = Field(description="When they were last set.")


class QueuedPost(Answer):
    post: int = Field(description="The post's id.")
    date_pub: Time = Field(description="Its time, in UTC.")
    local_time: Time = Field(description="The same time in the account's time zone.")


class Queue(Answer):
    """The account's scheduled posts that sit in its slots, from now on, in time order."""

    credential: int
    time_zone: str | None
    posts: list[QueuedPost]
