from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel
from starlette.requests import Request

from autopost.adapters.http.schemas import LARGEST_INTEGER, ignored_fields, parse
from autopost.domain.errors import NotFound, ValidationFailed

M = TypeVar("M", bound=BaseModel)

# The answer to a write names the fields it did not read (unknown to the route, or read-only
# like ``id``), so that a misspelt field is seen rather than silently dropped.
IGNORED_FIELDS_HEADER = "Autopost-Ignored-Fields"
_IGNORED = "autopost.ignored_fields"
MAX_LISTED = 20
MAX_NAME = 64


async def json_body(request: Request, forms: bool = True) -> Any:
    """The body as JSON, or as a form (the earlier API's clients send either) unless ``forms`` is
    False; an empty body is an empty object."""
    content_type = request.headers.get("content-type", "")
    if forms and content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        return {k: v for k, v in form.items() if isinstance(v, str)}
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError:
        raise ValidationFailed({"non_field_errors": ["The body is not valid JSON."]}) from None


async def read(request: Request, model: type[M], forms: bool = True) -> M:
    """The body parsed into ``model``; the fields it ignored are named in the answer's
    ``Autopost-Ignored-Fields`` header (see ``security_headers``)."""
    body = await json_body(request, forms)
    parsed = parse(model, body)
    ignored = ignored_fields(model, body)
    if ignored:
        request.scope[_IGNORED] = ignored
    return parsed


def ignored_in(scope: Mapping[str, Any]) -> str:
    """The ignored fields as a header's value: at most ``MAX_LISTED`` names, in printable
    ASCII (a name is the client's text: escaped, it can neither break the header nor hide)."""
    names: list[str] = list(scope.get(_IGNORED, ()))
    listed = [_printable_ascii(name) for name in names[:MAX_LISTED]]
    if len(names) > MAX_LISTED:
        listed.append(f"and {len(names) - MAX_LISTED} more")
    return ", ".join(listed)


def _printable_ascii(name: str) -> str:
    escaped = name[:MAX_NAME].encode("ascii", "backslashreplace").decode("ascii")
    return "".join(c if c.isprintable() and c != "," else f"\\x{ord(c):02x}" for c in escaped)


def path_id(request: Request, name: str) -> int:
    """The id in the path: one too large for any record names none."""
    value: int = request.path_params[name]
    if value > LARGEST_INTEGER:
        raise NotFound("record", value)
    return value


def query_int(request: Request, name: str, default: int, maximum: int | None = None) -> int:
    """``maximum`` clips; without one, a number too large to use is refused."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationFailed({name: ["A whole number is required."]}) from None
    if value < 0:
        raise ValidationFailed({name: ["Must be 0 or more."]})
    if maximum is not None:
        return min(value, maximum)
    if value > LARGEST_INTEGER:
        raise ValidationFailed({name: [f"Must be {LARGEST_INTEGER} or less."]})
    return value


def query_time(request: Request, name: str) -> datetime | None:
    """An ISO 8601 date or time in the query, in UTC (a time without an offset is UTC)."""
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
        if value.utcoffset() is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValidationFailed({name: ["Give an ISO 8601 date or time."]}) from None
