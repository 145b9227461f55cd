"""The bodies of the posting slots and queue routes. Their values are checked by the domain's
rules (``domain/slots.py``), which answer each problem by field; the document states the
same rules."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from autopost.adapters.http.schemas import RecordId
from autopost.domain.slots import MAX_SLOTS, TIME_PATTERN, WEEKDAY_LABELS

MAX_QUEUE = 10_000


class SlotIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    weekday: str = Field(
        description="`mon` to `sun`.", json_schema_extra={"enum": list(WEEKDAY_LABELS)}
    )
    time: str = Field(
        description="The local time in the account's time zone, `HH:MM` on a 24-hour clock.",
        json_schema_extra={"pattern": TIME_PATTERN, "examples": ["09:00"]},
    )


class SlotsIn(BaseModel):
    """An account's weekly posting slots, all of them: they replace those it had."""

    model_config = ConfigDict(extra="ignore")

    time_zone: str = Field(
        description="An IANA time zone name, e.g. `Europe/Berlin`: the slots keep their local "
        "time across daylight-saving changes."
    )
    slots: list[SlotIn] = Field(max_length=MAX_SLOTS, description=f"At most {MAX_SLOTS}.")


class ReorderIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    posts: list[RecordId] = Field(
        max_length=MAX_QUEUE,
        description="The ids of every post in the account's queue, each once, in the new order.",
    )
