"""How long to wait before the next try after a transient failure."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from attrs import frozen


@frozen
class Backoff:
    """Exponential backoff with full jitter, bounded in delay and in number of attempts."""

    base: timedelta = timedelta(seconds=5)
    cap: timedelta = timedelta(minutes=15)
    max_attempts: int = 6

    def exhausted(self, attempts: int) -> bool:
        return attempts >= self.max_attempts

    def delay(
        self,
        attempt: int,
        at_least: timedelta | None = None,
        rand: Callable[[], float] = random.random,
    ) -> timedelta:
        """Delay before try number ``attempt + 1``: between half and all of base * 2^(attempt-1).

        Half is kept so that a retry never comes back at once; the jitter spreads a crowd
        of retries that failed together. A platform's own ``retry-after`` wins when longer.
        """
        ceiling = min(self.cap, self.base * (2 ** max(attempt - 1, 0)))
        chosen: timedelta = ceiling * (0.5 + 0.5 * rand())
        if at_least is not None and at_least > chosen:
            return at_least
        return chosen
