"""Holding back from a platform: "do not call before", one time per key (an account, an
app, a hashed token).

A worker learns from its own answers and from nobody else's, so each process holds back on
its own; nothing here sleeps.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime, timedelta

from autopost.application.ports.clock import Clock


class HoldBack:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._until: dict[Hashable, datetime] = {}

    def hold(self, key: Hashable, duration: timedelta) -> None:
        if duration <= timedelta(0):
            return
        now = self._clock.now()
        until = now + duration
        self._until[key] = max(until, self._until.get(key, until))
        # Forget what has passed, so that the map does not grow with every key ever seen.
        for passed in [k for k, when in self._until.items() if when <= now]:
            del self._until[passed]

    def wait(self, *keys: Hashable) -> timedelta | None:
        """How long the longest hold on any of ``keys`` still lasts, or None."""
        now = self._clock.now()
        waits = [until - now for k in keys if (until := self._until.get(k)) and until > now]
        return max(waits, default=None)
