"""The two error shapes of the API: one message, or messages by field."""

from __future__ import annotations

from pydantic import Field, RootModel

from autopost.adapters.http.answers.base import Answer


class Error(Answer):
    """One message: `{"error": "Not found."}`."""

    error: str


class FieldErrors(RootModel[dict[str, list[str]]]):
    """Messages by field: `{"date_pub": ["This field is required."]}`; `non_field_errors` when
    no one field is to blame."""

    # At least one message, as the document says; not checked when the answer is made, so a
    # refusal never turns into a server error.
    root: dict[str, list[str]] = Field(json_schema_extra={"minProperties": 1})
