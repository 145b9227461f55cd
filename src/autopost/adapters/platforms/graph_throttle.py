"""Meta's usage headers turned into "do not call before": one time per account, one for the app.

``x-app-usage`` is the whole app's usage, so it holds back every account;
``x-business-use-case-usage`` is the account's own. The state lives in this process: a worker
learns from its own answers and from nobody else's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime, timedelta

from autopost.application.ports.clock import Clock
from autopost.application.ports.platform_errors import PlatformBusy
from autopost.domain.usage import hold_back, usage_percent

_APP = None  # the key of the app-wide entry; account keys are their ig_user_id


class UsageThrottle:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._blocked_until: dict[str | None, datetime] = {}

    def check(self, account_id: str) -> None:
        """Raise ``PlatformBusy`` while the app or this account is held back."""
        now = self._clock.now()
        waits = [until - now for until in self._blocked(account_id) if until > now]
        if waits:
            wait = max(waits)
            raise PlatformBusy(
                "Instagram usage is close to its limit: holding back for "
                f"{math.ceil(wait.total_seconds())} s.",
                retry_after=wait,
            )

    def observe(self, account_id: str, headers: Mapping[str, str]) -> None:
        app, _ = usage_percent({"x-app-usage": headers.get("x-app-usage", "")})
        self.hold(_APP, hold_back(app))
        business = headers.get("x-business-use-case-usage", "")
        account, regain = usage_percent({"x-business-use-case-usage": business})
        self.hold(account_id, hold_back(account, regain))

    def hold(self, key: str | None, duration: timedelta) -> None:
        if duration <= timedelta(0):
            return
        until = self._clock.now() + duration
        self._blocked_until[key] = max(until, self._blocked_until.get(key, until))

    def _blocked(self, account_id: str) -> list[datetime]:
        return [u for k in (_APP, account_id) if (u := self._blocked_until.get(k)) is not None]
