"""What went wrong talking to Pinterest, as the errors of the ``PinterestGateway`` port.

Pinterest answers an error with ``{"code", "message"}``. Its status says what it means for
Autopost: 401 an access token that is dead, 403 one Pinterest will not take here (most often
a sandbox token against production or the other way round), 429 and 5xx "later". A 5xx to a
POST may come after the work was done, so it is ``OutcomeUnknown``; a refusal is not. The
messages are read by people: they never hold a token, a code or the client secret.
"""

from __future__ import annotations

import enum
from datetime import timedelta
from typing import Any

import httpx
from attrs import frozen

from autopost.adapters.platforms.redaction import plain
from autopost.adapters.platforms.transport_errors import Method
from autopost.application.ports.platform_errors import (
    AccessTokenRejected,
    CredentialRejected,
    OutcomeUnknown,
    PermanentPlatformError,
    PlatformError,
    RateLimited,
    TransientPlatformError,
)

PLATFORM = "Pinterest"
# The code of Pinterest's 404 for a board section that is not on the board.
SECTION_NOT_FOUND = 2031

ACCESS_REJECTED = (
    "Pinterest rejected the access token (expired or revoked): reconnect the Pinterest account."
)
RENEWAL_REFUSED = "Pinterest refused to renew the access token: reconnect the Pinterest account."
OTHER_ENVIRONMENT = (
    "Pinterest refused this token (HTTP 403): a token from Pinterest's sandbox does not work "
    "against production and the other way round — set AUTOPOST_PINTEREST_USE_SANDBOX (or "
    "AUTOPOST_PINTEREST_API_URL) to the environment the account was connected in, or "
    "reconnect it."
)
APP_REJECTED = (
    "Pinterest refused Autopost's app credentials (HTTP 401): check the Pinterest client id "
    "and client secret in Autopost's settings."
)


class Purpose(enum.Enum):
    CONNECT = "connect"  # an authorization code traded for tokens
    RENEW = "renew"  # a refresh token traded for new tokens
    READ = "read"
    PUBLISH = "publish"


@frozen
class PinterestError:
    status: int
    code: int | None
    detail: str


def parse_pinterest_error(response: httpx.Response, *secrets: str) -> PinterestError:
    """The ``{"code", "message"}`` body (or an OAuth ``error_description``), else the status
    line."""
    body = _json_object(response)
    said = body.get("message") or body.get("error_description") or body.get("error")
    code = body.get("code")
    return PinterestError(
        status=response.status_code,
        code=code if isinstance(code, int) and not isinstance(code, bool) else None,
        detail=plain(said if isinstance(said, str) else _status_line(response), *secrets),
    )


def pinterest_error(
    error: PinterestError,
    method: Method,
    purpose: Purpose,
    retry_after: timedelta | None,
    board_id: str | None = None,
) -> PlatformError:
    status, said = error.status, error.detail
    if purpose is Purpose.RENEW and status in (400, 401):
        return CredentialRejected(RENEWAL_REFUSED)
    if purpose is Purpose.CONNECT and status == 401:
        return PermanentPlatformError(APP_REJECTED)
    if purpose is Purpose.CONNECT and status in (400, 403):
        return PermanentPlatformError(
            f"Pinterest refused the authorization code ({said}): connect the Pinterest account "
            "again."
        )
    if status == 401:
        return AccessTokenRejected(ACCESS_REJECTED)
    if status == 403:
        return CredentialRejected(f"{OTHER_ENVIRONMENT} Pinterest said: {said}")
    if status == 404 and error.code == SECTION_NOT_FOUND:
        return PermanentPlatformError(
            "The pin's board section no longer exists on Pinterest (or is on another board): "
            "refresh the account's boards and choose another section, or none."
        )
    if status == 404 and board_id is not None:
        return PermanentPlatformError(
            f"The Pinterest board {board_id} no longer exists: choose another board."
        )
    if status == 429:
        return RateLimited(f"Pinterest is limiting requests: {said}", retry_after)
    if status >= 500:
        if method == "POST":
            return OutcomeUnknown(
                f"Pinterest failed and may have done it anyway: {said}", retry_after
            )
        return TransientPlatformError(f"Pinterest had a temporary problem: {said}", retry_after)
    what = "the pin" if purpose is Purpose.PUBLISH else "the request"
    return PermanentPlatformError(f"Pinterest refused {what}: {said}")


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _status_line(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.reason_phrase}".strip()
