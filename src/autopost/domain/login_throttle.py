"""Repeated failed sign-ins lock the account name, and the address they come from, for a while."""

from __future__ import annotations

from datetime import datetime, timedelta

from attrs import define, frozen


@frozen
class ThrottlePolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)


@define(slots=False, eq=False)
class LoginFailures:
    """Failed sign-ins for one key (``user:<login>`` or ``ip:<address>``) in the window."""

    key: str
    failures: int
    window_started_at: datetime
    locked_until: datetime | None = None
    id: int | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def record_failure(self, now: datetime, policy: ThrottlePolicy) -> None:
        if now - self.window_started_at > policy.window:
            self.failures, self.window_started_at = 0, now
        self.failures += 1
        if self.failures >= policy.max_failures:
            self.locked_until = now + policy.lockout
            self.failures, self.window_started_at = 0, now
