"""Meta's usage headers turned into "do not call before": one time per account, one for the app.

``x-app-usage`` is the whole app's usage, so it holds back every account;
``x-business-use-case-usage`` is the account's own. The state lives in this process: a worker
learns from its own answers and from nobody else's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import timedelta

from autopost.adapters.platforms.hold_back import HoldBack
from autopost.application.ports.clock import Clock
from autopost.application.ports.platform_errors import PlatformBusy
from autopost.domain.usage import hold_back, usage_percent

_APP = None  # the key of the app-wide entry; account keys are their ig_user_id


class UsageThrottle:
    def __init__(self, clock: Clock) -> None:
        self._held = HoldBack(clock)

    def check(self, account_id: str) -> None:
        """Raise ``PlatformBusy`` while the app or this account is held back."""
        wait = self._held.wait(_APP, account_id)
        if wait is not None:
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
        self._held.hold(key, duration)
