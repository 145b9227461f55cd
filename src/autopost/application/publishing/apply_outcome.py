"""What the outcome of a step does to the publication, in the domain's own words."""

from __future__ import annotations

from datetime import datetime, timedelta

from autopost.application.policy import PublishingPolicy
from autopost.application.publishing.outcomes import (
    AccountRejected,
    Deferred,
    Failed,
    MadeReady,
    Outcome,
    PassingFailure,
    Paused,
    Published,
    QuotaSpent,
    RetryAt,
    WaitUntil,
)
from autopost.application.publishing.retry_wording import gave_up, paused, retrying
from autopost.domain.credential import Credential
from autopost.domain.publication import ScheduledPublication


def apply_outcome(
    outcome: Outcome,
    publication: ScheduledPublication,
    credential: Credential,
    now: datetime,
    policy: PublishingPolicy,
) -> None:
    match outcome:
        case MadeReady():
            publication.prepared(now=now)
        case WaitUntil(when):
            publication.wait_for_container(when, now=now)
        case Published(remote_id, permalink):
            publication.mark_published(remote_id, permalink, now)
        case Deferred(until, reason):
            publication.defer(until, reason, now=now)
        case QuotaSpent(until, reason):
            publication.defer_for_quota(until, reason, now=now)
        case Paused(until, reason):
            publication.rate_limited(until, paused(reason, until), now=now)
        case RetryAt(when, reason):
            publication.retry_at(when, reason, now=now)
        case PassingFailure(reason, retry_after):
            _retry_or_fail(publication, reason, retry_after, now, policy)
        case Failed(reason):
            publication.fail(reason, now=now)
        case AccountRejected(reason):
            credential.needs_reconnect(reason)
            publication.fail(reason, now=now)


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
