"""What went wrong connecting an Instagram account through Meta's logins, as the port's errors.

Graph answers ``{"error": {...}}``; Instagram Login's code exchange (api.instagram.com) answers
``{"error_type", "code", "error_message"}``, where ``code`` is the HTTP status. Past the
authorization code, refusals mean what they mean to the other Graph calls (``graph_errors``):
190 or HTTP 401 is a token Meta will not take. The messages are read by people: they never
hold the app secret, a code or a token.
"""

from __future__ import annotations

import enum
from datetime import timedelta
from typing import Any

import httpx

from autopost.adapters.platforms.graph_errors import RATE_LIMITED, GraphError, graph_error
from autopost.adapters.platforms.redaction import plain
from autopost.adapters.platforms.transport_errors import Method
from autopost.application.ports.platform_errors import PermanentPlatformError, PlatformError

# "Error validating client secret" (1), "Error validating application" (101).
APP_REJECTED_CODES = frozenset({1, 101})


class Step(enum.Enum):
    CODE = "the authorization code"  # traded for a first token, with the app secret
    EXCHANGE = "the token exchange"  # a short-lived token traded, with the app secret
    READ = "the request"  # what the token reaches
    REFRESH = "the token refresh"


def parse_login_error(response: httpx.Response, *secrets: str) -> GraphError:
    body = _json_object(response)
    error = body.get("error")
    if isinstance(error, dict):
        said = error.get("error_user_msg") or error.get("message")
        code, subcode = _int(error.get("code")), _int(error.get("error_subcode"))
        transient = error.get("is_transient") is True
        trace = error.get("fbtrace_id")
    else:  # the ``code`` of Instagram's shape is only the HTTP status again
        said = body.get("error_message") or body.get("error_description") or error
        code = subcode = None
        transient, trace = False, None
    status_line = f"HTTP {response.status_code} {response.reason_phrase}".strip()
    return GraphError(
        status=response.status_code,
        code=code,
        subcode=subcode,
        detail=plain(said if isinstance(said, str) and said else status_line, *secrets),
        is_transient=transient,
        fbtrace_id=trace if isinstance(trace, str) else None,
    )


def login_error(
    error: GraphError, method: Method, step: Step, app: str, retry_after: timedelta | None
) -> PlatformError:
    """``app`` names the Meta app whose credentials were sent: "Facebook", "Instagram"."""
    refused_for_now = (
        error.is_transient
        or error.status >= 500
        or error.status == 429
        or error.code in RATE_LIMITED
    )
    sent_the_secret = step in (Step.CODE, Step.EXCHANGE)
    if sent_the_secret and not refused_for_now and error.code in APP_REJECTED_CODES:
        return PermanentPlatformError(
            f"Meta refused Autopost's {app} app credentials ({error.detail}): check the {app} "
            "app id and app secret in Autopost's settings."
        )
    if step is Step.CODE and not refused_for_now:
        return PermanentPlatformError(
            f"Meta refused the authorization code ({error.detail}): connect the Instagram "
            "account again."
        )
    return graph_error(error, method, retry_after, step.value)


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None
