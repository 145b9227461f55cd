"""Parsing request bodies at the edge, with errors in the earlier API's ``{"field": [...]}``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from autopost.adapters.http.storable_text import text_errors
from autopost.domain.errors import ValidationFailed
from autopost.domain.post import ContentType, Platform

M = TypeVar("M", bound=BaseModel)

# Ids and counts are INTEGER columns: 32 bits on PostgreSQL. A larger number can name no
# record and cannot be stored: it is refused here, not by the database with a 500.
LARGEST_INTEGER = 2**31 - 1


def _not_a_flag(value: Any) -> Any:
    """``true`` is no number, though Python's bool is an int; the earlier API refused it too."""
    if isinstance(value, bool):
        raise ValueError("A valid integer is required.")
    return value


def _written_time(value: Any) -> Any:
    """A time is written as ISO 8601 text: a number, or text that is one (seconds since 1970?
    milliseconds?), is refused rather than guessed at."""
    if value is None or isinstance(value, datetime):
        return value
    if not isinstance(value, str) or _is_number(value):
        raise ValueError("Give the time as ISO 8601 text, e.g. 2026-12-01T12:00:00+03:00.")
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


WholeNumber = Annotated[int, BeforeValidator(_not_a_flag)]
RecordId = Annotated[WholeNumber, Field(ge=0, le=LARGEST_INTEGER)]
StorableInt = Annotated[WholeNumber, Field(ge=-LARGEST_INTEGER - 1, le=LARGEST_INTEGER)]
Moment = Annotated[datetime, BeforeValidator(_written_time)]

CONTENT_FIELDS = (
    "content_type",
    "url",
    "caption",
    "location_id",
    "user_tags",
    "thumb_offset",
    "children",
    "title",
    "description",
    "link",
    "alt_text",
    "topic",
    "answers",
)


def in_utc(value: datetime | None) -> datetime | None:
    """A time with its zone, in UTC; one without a zone, or beyond year 1 to 9999 once in
    UTC, is refused."""
    if value is None:
        return None
    if value.utcoffset() is None:
        raise ValueError(
            "Include a time zone, e.g. 2026-12-01T12:00:00+03:00 or 2026-12-01T09:00:00Z."
        )
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("Give a time between the years 1 and 9999 in UTC.") from None


class ChildIn(BaseModel):
    url: str
    media_type: Literal["image", "video"] | None = None


class PostIn(BaseModel):
    """The earlier API's fields (``thump_offset`` accepted as it was spelt there), and the
    platform-neutral ones. Unknown fields are ignored, as the earlier API did."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    platform: Platform = Platform.INSTAGRAM
    credential: RecordId | None = None
    user_id: str | None = None
    token: str | None = None
    date_pub: Moment | None = None
    content_type: ContentType = ContentType.PHOTO
    url: str | None = None
    caption: str | None = None
    location_id: str | None = None
    user_tags: list[dict[str, Any]] | None = None
    thumb_offset: StorableInt | None = Field(
        default=None, validation_alias=AliasChoices("thumb_offset", "thump_offset")
    )
    children: list[ChildIn] | None = None
    board_id: str | None = None
    title: str | None = None
    description: str | None = None
    link: str | None = None
    alt_text: str | None = None
    topic: str | None = None
    answers: list[str] | None = None

    @field_validator("date_pub")
    @classmethod
    def _has_zone(cls, value: datetime | None) -> datetime | None:
        return in_utc(value)

    @field_validator("user_tags", mode="before")
    @classmethod
    def _tags_may_be_json_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value) if value.strip() else None
            except ValueError:
                raise ValueError("Give a JSON list of {username, x, y}.") from None
        return value

    def content_changes(self, every_field: bool) -> dict[str, Any]:
        names = CONTENT_FIELDS if every_field else self.model_fields_set & set(CONTENT_FIELDS)
        changes = {name: getattr(self, name) for name in names}
        if changes.get("children") is not None:
            changes["children"] = [c.model_dump(exclude_none=True) for c in changes["children"]]
        return changes


class CredentialIn(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    platform: Platform = Platform.INSTAGRAM
    account_id: str
    access_token: str
    username: str | None = None
    refresh_token: str | None = None
    expires_at: Moment | None = None
    scopes: str | None = None
    default_board_id: str | None = None

    @field_validator("expires_at")
    @classmethod
    def _has_zone(cls, value: datetime | None) -> datetime | None:
        return in_utc(value)


class SyncIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    credential: RecordId | None = None
    full: bool = False


class CommentIn(BaseModel):
    """``username`` is the earlier API's field; Instagram ignores it and so does Autopost."""

    model_config = ConfigDict(extra="ignore")

    text: str
    username: str | None = None


class HideIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    hide: bool = True


class TokenAuthIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    username: str
    password: str


def parse(model: type[M], body: Any) -> M:
    if not isinstance(body, dict):
        raise ValidationFailed({"non_field_errors": ["Send a JSON object."]})
    unstorable = text_errors(body)
    if unstorable:
        raise ValidationFailed(unstorable)
    try:
        return model.model_validate(body)
    except ValidationError as invalid:
        raise ValidationFailed(field_errors(invalid)) from None


@cache
def accepted_names(model: type[BaseModel]) -> frozenset[str]:
    """Every name a field of ``model`` is read from (its aliases included)."""
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(name)
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            names.update(choice for choice in alias.choices if isinstance(choice, str))
        elif isinstance(alias, str):
            names.add(alias)
    return frozenset(names)


def ignored_fields(model: type[BaseModel], body: Any) -> list[str]:
    """The fields of ``body`` that ``model`` does not read, in the order sent."""
    if not isinstance(body, dict):
        return []
    known = accepted_names(model)
    return [str(name) for name in body if name not in known]


def field_errors(invalid: ValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for problem in invalid.errors(include_input=False, include_url=False):
        name = str(problem["loc"][0]) if problem["loc"] else "non_field_errors"
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "missing":
            message = "This field is required."
        errors.setdefault(name, []).append(message)
    return errors
