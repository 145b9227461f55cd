"""Whether a sign-in attempt is refused before its password is checked, or checked after a
wait, judged by the failures counted for it (``login_throttle``).

An address with too many failures is refused, whatever the account. An account with too many
is guarded: an address that failed on it recently is refused; any other is checked, so its
owner's right password still signs in, but only after a wait that grows with the account's
failures.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from attrs import frozen

from autopost.domain.login_throttle import LoginFailures, ThrottlePolicy


@frozen
class Counts:
    address: LoginFailures | None
    account: LoginFailures | None
    pair: LoginFailures | None


@frozen
class Verdict:
    """Refused until ``refused_until`` (no check at all), else checked after ``delay``."""

    refused_until: datetime | None = None
    delay: timedelta = timedelta(0)


def judge(counts: Counts, now: datetime, policy: ThrottlePolicy) -> Verdict:
    address, guarded, marked = (
        _lock_end(count, now) for count in (counts.address, counts.account, counts.pair)
    )
    ends = [] if address is None else [address]
    if guarded is not None and marked is not None:
        # Refused until the account is no longer guarded, or this address's failure on it
        # is old enough, whichever comes first.
        ends.append(min(guarded, marked))
    if ends:
        return Verdict(refused_until=max(ends))
    if guarded is not None:
        assert counts.account is not None
        return Verdict(delay=policy.delay(counts.account.failures))
    return Verdict()


def _lock_end(count: LoginFailures | None, now: datetime) -> datetime | None:
    return count.locked_until if count is not None and count.is_locked(now) else None
