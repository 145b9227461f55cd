"""Pinterest's per-user rate limit, over a sliding minute.

Every authenticated answer carries ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and
``X-RateLimit-Reset`` (seconds until a call is allowed again, 0 while calls remain). A call
past the limit is refused with 429, code 8 and ``Retry-After``, and does not count.
"""

from __future__ import annotations

import math
from collections import deque
from datetime import datetime, timedelta

from autopost.sandbox.pinterest_errors import rate_limited

WINDOW = timedelta(minutes=1)


class RateLimiter:
    def __init__(self) -> None:
        self._calls: dict[str, deque[datetime]] = {}

    def admit(self, username: str, now: datetime, limit: int) -> dict[str, str]:
        """Counts the call and returns the headers for its answer, or raises the 429."""
        calls = self._window(username, now)
        if len(calls) >= limit:
            headers = self._headers(calls, now, limit)
            raise rate_limited({**headers, "Retry-After": headers["X-RateLimit-Reset"]})
        calls.append(now)
        return self._headers(calls, now, limit)

    def _window(self, username: str, now: datetime) -> deque[datetime]:
        calls = self._calls.setdefault(username, deque())
        while calls and calls[0] <= now - WINDOW:
            calls.popleft()
        return calls

    def _headers(self, calls: deque[datetime], now: datetime, limit: int) -> dict[str, str]:
        remaining = max(0, limit - len(calls))
        reset = 0
        if remaining == 0:
            # A slot frees up when the oldest call still holding one leaves the window.
            holder = calls[len(calls) - limit]
            reset = max(1, math.ceil((holder + WINDOW - now).total_seconds()))
        return {
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(reset),
        }
