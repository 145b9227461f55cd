"""How one route is described: what it takes and every answer it can give."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from attrs import field, frozen
from pydantic import BaseModel

from autopost.adapters.http.answers.errors import Error, FieldErrors
from autopost.adapters.http.openapi.json_schema import Schema
from autopost.adapters.http.schemas import LARGEST_INTEGER


@frozen
class Reply:
    """One status of an operation. ``answer`` is the type of its body, from which the document
    generates its schema: an answer model (``adapters/http/answers/``), ``list[Model]``, a
    union of them, or ``str`` for a page; ``None`` for an answer without a body."""

    description: str
    answer: Any = None
    media_type: str = "application/json"
    headers: Mapping[str, str] = field(factory=dict)  # name -> what it says
    # Further media types the same answer may come as (a file: whichever its format is).
    also_as: tuple[str, ...] = ()


@frozen
class Param:
    name: str
    location: Literal["path", "query", "header"]
    schema: Schema
    description: str = ""
    example: Any = None


@frozen
class Operation:
    """``path`` is in OpenAPI's form (``/api/v1/posts/{post_id}/``). ``public`` operations
    need no token. ``example`` is a body that works (the fuzz test sends it too).
    ``debug_only`` operations exist only with ``AUTOPOST_DEBUG`` on, and are documented only
    then."""

    method: str
    path: str
    operation_id: str
    summary: str
    tag: str
    responses: Mapping[int, Reply]
    body: type[BaseModel] | None = None
    params: tuple[Param, ...] = ()
    public: bool = False
    description: str = ""
    example: Mapping[str, Any] | None = None
    debug_only: bool = False
    # How the body is sent: JSON, or a multipart form (an upload).
    body_media_type: str = "application/json"


WHOLE_NUMBER: Schema = {"type": "integer", "minimum": 0, "maximum": LARGEST_INTEGER}


def path_id(name: str, what: str, example: int = 1) -> Param:
    return Param(name, "path", WHOLE_NUMBER, f"The id of the {what}.", example)


def query(name: str, schema: Schema, description: str = "") -> Param:
    return Param(name, "query", schema, description)


INVALID = Reply("Bad input: the messages, by field.", FieldErrors)
NOT_FOUND = Reply("No such record.", Error)
CONFLICT = Reply(
    "Its current state does not allow this, or another request changed it at the same time "
    "(then load it again and retry).",
    Error,
)
NO_CONTENT = Reply("Done; no body.")
PLATFORM_REFUSED = Reply(
    "The platform refused: the account must be reconnected, or it will not take this request.",
    Error,
)
PLATFORM_UNAVAILABLE = Reply(
    "The platform did not answer, or asks to slow down: try again later.",
    Error,
    headers={"Retry-After": "Seconds to wait, when the platform said."},
)
# The answers of an operation that calls the platform before it answers.
CALLS_THE_PLATFORM = {409: PLATFORM_REFUSED, 503: PLATFORM_UNAVAILABLE}
UNAUTHENTICATED = Reply(
    "No token, or a wrong one. A wrong `Authorization` header is refused on any route.",
    Error,
    headers={"WWW-Authenticate": "Always `Token`."},
)


# The OAuth connect of either platform.
AS_JSON = query("format", {"type": "string", "enum": ["json"]}, "The address, not a redirect.")
REDIRECT = Reply("To the platform's consent page.", headers={"Location": "Its address."})
NEEDS_SIGN_IN = Reply("Not signed in.", Error)
OAUTH_ANSWER = (
    query("state", {"type": "string"}, "The state Autopost sent to the consent page."),
    query("code", {"type": "string"}, "The authorization code."),
    query("error", {"type": "string"}, "Why consent was not given."),
)
NOT_SET_UP = Reply(
    "The server has no app for this platform: the answer names the settings an administrator "
    "gives it (a browser gets a page saying so).",
    Error,
)
CONNECT_REFUSED = Reply(
    "Consent was not given, the state is missing, unknown, used or expired, or the "
    "platform refused the code.",
    Error,
)
REFRESH = query("refresh", {"type": "boolean"}, "Read from the platform first (also `1`, `yes`).")
