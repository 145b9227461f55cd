"""Pinterest's rate limit, honoured before Pinterest starts refusing: "do not call before",
per access token.

The contract (``openapi-v5.json``) gives each operation a rate-limit category
(``x-ratelimit-category``) but describes no header. Pinterest's answers carry the
``X-RateLimit-Limit`` / ``-Remaining`` / ``-Reset`` trio of the IETF RateLimit-fields draft:
the limit may list windows (``100, 100;w=1, 1000;w=60``), the first being the quota the
remaining count belongs to, and the reset is the seconds until that window starts again. A reset
too large to be seconds is read as a Unix time, and a date as a date, so that a server using
another common reading is not misread.

Tokens are never kept: an account is known here by the SHA-256 of its access token.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from autopost.adapters.platforms.hold_back import HoldBack
from autopost.adapters.platforms.retry_after import retry_after_header
from autopost.application.ports.clock import Clock
from autopost.application.ports.platform_errors import PlatformBusy

LOW_SHARE = 0.02  # hold back once no more than this share of the window's quota is left
UNKNOWN_RESET = timedelta(seconds=60)  # Pinterest's category limits are per minute
LONGEST_WINDOW = timedelta(days=1)  # trial access counts per day
UNIX_TIME_FROM = 10**9


class TokenThrottle:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._held = HoldBack(clock)

    def check(self, access_token: str) -> None:
        """Raise ``PlatformBusy`` while this token is held back."""
        wait = self._held.wait(token_key(access_token))
        if wait is not None:
            raise PlatformBusy(
                "Pinterest's rate limit for this account is nearly spent: holding back for "
                f"{math.ceil(wait.total_seconds())} s.",
                retry_after=wait,
            )

    def observe(self, access_token: str, headers: Mapping[str, str]) -> None:
        self.hold(access_token, hold_for(headers, self._clock.now()))

    def hold(self, access_token: str, duration: timedelta) -> None:
        self._held.hold(token_key(access_token), duration)


def token_key(access_token: str) -> str:
    return hashlib.sha256(access_token.encode()).hexdigest()


def hold_for(headers: Mapping[str, str], now: datetime) -> timedelta:
    """How long to wait before the next call, given an answer's rate-limit headers."""
    remaining = _number(headers.get("x-ratelimit-remaining"))
    if remaining is None:
        return timedelta(0)
    limit = _number((headers.get("x-ratelimit-limit") or "").split(",")[0].split(";")[0])
    if remaining > 0 and (limit is None or remaining > limit * LOW_SHARE):
        return timedelta(0)
    reset = reset_after(headers, now)
    return UNKNOWN_RESET if reset is None else reset


def refused_for(headers: Mapping[str, str], now: datetime) -> timedelta | None:
    """When a refused call may be tried again: ``Retry-After``, else the window's reset."""
    said = retry_after_header(headers, now)
    return said if said is not None else reset_after(headers, now)


def reset_after(headers: Mapping[str, str], now: datetime) -> timedelta | None:
    raw = (headers.get("x-ratelimit-reset") or "").strip()
    seconds = _number(raw)
    if seconds is None:
        wait = retry_after_header({"retry-after": raw}, now) if raw else None
    elif seconds >= UNIX_TIME_FROM:
        wait = datetime.fromtimestamp(seconds, UTC) - now
    else:
        wait = timedelta(seconds=seconds)
    return None if wait is None else min(max(wait, timedelta(0)), LONGEST_WINDOW)


def _number(raw: str | None) -> float | None:
    try:
        value = float((raw or "").strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None
