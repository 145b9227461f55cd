"""Failed sign-ins, counted per address, per account, and per account from each address.

Too many from one address lock that address. Too many on one account only *guard* it: the
addresses that failed on it are refused, the others are still checked, after a wait
(``sign_in_gate``). So guessing at a name cannot lock its owner out.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from attrs import define, evolve, frozen

# Past this many doublings the wait is at its longest anyway; it keeps the power small.
_MOST_DOUBLINGS = 16
# The longest login worth keeping a count for: the longest e-mail address a user can have.
LONGEST_LOGIN = 254
LONGEST_ADDRESS = 64


@frozen
class ThrottlePolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)
    # The owner waits too, so the longest wait stays under the 5 s an HTTP client gives up
    # after by default (httpx's): their right password must still get its answer.
    first_delay: timedelta = timedelta(seconds=1)
    longest_delay: timedelta = timedelta(seconds=4)

    @property
    def for_pairs(self) -> ThrottlePolicy:
        """An address's failures on one account: a single one marks the pair, for the
        lockout after the last."""
        return evolve(self, max_failures=1)

    def delay(self, account_failures: int) -> timedelta:
        """How long a guarded account's check waits: ``first_delay`` at the failure that
        guarded it, doubled by each one since, up to ``longest_delay``."""
        since = min(max(account_failures - self.max_failures, 0), _MOST_DOUBLINGS)
        return min(self.first_delay * (1 << since), self.longest_delay)


@frozen
class ThrottleKeys:
    """The counts one attempt is judged by and counted in: its account (the name of the user
    found, else the login as typed), its address, and the two together. The pair's key is a
    digest: the name and the address side by side would not fit the column."""

    account: str
    address: str
    pair: str

    @classmethod
    def of(cls, name: str, address: str) -> ThrottleKeys:
        name, address = name.lower()[:LONGEST_LOGIN], (address or "unknown")[:LONGEST_ADDRESS]
        # The name's length first: no other name and address run together into the same text.
        pair = hashlib.sha256(f"{len(name)}:{name}{address}".encode()).hexdigest()
        return cls(f"user:{name}", f"ip:{address}", f"pair:{pair}")


@define(slots=False, eq=False)
class LoginFailures:
    """Failed sign-ins for one key (``ThrottleKeys``) in the window. ``locked_until``: for an
    address, refused until then; for an account, guarded; for a pair, marked."""

    key: str
    failures: int
    window_started_at: datetime
    locked_until: datetime | None = None
    id: int | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def record_failure(self, now: datetime, policy: ThrottlePolicy) -> None:
        """Counted in the window; at ``max_failures`` locked for the lockout. While locked,
        failures still count (a guarded account's wait grows) and each pushes the end back;
        once a lock is over, or the window, the count starts again."""
        if not self.is_locked(now) and (
            self.locked_until is not None or now - self.window_started_at > policy.window
        ):
            self.failures, self.window_started_at, self.locked_until = 0, now, None
        self.failures += 1
        if self.failures >= policy.max_failures:
            self.locked_until = now + policy.lockout
