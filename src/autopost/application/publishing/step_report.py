"""A step's end as the operators' metrics count it (``PublishingObserver``): the step as its
timeline keeps it (``attempts.py``), with the publication's status after it."""

from __future__ import annotations

from autopost.application.ports.publishing_observer import StepReport
from autopost.domain.attempt import Answer, PublicationAttempt
from autopost.domain.publication import ScheduledPublication


def step_report(attempt: PublicationAttempt, publication: ScheduledPublication) -> StepReport:
    """What the step kept as ``attempt`` tells the metrics about ``publication``."""
    lateness = wait = None
    if attempt.answer is Answer.PUBLISHED and publication.publish_at is not None:
        lateness = (attempt.at - publication.publish_at).total_seconds()
    elif attempt.answer is Answer.RATE_LIMITED and attempt.next_at is not None:
        wait = max((attempt.next_at - attempt.at).total_seconds(), 0.0)
    return StepReport(
        platform=publication.platform.value,
        outcome=attempt.answer.value,
        status=publication.status.value,
        lateness_seconds=lateness,
        wait_seconds=wait,
    )
