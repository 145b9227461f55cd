"""How a post repeats, as a client sends it in ``repeat``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from autopost.domain.recurrence import LONGEST_COUNT

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class RepeatIn(BaseModel):
    """Either ``frequency`` (with ``interval`` and, weekly, ``weekdays``) or ``rrule``; an end
    (``until`` or ``count``), which an ``rrule`` may leave out. Times repeat from ``date_pub``
    in ``time_zone``. A field not known here is refused: a typo must not change the plan."""

    model_config = ConfigDict(extra="forbid")

    frequency: Literal["daily", "weekly", "monthly"] | None = None
    interval: int | None = Field(default=None, ge=1, le=1000, description="Every how many.")
    weekdays: list[Weekday] | None = Field(
        default=None, max_length=7, description="Weekly: the days; by default the first's day."
    )
    rrule: str | None = Field(
        default=None,
        max_length=500,
        description="An RFC 5545 rule, e.g. `FREQ=MONTHLY;BYMONTHDAY=1;COUNT=6` (no DTSTART: "
        "the first time is `date_pub`). FREQ is DAILY or rarer.",
    )
    until: AwareDatetime | None = Field(default=None, description="The last possible time.")
    count: int | None = Field(default=None, ge=1, le=LONGEST_COUNT, description="How many times.")
    time_zone: str | None = Field(
        default=None,
        max_length=64,
        description="An IANA name (Europe/Berlin): 09:00 stays 09:00 there across "
        "daylight-saving changes. UTC by default.",
    )

    @field_validator("until")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError("Give a time between the years 1 and 9999 in UTC.") from None

    def given(self) -> dict[str, Any]:
        """The fields sent, as ``Recurrence``'s: for a new rule, or the changes of one."""
        values = {name: getattr(self, name) for name in self.model_fields_set}
        if values.get("weekdays") is not None:
            values["weekdays"] = tuple(values["weekdays"])
        for name, default in (("interval", 1), ("weekdays", ()), ("time_zone", "UTC")):
            if name in values and values[name] is None:
                values[name] = default
        return values
