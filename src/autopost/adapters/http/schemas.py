"""Parsing request bodies at the edge, with errors in the earlier API's ``{"field": [...]}``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from attrs import Attribute, fields, resolve_types
from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    create_model,
    field_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from autopost.adapters.http.repeat_schema import RepeatIn
from autopost.adapters.http.storable_text import text_errors
from autopost.application.posting.posts import NOW
from autopost.domain.content_field import DESCRIPTION
from autopost.domain.errors import ValidationFailed
from autopost.domain.platform import Platform
from autopost.domain.post import CONTENT_FIELDS, CONTENT_OF

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


_MOMENT = TypeAdapter(Moment)


def _time_or_now(value: Any, _: ValidatorFunctionWrapHandler) -> Any:
    """Either "now" or a time, read as every other time is (in UTC, refused in the same
    words), without the union's second message for a time that is not "now"."""
    if value is None or value == NOW:
        return value
    try:
        return in_utc(_MOMENT.validate_python(value))
    except ValidationError as invalid:
        raise PydanticCustomError("invalid_time", invalid.errors()[0]["msg"]) from None


# A post's time: "now" (as soon as possible: the time of the request), or ISO 8601 with a zone.
TimeOrNow = Annotated[datetime | Literal["now"], WrapValidator(_time_or_now)]


class ChildIn(BaseModel):
    url: str
    media_type: Literal["image", "video"] | None = None
    alt_text: str | None = Field(
        default=None, description="An image item described for people who cannot see it."
    )


def _tags_may_be_json_text(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value) if value.strip() else None
        except ValueError:
            raise ValueError("Give a JSON list of {username, x, y}.") from None
    return value


# How the content fields whose form on the wire is not the domain's type are read: the
# earlier API's spelling ``thump_offset``, user tags sent as JSON text, carousel items
# checked one by one. Every other content field is read as the domain types it.
_ON_THE_WIRE: dict[str, tuple[Any, dict[str, Any]]] = {
    "thumb_offset": (
        StorableInt | None,
        {"validation_alias": AliasChoices("thumb_offset", "thump_offset")},
    ),
    "user_tags": (
        Annotated[list[dict[str, Any]] | None, BeforeValidator(_tags_may_be_json_text)],
        {},
    ),
    "children": (list[ChildIn] | None, {}),
}


def _description(name: str) -> str:
    """What a content field means, for each platform that has it."""
    meanings = {
        kind.platform: attribute.metadata.get(DESCRIPTION)
        for kind in CONTENT_OF.values()
        for attribute in fields(kind)
        if attribute.name == name
    }
    return " ".join(f"{platform.capitalize()}: {text}" for platform, text in meanings.items())


def _content_field(attribute: Attribute[Any]) -> tuple[Any, FieldInfo]:
    request_type, options = _ON_THE_WIRE.get(attribute.name, (attribute.type, {}))
    info = Field(default=attribute.default, description=_description(attribute.name), **options)
    return request_type, info


def _content_fields() -> dict[str, Any]:
    for kind in CONTENT_OF.values():
        resolve_types(kind)  # the fields' types as types, not as the text of their annotations
    return {attribute.name: _content_field(attribute) for attribute in CONTENT_FIELDS}


class _ContentChanges(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    def content_changes(self, every_field: bool) -> dict[str, Any]:
        """The content fields sent (``every_field``: all, those not sent at their default)."""
        names = [
            attribute.name
            for attribute in CONTENT_FIELDS
            if every_field or attribute.name in self.model_fields_set
        ]
        changes = {name: getattr(self, name) for name in names}
        if changes.get("children") is not None:
            changes["children"] = [c.model_dump(exclude_none=True) for c in changes["children"]]
        return changes


class OverrideFields(_ContentChanges):
    """One account's own values in a post to several accounts. A field it does not know is
    refused: a misspelt override would otherwise publish the shared value unseen."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    board_id: str | None = Field(default=None, description="Pinterest: the board of this pin.")
    board_section_id: str | None = Field(
        default=None, description="Pinterest: the board's section this pin goes into."
    )

    def changes(self) -> dict[str, Any]:
        """The values sent, by field: content fields, ``board_id`` and ``board_section_id``."""
        place = {
            name: getattr(self, name)
            for name in ("board_id", "board_section_id")
            if name in self.model_fields_set
        }
        return self.content_changes(every_field=False) | place


if TYPE_CHECKING:
    AccountOverride = OverrideFields
else:
    AccountOverride = create_model(
        "AccountOverride",
        __base__=OverrideFields,
        __module__=__name__,
        __doc__="What one account of a post to several publishes differently: any content "
        "field, and a pin's `board_id` and `board_section_id`. Fields not named take the "
        "post's values.",
        **_content_fields(),
    )


class PostFields(_ContentChanges):
    """What a request about a post says besides its content: where and when it is published.
    Unknown fields are ignored, as the earlier API did."""

    platform: Platform = Platform.INSTAGRAM
    credentials: list[RecordId] | None = Field(
        default=None,
        description="A post to several connected accounts, Instagram and Pinterest mixed: "
        "their ids, in order (the first is the post's own, whose publication the answer's "
        "top-level fields show). Each account takes the content fields its platform has; a "
        "pin with no description takes the caption. Instead of `credential` and `user_id`.",
    )
    overrides: dict[RecordId, AccountOverride] | None = Field(
        default=None,
        description="By account id (one of `credentials`): what that account publishes "
        "differently.",
    )
    credential: RecordId | None = None
    user_id: str | None = None
    token: str | None = None
    date_pub: TimeOrNow | None = Field(
        default=None,
        description='When it is published: an ISO 8601 time with a time zone, or "now" (as '
        "soon as possible; a time in the past means the same). Left out when a post is "
        "created, it means now (unless `queue` is true).",
    )
    board_id: str | None = Field(
        default=None,
        description="Pinterest: the board of the pin; left out, the topic chooses it (the "
        "board named like it, else a section named like it, else the board `code`, else the "
        "account's default board).",
    )
    board_section_id: str | None = Field(
        default=None,
        description="Pinterest: the board's section the pin goes into (a number, one of the "
        "board's `sections` in `/api/v1/credentials/{id}/boards/`). Given without `board_id`, "
        "the pin goes to the section's board.",
    )
    queue: bool = Field(
        default=False,
        description="When a post is created: true puts it in each account's next free posting "
        "slot (`/api/v1/credentials/{id}/slots/`), which chooses its time; `date_pub` is then "
        "left out. Not taken when a post is changed.",
    )
    best_time: bool = Field(
        default=False,
        description="When a post is created: true gives it each account's next best time to "
        "post (`/api/v1/credentials/{id}/best-times/`); `date_pub` and `queue` are then left "
        "out. Refused for an account of which nothing is known yet. Not taken when a post is "
        "changed.",
    )
    repeat: RepeatIn | None = Field(
        default=None,
        description="When a post is created: it repeats (a recurring post), from `date_pub` on. "
        "Each occurrence is a post of its own; the answer names the series.",
    )
    draft: bool | None = Field(
        default=None,
        description="`true`: saved as a draft, nothing scheduled (no `date_pub` needed); "
        "`false` on an edit schedules a draft (at its `date_pub`, or now).",
    )

    def account_overrides(self) -> dict[int, dict[str, Any]]:
        return {account: values.changes() for account, values in (self.overrides or {}).items()}


class PublicationMove(BaseModel):
    """One account's publication moved to another time."""

    model_config = ConfigDict(extra="ignore")

    date_pub: TimeOrNow = Field(
        description='The new time: ISO 8601 with a time zone, or "now" (as soon as possible).'
    )


# A post as a client sends it: where and when, and the content fields of every platform (the
# domain's, ``InstagramContent`` and ``PinContent``, with their defaults and descriptions); the
# post's platform keeps its own and leaves the other's out.
PostIn = create_model(
    "PostIn",
    __base__=PostFields,
    __module__=__name__,
    __doc__="A post: where and when it is published, and its content. A field of the other "
    "platform's content is left out; unknown fields are ignored, as the earlier API did.",
    **_content_fields(),
)


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


# Fields whose errors are named by their whole path (``overrides.12.caption``).
_NAMED_IN_FULL = frozenset({"overrides"})


def field_errors(invalid: ValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for problem in invalid.errors(include_input=False, include_url=False):
        loc = problem["loc"]
        name = str(loc[0]) if loc else "non_field_errors"
        if name in _NAMED_IN_FULL:  # which account's override, and which of its fields
            name = ".".join(str(part) for part in loc)
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "missing":
            message = "This field is required."
        errors.setdefault(name, []).append(message)
    return errors
