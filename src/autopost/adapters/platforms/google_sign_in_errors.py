"""What went wrong talking to Google's sign-in endpoints, as the port's errors.

Google's OAuth endpoints answer an error with ``{"error", "error_description"}``: a 400
``invalid_grant`` for a code that is wrong, used or expired (or a verifier that does not match
it), a 401 ``invalid_client`` for Autopost's client id or secret. The messages are read by
people and logged: never the code, the verifier, a token or the client secret.
"""

from __future__ import annotations

from typing import Any

import httpx

from autopost.adapters.platforms.redaction import plain
from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    PlatformError,
    TransientPlatformError,
)

CLIENT_REJECTED = (
    "Google refused Autopost's OAuth client ({said}): check AUTOPOST_GOOGLE_CLIENT_ID and "
    "AUTOPOST_GOOGLE_CLIENT_SECRET."
)


def google_error(response: httpx.Response, step: str, *secrets: str) -> PlatformError:
    """``step`` is ``token`` (the code exchange) or ``userinfo``."""
    said = plain(_said(response), *secrets)
    status = response.status_code
    if status == 429 or status >= 500:
        return TransientPlatformError(f"Google had a temporary problem ({said}); try again.")
    if step == "token" and (status == 401 or said.startswith("invalid_client")):
        return PermanentPlatformError(CLIENT_REJECTED.format(said=said))
    if step == "token":
        return PermanentPlatformError(f"Google refused the sign-in ({said}): sign in again.")
    return PermanentPlatformError(f"Google refused to say who signed in ({said}).")


def _said(response: httpx.Response) -> str:
    body = _json_object(response)
    error: Any = body.get("error")
    description: Any = body.get("error_description")
    if isinstance(error, dict):  # the APIs' shape: {"error": {"code", "message", "status"}}
        error, description = error.get("status"), error.get("message")
    parts = [p for p in (error, description) if isinstance(p, str) and p]
    if parts:
        return ": ".join(parts)
    return f"HTTP {response.status_code} {response.reason_phrase}".strip()


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
