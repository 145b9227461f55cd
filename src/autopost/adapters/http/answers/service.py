"""The service's own answers: liveness, where things are, an API token, and the earlier JSON
API's `{"success", "message"}` outcomes."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from autopost.adapters.http.answers.base import Answer, left_out_when_none
from autopost.adapters.http.answers.errors import FieldErrors
from autopost.adapters.http.answers.people import User


class Health(Answer):
    status: Literal["ok"]


class CheckState(Answer):
    """One thing the instance needs: ``ok``, its state in words (and, when not ok, what to
    do), and the figures behind it."""

    ok: bool
    detail: str
    facts: dict[str, Any]


class ReadinessState(Answer):
    """Ready when every check is ok: ``database`` (reachable, at the newest schema revision),
    ``broker`` (reachable), ``workers`` (a heartbeat within three intervals)."""

    status: Literal["ready", "not ready"]
    checks: dict[str, CheckState]


class Index(Answer):
    """Where things are."""

    # `schema` is a name BaseModel itself uses: the field is `schema_`, sent as `schema`.
    model_config = ConfigDict(serialize_by_alias=True)

    name: str
    documentation: str
    schema_: str = Field(alias="schema")
    token: str
    posts: str
    sign_in: str
    health: str


class Token(Answer):
    token: str


class Succeeded(Answer):
    """The earlier API's shape; `message` in the request's language."""

    success: Literal[True] = True
    message: str


class Refused(Answer):
    """The earlier API's shape; `message` in the request's language."""

    success: Literal[False] = False
    message: str


class SignedIn(Succeeded):
    """The earlier API's shape, with the user signed in; `message` in the request's language."""

    user: User


class LoginRefused(Refused):
    """The earlier API's shape; `message` in the request's language."""

    errors: FieldErrors | SkipJsonSchema[None] = left_out_when_none(
        "The fields whose text cannot be stored (a NUL character or a lone surrogate)."
    )
