"""Reading from a platform through its passing failures: a 5xx, a rate limit, a timeout.

Meant for reads (a page of media, a media's insights): trying one again cannot do anything
twice. Writes have their own rules (``OutcomeUnknown``) and do not come through here.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from attrs import field, frozen

from autopost.application.ports.clock import Clock
from autopost.application.ports.pause import Pause
from autopost.application.ports.platform_errors import PlatformBusy, TransientPlatformError
from autopost.domain.retry_policy import RetryPolicy

log = logging.getLogger(__name__)

T = TypeVar("T")


@frozen
class Patience:
    """How a use case reading from a platform waits out its failures in passing: the pauses
    and the clock they are measured by, how long and how often (``policy``), and the draw of
    their jitter (``rand``). Each run of the use case reads through its own ``reads()``."""

    pause: Pause
    clock: Clock
    policy: RetryPolicy = field(factory=RetryPolicy)
    rand: Callable[[], float] = random.random

    def reads(self, policy: RetryPolicy | None = None) -> RetryingReads:
        """``policy``, when given, replaces the usual one."""
        return RetryingReads(policy or self.policy, self.pause, self.clock, self.rand)


class RetryingReads:
    """Tries a read again, after the policy's pauses, while it fails in passing; past the
    policy's tries or patience, the last failure is raised. Any other error is raised at once.
    A call held back before it was sent (``PlatformBusy``) waits the hold out, within the
    policy's patience, without using a try.

    ``retried`` counts the tries made again after a failure, over every read of this
    instance."""

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
            except PlatformBusy as held:
                # Not sent: near a rate limit, the gateway holds back until its usage falls.
                elapsed = self._clock.now() - started
                # At least the first pause: a hold that has just ended is not waited in a loop.
                hold = max(held.retry_after or timedelta(0), self._policy.backoff.base)
                pause = self._policy.wait_out(elapsed, hold)
                if pause is None:
                    log.warning("%s held back for longer than the retry policy waits", what)
                    raise
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
                self.retried += 1
            await self._pause.wait(pause)
