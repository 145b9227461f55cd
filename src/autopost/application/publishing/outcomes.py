"""How a step of work on a publication ended, as its platform's strategy tells it.

A strategy makes the platform calls and returns one of these values; the use case applies it
to the publication (``apply_outcome``) and saves it in one commit. Words meant for people are
written where the reason is known: the strategy's own reasons as they come, the platform's
reasons (in ``Paused`` and ``PassingFailure``) wrapped with what happens next when applied.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TypeAlias

from attrs import frozen


@frozen
class MadeReady:
    """Everything before the call that makes the post visible is done ahead of its time: it
    waits for its time, and can still be moved, edited or cancelled."""


@frozen
class WaitUntil:
    """The platform is still at work on what it was given (a video it processes): it is
    asked again at ``when``, by a new message, not by a worker waiting."""

    when: datetime


@frozen
class Published:
    """On the platform. ``permalink``, when the answer did not carry it, is asked for once
    this is saved: a post is recorded published the moment the platform has it."""

    remote_id: str | None
    permalink: str | None = None


@frozen
class Deferred:
    """Not a failure: the platform cannot take it yet. Tried again at ``until``; until then
    it can be moved, edited or cancelled."""

    until: datetime
    reason: str


@frozen
class QuotaSpent:
    """The account's publishing quota is spent: the post gives its place back and asks for
    one again at ``until``, when the quota's window has moved on."""

    until: datetime
    reason: str


@frozen
class Paused:
    """The platform's rate limit: wait until ``until``, as long as it asked. No failure: the
    try is not counted and the retry window moves on by the wait."""

    until: datetime
    reason: str


@frozen
class RetryAt:
    """The next try at a moment the strategy knows: once a request whose answer was lost
    would have ended on the platform, or at once to make an expired container again."""

    when: datetime
    reason: str


@frozen
class PassingFailure:
    """A failure that may pass (a timeout, a 5xx): tried again after a growing pause until
    the retry window has passed, and failed then. ``retry_after``: the platform's own
    pause, when it asked for one."""

    reason: str
    retry_after: timedelta | None = None


@frozen
class Failed:
    """Refused as it stands: trying again would not help."""

    reason: str


@frozen
class AccountRejected:
    """The platform refused the account's token: the post fails, and the account is marked
    as needing to be reconnected."""

    reason: str


Outcome: TypeAlias = (
    MadeReady
    | WaitUntil
    | Published
    | Deferred
    | QuotaSpent
    | Paused
    | RetryAt
    | PassingFailure
    | Failed
    | AccountRejected
)
