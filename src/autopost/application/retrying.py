"""Reading from a platform through its passing failures: a 5xx, a rate limit, a timeout.

Meant for reads (a page of media, a media's insights): trying one again cannot do anything
twice. Writes have their own rules (``OutcomeUnknown``) and do not come through here.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

from autopost.application.ports.clock import Clock
from autopost.application.ports.pause import Pause
from autopost.application.ports.platform_errors import TransientPlatformError
from autopost.domain.retry_policy import RetryPolicy

log = logging.getLogger(__name__)

T = TypeVar("T")


class RetryingReads:
    """Tries a read again, after the policy's pauses, while it fails in passing; past the
    policy's tries or patience, the last failure is raised. Any other error is raised at once.

    ``retried`` counts the tries made again, over every read of this instance."""

    def __init__(
        self,
        policy: RetryPolicy,
        pause: Pause,
        clock: Clock,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self._policy = policy
        self._pause = pause
        self._clock = clock
        self._rand = rand
        self.retried = 0

    async def read(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        """``what`` names the read in the log."""
        started = self._clock.now()
        failed = 0
        while True:
            try:
                return await call()
            except TransientPlatformError as passing:
                failed += 1
                elapsed = self._clock.now() - started
                pause = self._policy.pause_after(failed, elapsed, passing.retry_after, self._rand)
                if pause is None:
                    log.warning("%s failed %d time(s), giving up for now", what, failed)
                    raise
                log.info(
                    "%s failed in passing (%s); trying again in %.1f s",
                    what,
                    passing.message,
                    pause.total_seconds(),
                )
            await self._pause.wait(pause)
            self.retried += 1
