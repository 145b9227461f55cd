"""What the platform gateway tests share: a clock they move by hand, Graph's error answers, the
form a request sent, and the check that a token travels only in the bearer header."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl

import httpx
import respx

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
SANDBOX_BASE = "http://sandbox.test"
GRAPH_BASE = "https://graph.test/v24.0"


class FakeClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta | None = None, **parts: float) -> None:
        """Move on by ``delta`` or by ``timedelta(**parts)``."""
        self.current += delta if delta is not None else timedelta(**parts)


def form_of(request: httpx.Request) -> dict[str, str]:
    return dict(parse_qsl(request.content.decode(), keep_blank_values=True))


def error_response(
    status: int, code: int, subcode: int | None = None, message: str = "Boom", **extra: Any
) -> httpx.Response:
    """Graph's answer to a request it refuses."""
    error = {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbC"}
    if subcode is not None:
        error["error_subcode"] = subcode
    return httpx.Response(status, json={"error": {**error, **extra}})


def assert_token_only_in_bearer_header(calls: Iterable[respx.models.Call], token: str) -> None:
    calls = list(calls)
    assert calls
    for call in calls:
        request = call.request
        assert request.headers["Authorization"] == f"Bearer {token}"
        assert token not in str(request.url)
        assert "access_token" not in str(request.url)
        assert token not in request.content.decode()
