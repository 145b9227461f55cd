"""One log line and one observation per call to a platform's API.

The endpoint is named by its path with every id replaced by ``{id}`` and without its query
string: a name from a short list, fit for a metric's label, that shows no token, no code and
no account.
"""

from __future__ import annotations

import logging
import re

from autopost.adapters.observability import metrics

logger = logging.getLogger("autopost.platform_calls")

# Path segments kept as they are: Graph edges and API words (``media_publish``, ``boards``)
# and API versions (``v24.0``). Everything else is an id.
_WORD = re.compile(r"[a-z_]{1,40}|v\d{1,3}(\.\d{1,3})?")


def endpoint_name(method: str, path: str) -> str:
    """``POST {id}/media_publish`` for ``POST 17841400000000001/media_publish?x=…``."""
    path = path.split("?", 1)[0].strip("/")
    segments = (s if _WORD.fullmatch(s) else "{id}" for s in path.split("/") if s)
    return f"{method} {'/'.join(segments)}"


def outcome_of(status: int | None) -> str:
    """A call's outcome in a handful of words: a label, and what to alert on."""
    if status is None:
        return "transport_error"
    if status == 429:
        return "rate_limited"
    if status >= 500:
        return "server_error"
    if status >= 400:
        return "client_error"
    return "ok"


def record_call(
    platform: str, method: str, path: str, status: int | None, seconds: float, error: str = ""
) -> None:
    """``status``: the answer's, or None when none came (``error`` then says why: the
    exception's type name, never its text, which may quote the URL)."""
    endpoint = endpoint_name(method, path)
    outcome = outcome_of(status)
    metrics.PLATFORM_CALLS.labels(platform, endpoint, outcome).observe(seconds)
    logger.info(
        "%s %s: %s in %.3f s",
        platform,
        endpoint,
        status if status is not None else error or outcome,
        seconds,
        extra={
            "platform": platform,
            "endpoint": endpoint,
            "status": status,
            "outcome": outcome,
            "duration_s": round(seconds, 4),
        },
    )


def record_held_back(platform: str) -> None:
    metrics.PLATFORM_HELD_BACK.labels(platform).inc()
