"""Each step of work on a publication, kept for its timeline: what was asked of the platform
(read from where the publication stood before the step) and what came of it (its outcome, as
applied to the publication)."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen

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
from autopost.domain.attempt import Answer, Asked, PublicationAttempt
from autopost.domain.platform import Platform
from autopost.domain.publication import PublicationStatus, ScheduledPublication


@frozen
class Before:
    """Where a publication stood when its step began."""

    platform: Platform
    has_container: bool
    container_ready: bool

    @classmethod
    def of(cls, publication: ScheduledPublication) -> Before:
        return cls(
            publication.platform, publication.container_id is not None, publication.container_ready
        )

    def asked(self, outcome: Outcome) -> Asked:
        if isinstance(outcome, Published) or self.platform is Platform.PINTEREST:
            return Asked.PUBLISH
        if not self.has_container:
            return Asked.PREPARE
        return Asked.PUBLISH if self.container_ready else Asked.CHECK


def attempt_of(
    outcome: Outcome, before: Before, publication: ScheduledPublication, now: datetime
) -> PublicationAttempt:
    """The step that ended in ``outcome``, once the outcome is applied to ``publication``."""
    assert publication.id is not None
    answer, detail, next_at = _answer(outcome, publication)
    return PublicationAttempt(
        publication.id, now, before.asked(outcome), answer, detail, next_at=next_at
    )


def _answer(
    outcome: Outcome, publication: ScheduledPublication
) -> tuple[Answer, str, datetime | None]:
    match outcome:
        case MadeReady():
            return Answer.READY, "", None
        case WaitUntil(when):
            return Answer.PROCESSING, "", when
        case Published(remote_id, permalink):
            return Answer.PUBLISHED, permalink or publication.permalink or remote_id or "", None
        case Deferred(until, reason):
            return Answer.DEFERRED, reason, until
        case QuotaSpent(until, reason):
            return Answer.QUOTA, reason, until
        case Paused(until, reason):
            return Answer.RATE_LIMITED, reason, until
        case RetryAt(when, reason):
            return Answer.RETRY, reason, when
        case PassingFailure(reason):
            if publication.status is PublicationStatus.FAILED:
                # The retry window has passed: the publication's error says so.
                return Answer.FAILED, publication.error or reason, None
            return Answer.RETRY, reason, publication.next_run_at
        case Failed(reason):
            return Answer.FAILED, reason, None
        case AccountRejected(reason):
            return Answer.RECONNECT, reason, None
