"""How long to keep trying a read that failed in passing (a 5xx, a rate limit, a timeout)
before leaving it for a later run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from attrs import field, frozen

from autopost.domain.backoff import Backoff


def _positive_tries(policy: RetryPolicy, attribute: object, tries: int) -> None:
    if tries < 1:
        raise ValueError(f"a call is tried at least once, not {tries} times")


# Short pauses: a read that failed in passing usually works a second or two later.
_PAUSES = Backoff(base=timedelta(seconds=2), cap=timedelta(minutes=1))


@frozen
class RetryPolicy:
    """``tries``: at most this many tries of one call; ``patience``: no try starts later than
    this after the first one did; ``backoff``: the pauses between tries, doubling from its
    base up to its cap, with jitter (its window plays no part here).

    A pause is never shorter than the platform asked for (``Retry-After``, Meta's time to
    regain access); when that would end past ``patience``, the policy gives up at once
    rather than wait for a try it will not make.
    """

    # At 20 % of calls failing, 8 tries leave a page unread 3 times in a million; 30 minutes
    # outlast several of the 5-minute holds that follow an app-wide rate limit.
    tries: int = field(default=8, validator=_positive_tries)
    patience: timedelta = timedelta(minutes=30)
    backoff: Backoff = _PAUSES

    def pause_after(
        self,
        failed_tries: int,
        elapsed: timedelta,
        asked: timedelta | None,
        rand: Callable[[], float],
    ) -> timedelta | None:
        """The pause before the next try, once ``failed_tries`` tries have failed and
        ``elapsed`` has passed since the first began; None to give up. ``asked`` is the
        platform's own wait, when it gave one; ``rand`` draws the jitter from [0, 1)."""
        if failed_tries >= self.tries:
            return None
        pause = self.backoff.delay(failed_tries, at_least=asked, rand=rand)
        if elapsed + pause > self.patience:
            return None
        return pause

    def wait_out(self, elapsed: timedelta, hold: timedelta) -> timedelta | None:
        """How long to wait before calling at all, when near a rate limit we hold back for
        ``hold`` without asking the platform; None to give up. No try was made, so none is
        counted: only ``patience`` bounds it."""
        if elapsed + hold > self.patience:
            return None
        return max(hold, timedelta(0))


# A person waits on the answer: a few quick tries, then what was kept is reported.
WHILE_SOMEONE_WAITS = RetryPolicy(
    tries=4,
    patience=timedelta(seconds=20),
    backoff=Backoff(base=timedelta(seconds=1), cap=timedelta(seconds=8)),
)
