"""A step's end as the operators' metrics count it (``PublishingObserver``)."""

from __future__ import annotations

from datetime import datetime

from autopost.application.ports.publishing_observer import StepReport
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
from autopost.domain.publication import ScheduledPublication

OUTCOME_NAMES: dict[type[Outcome], str] = {
    MadeReady: "made_ready",
    WaitUntil: "wait_until",
    Published: "published",
    Deferred: "deferred",
    QuotaSpent: "quota_spent",
    Paused: "paused",
    RetryAt: "retry_at",
    PassingFailure: "passing_failure",
    Failed: "failed",
    AccountRejected: "account_rejected",
}


def step_report(outcome: Outcome, publication: ScheduledPublication, now: datetime) -> StepReport:
    """What ``outcome``, once applied to ``publication`` at ``now``, tells the metrics."""
    lateness = wait = None
    if isinstance(outcome, Published) and publication.publish_at is not None:
        lateness = (now - publication.publish_at).total_seconds()
    elif isinstance(outcome, Paused):
        wait = max((outcome.until - now).total_seconds(), 0.0)
    return StepReport(
        platform=publication.platform.value,
        outcome=OUTCOME_NAMES[type(outcome)],
        status=publication.status.value,
        lateness_seconds=lateness,
        wait_seconds=wait,
    )
