"""The metrics as Prometheus reads them, to whoever shows the operators' token."""

from __future__ import annotations

import hmac

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

# Every metric is declared (its HELP and TYPE) wherever the metrics are served.
from autopost.adapters.observability import metrics as _defined  # noqa: F401

CONTENT_TYPE = CONTENT_TYPE_LATEST


def exposition() -> bytes:
    """Every metric of this process in Prometheus's text format. May ask the broker how many
    messages it holds: call it off the event loop."""
    return generate_latest(REGISTRY)


def bearer_matches(authorization: str | None, token: str) -> bool:
    """Whether ``Authorization: Bearer <token>`` names ``token``, compared in constant time
    so that the answer's timing says nothing of how much of a guess was right."""
    if not token or not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())
