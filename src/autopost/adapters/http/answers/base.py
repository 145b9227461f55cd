"""What every answer shares: a closed set of keys, the two ways a time is written, and keys that
are left out rather than sent as null."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

DATE_TIME: dict[str, Any] = {"type": "string", "format": "date-time"}


class Answer(BaseModel):
    """The body of an answer: exactly these keys, in this order. A key the model does not declare
    cannot be set, and the document says so (``additionalProperties: false``); a key with a
    default is sent all the same, so the document lists it as required."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_serialization_defaults_required=True,
        # A float is handed to the JSON encoder as it is (pydantic would make NaN null):
        # what a client reads in free-form fields like `user_tags` is what it always read.
        ser_json_inf_nan="constants",
    )


def _as_stored(moment: datetime) -> str:
    return moment.isoformat()


def _in_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# ISO 8601 with the offset the time has (`+00:00` for UTC): the scheduling API's form.
# (pydantic's own would write UTC as `Z`.)
Time = Annotated[datetime, PlainSerializer(_as_stored, return_type=str), WithJsonSchema(DATE_TIME)]
# ISO 8601 in UTC with `Z`: the form the earlier accounts API's clients read.
UtcTime = Annotated[datetime, PlainSerializer(_in_utc, return_type=str), WithJsonSchema(DATE_TIME)]


def _is_none(value: object) -> bool:
    return value is None


def _no_default(schema: dict[str, Any]) -> None:
    # The key is absent when it has no value: there is no default for a client to read.
    schema.pop("default", None)


def left_out_when_none(description: str) -> Any:
    """A key sent only when it has a value: left out of the answer, not sent as null. Declare
    it as ``X | SkipJsonSchema[None]``, so the document says it is an X when present."""
    return Field(
        default=None, exclude_if=_is_none, json_schema_extra=_no_default, description=description
    )
