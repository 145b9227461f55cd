"""When to try again after a passing failure, and until when to keep trying."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from attrs import frozen


@frozen
class Backoff:
    """Exponential backoff with jitter, each pause capped, through a window of time.

    Retries are bounded by time, not by a count: with 10 % of answers 5xx and 5 % rate
    limits, one post in 100 failed after 6 quick tries, all within two minutes, while the
    platform would have taken it a minute later. ``window`` is how long past a post's time
    passing failures are retried; ``cap`` keeps the pauses short (minutes) so that tries go
    on coming through the window, instead of one try near its start and one near its end.
    """

    base: timedelta = timedelta(seconds=5)
    cap: timedelta = timedelta(minutes=5)
    window: timedelta = timedelta(hours=1)

    def __attrs_post_init__(self) -> None:
        if not timedelta(0) < self.base <= self.cap:
            raise ValueError(f"the first pause ({self.base}) must be positive and <= {self.cap}")
        if self.window < timedelta(0):
            raise ValueError(f"the retry window ({self.window}) must not be negative")

    def delay(
        self,
        attempt: int,
        at_least: timedelta | None = None,
        rand: Callable[[], float] = random.random,
    ) -> timedelta:
        """Delay before try number ``attempt + 1``: between half and all of base * 2^(attempt-1),
        and of ``cap`` at most.

        Half is kept so that a retry never comes back at once; the jitter spreads a crowd
        of retries that failed together. A platform's own ``retry-after`` wins when longer.
        """
        ceiling = self.base
        for _ in range(attempt - 1):
            if ceiling >= self.cap:  # doubling on would only overflow, after a long run
                break
            ceiling *= 2
        ceiling = min(ceiling, self.cap)
        chosen: timedelta = ceiling * (0.5 + 0.5 * rand())
        if at_least is not None and at_least > chosen:
            return at_least
        return chosen

    def next_try(
        self,
        attempt: int,
        now: datetime,
        deadline: datetime,
        at_least: timedelta | None = None,
        rand: Callable[[], float] = random.random,
    ) -> datetime | None:
        """When to try again after try number ``attempt`` failed at ``now``: after ``delay``,
        but never after ``deadline``, the window's end, so that the last try comes at that
        end even when the platform asked for a longer pause; None once the deadline has come.
        """
        if now >= deadline:
            return None
        return min(now + self.delay(attempt, at_least, rand), deadline)
