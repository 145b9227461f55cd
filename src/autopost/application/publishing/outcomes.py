"""How a step of work on a publication ended, as its platform's strategy tells it.

A strategy makes the platform calls and returns one of these values; the use case applies it
to the publication and saves it in one commit. Each value says, in one place, everything it
means: what it does to the publication (``apply``), what the step's timeline records of it
(``answer``, read once it is applied) and whether it defers the post (``defers``: the post is
told deferred). Words meant for people are written where the reason is known: the strategy's
own reasons as they come, the platform's reasons (in ``Paused`` and ``PassingFailure``)
wrapped with what happens next when applied.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar, TypeAlias

from attrs import frozen

from autopost.application.policy import PublishingPolicy
from autopost.application.publishing.retry_wording import gave_up, paused, retrying
from autopost.domain.attempt import Answer
from autopost.domain.credential import Credential
from autopost.domain.publication import PublicationStatus, ScheduledPublication

Recorded: TypeAlias = tuple[Answer, str, datetime | None]
"""What a step's timeline keeps of its outcome: the answer, its words or link, and the moment
Autopost goes on, if it does."""


@frozen
class MadeReady:
    """Everything before the call that makes the post visible is done ahead of its time: it
    waits for its time, and can still be moved, edited or cancelled."""

    defers: ClassVar[bool] = False

    def apply(
        self,
        publication: ScheduledPublication,
        credential: Credential,
        now: datetime,
        policy: PublishingPolicy,
    ) -> None:
        publication.prepared(now=now)

    def answer(self, publication: ScheduledPublication) -> Recorded:
        return Answer.READY, "", None


@frozen
class WaitUntil:
    """The platform is still at work on what it was given (a video it processes): it is
    asked again at ``when``, by a new message, not by a worker waiting."""

    when: datetime

    defers: ClassVar[bool] = False

    def apply(
        self,
        publication: ScheduledPublication,
        credential: Credential,
        now: datetime,
        policy: PublishingPolicy,
    ) -> None:
        publication.wait_for_container(self.when, now=now)

    def answer(self, publication: ScheduledPublication) -> Recorded:
        return Answer.PROCESSING, "", self.when


@frozen
class Published:
    """On the platform. ``permalink``, when the answer did not carry it, is asked for once
    this is saved: a post is recorded published the moment the platform has it."""

    remote_id: str | None
    permalink: str | None = None

    defers: ClassVar[bool] = False

    def apply(
        self,
        publication: ScheduledPublication,
        credential: Credential,
        now: datetime,
        policy: PublishingPolicy,
    ) -> None:
        publication.mark_published(self.remote_id, self.permalink, now)

    def answer(self, publication: ScheduledPublication) -> Recorded:
        link = self.permalink or publication.permalink or self.remote_id
        return Answer.PUBLISHED, link or "", None


@frozen
class Deferred:
    """Not a failure: the platform cannot take it yet. Tried again at ``until``; until then
    it can be moved, edited or cancelled."""

    until: datetime
    reason: str

    defers: ClassVar[bool] = True

    def apply(
        self,
        publication: ScheduledPublication,
        credential: Credential,
        now: datetime,
        policy: PublishingPolicy,
    ) -> None:
        publication.defer(self.until, self.reason, now=now)

    def answer(self, publication: ScheduledPublication) -> Recorded:
        return Answer.DEFERRED, self.reason, self.until


@frozen
class QuotaSpent:
    """The account's publishing quota is spent: the post gives its place back and asks for
    one again at ``until``, when the quota's window has moved on."""

    until: datetime
    reason: str

    defers: ClassVar[bool] = True

    def apply(
        self,
        publication: ScheduledPublication,
        credential: Credential,
        now: datetime,
        policy: PublishingPolicy,
    ) -> None:
        publication.defer_for_quota(self.until, self.reason, now=now)

    def answer(self, publication: ScheduledPublication) -> Recorded:
        return Answer.QUOTA, self.reason, self.until


@frozen
class Paused:
    """The platform's rate limit: wait until ``until``, as long as it asked. No failure: the
    try is not counted and the retry window moves on by the wait."""

    until: datetime
    reason: str

    defers: ClassVar[bool] = True

    def apply(
        self,
        publication: ScheduledPublication,
        credential: Credential,
        now: datetime,
        policy: PublishingPolicy,
    ) -> None:
        publication.rate_limited(self.until, paused(self.reason, self.until), now=now)

    def answer(self, publication: ScheduledPublication) -> Recorded:
        return Answer.RATE_LIMITED, self.reason, self.until


@frozen
class RetryAt:
    """The next try at a moment the strategy knows: once a request whose answer was lost
    would have ended on the platform, or at once to make an expired container again."""

    when: datetime
    reason: str

    defers: ClassVar[bool] = False

    def apply(
        self,
        publication: ScheduledPublication,
        credential: Credential,
        now: datetime,
        policy: PublishingPolicy,
    ) -> None:
        publication.retry_at(self.when, self.reason, now=now)

    def answer(self, publication: ScheduledPublication) -> Recorded:
        return Answer.RETRY, self.reason, self.when


@frozen
class PassingFailure:
    """A failure that may pass (a timeout, a 5xx): tried again after a growing pause until
    the retry window has passed, and failed then. ``retry_after``: the platform's own
    pause, when it asked for one."""

    reason: str
    retry_after: timedelta | None = None

    defers: ClassVar[bool] = False

    def apply(
        self,
        publication: ScheduledPublication,
        credential: Credential,
        now: datetime,
        policy: PublishingPolicy,
    ) -> None:
        _retry_or_fail(publication, self.reason, self.retry_after, now, policy)

    def answer(self, publication: ScheduledPublication) -> Recorded:
        if publication.status is PublicationStatus.FAILED:
            # The retry window has passed: the publication's error says so.
            return Answer.FAILED, publication.error or self.reason, None
        return Answer.RETRY, self.reason, publication.next_run_at


@frozen
class Failed:
    """Refused as it stands: trying again would not help."""

    reason: str

    defers: ClassVar[bool] = False

    def apply(
        self,
        publication: ScheduledPublication,
        credential: Credential,
        now: datetime,
        policy: PublishingPolicy,
    ) -> None:
        publication.fail(self.reason, now=now)

    def answer(self, publication: ScheduledPublication) -> Recorded:
        return Answer.FAILED, self.reason, None


@frozen
class AccountRejected:
    """The platform refused the account's token: the post fails, and the account is marked
    as needing to be reconnected."""

    reason: str

    defers: ClassVar[bool] = False

    def apply(
        self,
        publication: ScheduledPublication,
        credential: Credential,
        now: datetime,
        policy: PublishingPolicy,
    ) -> None:
        credential.needs_reconnect(self.reason)
        publication.fail(self.reason, now=now)

    def answer(self, publication: ScheduledPublication) -> Recorded:
        return Answer.RECONNECT, self.reason, None


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


def _retry_or_fail(
    publication: ScheduledPublication,
    reason: str,
    retry_after: timedelta | None,
    now: datetime,
    policy: PublishingPolicy,
) -> None:
    """Try again after a pause, or fail once the retry window has passed."""
    backoff = policy.backoff
    publication.open_retry_window(now)
    deadline = publication.retry_deadline(backoff.window)
    when = backoff.next_try(publication.attempts, now, deadline, retry_after)
    if when is None:
        publication.fail(gave_up(publication.platform, backoff.window, reason), now=now)
    else:
        publication.retry_at(when, retrying(reason, when, deadline), now=now)
