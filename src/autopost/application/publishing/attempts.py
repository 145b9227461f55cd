"""Each step of work on a publication, kept for its timeline: what was asked of the platform
(read from where the publication stood before the step) and what came of it (its outcome, as
applied to the publication)."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen

from autopost.application.publishing.outcomes import Outcome, Published
from autopost.domain.attempt import Asked, PublicationAttempt
from autopost.domain.platform import Platform
from autopost.domain.publication import ScheduledPublication


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
    answer, detail, next_at = outcome.answer(publication)
    return PublicationAttempt(
        publication.id, now, before.asked(outcome), answer, detail, next_at=next_at
    )
