"""What went wrong talking to the Graph API, as the errors of the ``InstagramGateway`` port.

A POST or DELETE that fails on the platform's side (5xx, an "unknown" or transient Graph
error, or no answer at all) may still have done its work, so it is ``OutcomeUnknown``; a
refusal (a rate limit, a bad parameter) is not. The messages are read by people: they never
hold the token.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
from attrs import frozen

from autopost.adapters.platforms import transport_errors
from autopost.adapters.platforms.redaction import plain
from autopost.adapters.platforms.retry_after import retry_after_header
from autopost.adapters.platforms.transport_errors import Method
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    OutcomeUnknown,
    PermanentPlatformError,
    PlatformError,
    PublishingLimitReached,
    RateLimited,
    TransientPlatformError,
)
from autopost.domain.usage import usage_percent

PLATFORM = "Instagram"

TOKEN_REJECTED = 190
RATE_LIMITED = frozenset({4, 17, 32, 613, 80002})
SERVER_SIDE = frozenset({1, 2})
PUBLISHING_LIMIT = (9, 2207042)
MEDIA_NOT_READY = (9007, 2207027)


@frozen
class GraphError:
    status: int
    code: int | None
    subcode: int | None
    detail: str
    is_transient: bool
    fbtrace_id: str | None


class GraphRefusal(PermanentPlatformError):
    """A refusal with Graph's own code, for the gateway that must tell refusals apart (a
    metric a media does not have, from a media that is gone)."""

    def __init__(self, message: str, code: int | None, subcode: int | None, detail: str) -> None:
        super().__init__(message)
        self.code = code
        self.subcode = subcode
        self.detail = detail


def parse_graph_error(response: httpx.Response, secret: str) -> GraphError:
    """The ``{"error": {...}}`` body, or what the status line says when there is none."""
    error = _error_object(response)
    detail = error.get("error_user_msg") or error.get("message")
    return GraphError(
        status=response.status_code,
        code=_int(error.get("code")),
        subcode=_int(error.get("error_subcode")),
        detail=plain(detail if isinstance(detail, str) else _status_line(response), secret),
        is_transient=error.get("is_transient") is True,
        fbtrace_id=error.get("fbtrace_id") if isinstance(error.get("fbtrace_id"), str) else None,
    )


def graph_error(
    error: GraphError, method: Method, retry_after: timedelta | None, refused: str = "the post"
) -> PlatformError:
    """``refused`` names what a permanent refusal refused: "the post", "the comment"."""
    said = error.detail
    if error.code == TOKEN_REJECTED or error.status == 401:
        return CredentialRejected(
            "Instagram rejected the access token (expired or revoked): reconnect the "
            f"Instagram account. Instagram said: {said}"
        )
    if (error.code, error.subcode) == PUBLISHING_LIMIT:
        return PublishingLimitReached(
            f"The Instagram account has reached its 24-hour publishing limit: {said}"
        )
    if error.code in RATE_LIMITED or error.status == 429:
        return RateLimited(f"Instagram is limiting requests: {said}", retry_after)
    if (error.code, error.subcode) == MEDIA_NOT_READY:
        return TransientPlatformError(f"Instagram is still processing the media: {said}")
    if error.is_transient or error.status >= 500 or error.code in SERVER_SIDE:
        if method != "GET":
            return OutcomeUnknown(f"Instagram failed and may have done it anyway: {said}")
        return TransientPlatformError(f"Instagram had a temporary problem: {said}", retry_after)
    return PermanentPlatformError(f"Instagram refused {refused}: {said}")


def retry_after(headers: httpx.Headers, now: datetime) -> timedelta | None:
    """``Retry-After`` (seconds or a date), else Meta's estimated time to regain access."""
    said = retry_after_header(headers, now)
    return said if said is not None else usage_percent(headers)[1]


def transport_error(exc: httpx.RequestError, method: Method) -> TransientPlatformError:
    return transport_errors.transport_error(exc, method, PLATFORM)


def unexpected_answer(method: Method, missing: str) -> TransientPlatformError:
    return transport_errors.unexpected_answer(method, missing, PLATFORM)


def _error_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def _status_line(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.reason_phrase}".strip()


def _int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None
