from __future__ import annotations

from typing import Any, cast

from starlette.requests import Request

from autopost.adapters.http.schemas import LARGEST_INTEGER
from autopost.adapters.http.services import Services
from autopost.domain.errors import NotFound, ValidationFailed


def services(request: Request) -> Services:
    return cast(Services, request.app.state.services)


async def json_body(request: Request) -> Any:
    """The body as JSON, or as a form (the seed's clients send either)."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        return {k: v for k, v in form.items() if isinstance(v, str)}
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return await request.json()
    except ValueError:
        raise ValidationFailed({"non_field_errors": ["The body is not valid JSON."]}) from None


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
