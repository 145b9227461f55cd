"""A post's publication on one account, and the state machine it moves through.

scheduled -> processing -> published | failed, and scheduled | failed -> cancelled.
``next_run_at`` is the one clock a worker obeys: while scheduled, the time to start (the due
time, or earlier by the platform's ``prepare_ahead`` to make ready everything that comes
before the call that makes the post visible); the end of the lease while a worker holds it;
the next poll or retry while it waits. Until its due time a publication is ``scheduled``,
also while it is prepared, so it can still be moved, edited or cancelled; a
prepared one waits for its due time with its container ready. It is ``processing`` from the
first step at or after its due time on.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from attrs import define, field

from autopost.domain.errors import InvalidTransition


class PublicationStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    PROCESSING = "processing"
    PUBLISHED = "published"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE = frozenset({PublicationStatus.SCHEDULED, PublicationStatus.PROCESSING})
NO_LEAD = timedelta(0)


def first_run(publish_at: datetime, prepare_ahead: timedelta = NO_LEAD) -> datetime:
    """When work on a publication due at ``publish_at`` starts."""
    return publish_at - prepare_ahead


@define(slots=False, eq=False)
class ScheduledPublication:
    post_id: int
    credential_id: int
    platform: str
    publish_at: datetime
    next_run_at: datetime
    created_at: datetime
    status: PublicationStatus = PublicationStatus.SCHEDULED
    id: int | None = None
    version: int = 1
    attempts: int = 0
    polling: bool = False
    container_id: str | None = None
    container_ready: bool = False
    publish_requested_at: datetime | None = None
    remote_id: str | None = None
    permalink: str | None = None
    board_id: str | None = None
    error: str | None = None
    published_at: datetime | None = None
    dispatched_version: int | None = field(default=None)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    def is_claimable(self, now: datetime) -> bool:
        return self.is_active and self.next_run_at <= now

    def is_due(self, now: datetime) -> bool:
        return self.publish_at <= now

    def claim(self, now: datetime, lease: timedelta) -> None:
        """Take the publication for one step of work, until ``now + lease`` at the latest.
        Before its due time that step prepares it and it stays ``scheduled``: a change made
        meanwhile wins over the step, whose save then finds another version."""
        if not self.is_claimable(now):
            raise InvalidTransition(self.status, "claimed now")
        if not self.polling:
            self.attempts += 1
        if self.is_due(now):
            self.status = PublicationStatus.PROCESSING
            if self.container_ready:  # prepared: this step is the call that publishes it
                self.publish_requested(now)
        self.next_run_at = now + lease

    def renew_lease(self, now: datetime, lease: timedelta) -> None:
        """Keep the publication for another ``lease``; saved before each platform call."""
        self._require_active("kept")
        self.next_run_at = now + lease

    def container_created(self, container_id: str, ready: bool = False) -> None:
        """``ready``: the platform made it at once (an image); else it is processed first."""
        self._require_active("given a container")
        self.container_id = container_id
        self.container_ready = ready
        self.polling = False

    def container_finished(self) -> None:
        self._require_active("given a finished container")
        if self.container_id is None:
            raise InvalidTransition(self.status, "given a finished container without one")
        self.container_ready = True
        self.polling = False

    def container_lost(self) -> None:
        """The container expired or broke before it was published: make a new one next."""
        self._require_active("given a new container")
        self._void_container()

    def wait_for_container(self, until: datetime) -> None:
        self._require_active("waiting for its container")
        self.polling = True
        self.next_run_at = until

    def prepared(self) -> None:
        """Everything before the call that makes it visible is done ahead of its time: it
        waits, still changeable, for its due time. The attempt that prepared it is the one
        that goes on then, counted once."""
        self._require_active("prepared")
        if not self.container_ready:
            raise InvalidTransition(self.status, "prepared without a ready container")
        self.status = PublicationStatus.SCHEDULED
        self.next_run_at = self.publish_at
        self.error = None
        self.polling = False
        if self.attempts > 0:
            self.attempts -= 1

    def publish_requested(self, now: datetime) -> None:
        self._require_active("published")
        self.status = PublicationStatus.PROCESSING
        if self.publish_requested_at is None:
            self.publish_requested_at = now

    def mark_published(self, remote_id: str | None, permalink: str | None, now: datetime) -> None:
        self._require(PublicationStatus.PROCESSING, "marked published")
        self.status = PublicationStatus.PUBLISHED
        self.remote_id = remote_id
        self.permalink = permalink
        self.published_at = now
        self.error = None
        self.polling = False

    def retry_at(self, when: datetime, reason: str) -> None:
        """A transient failure: try again at ``when``, keeping what was already done."""
        self._require_active("retried")
        self.next_run_at = when
        self.error = reason
        self.polling = False

    def defer(self, until: datetime, reason: str) -> None:
        """Not a failure: the platform cannot take it yet (quota, rate limit)."""
        self._require_active("deferred")
        self.status = PublicationStatus.SCHEDULED
        self.next_run_at = until
        self.error = reason
        self.polling = False
        if self.attempts > 0:
            self.attempts -= 1

    def fail(self, reason: str) -> None:
        self._require_active("failed")
        self.status = PublicationStatus.FAILED
        self.error = reason
        self.polling = False

    def reschedule(self, publish_at: datetime, prepare_ahead: timedelta = NO_LEAD) -> None:
        """Due at ``publish_at`` (perhaps the same time, after an edit); what was prepared
        for another time is void."""
        if self.status not in (PublicationStatus.SCHEDULED, PublicationStatus.FAILED):
            raise InvalidTransition(self.status, "rescheduled")
        if self.status is PublicationStatus.FAILED:
            self.attempts = 0
        if publish_at != self.publish_at:
            self._void_container()
        self.publish_at = publish_at
        self.next_run_at = first_run(publish_at, prepare_ahead)
        self.status = PublicationStatus.SCHEDULED
        self.error = None
        self.polling = False

    def edited(self) -> None:
        """The content changed: anything prepared from the old content is void."""
        if self.status not in (PublicationStatus.SCHEDULED, PublicationStatus.FAILED):
            raise InvalidTransition(self.status, "edited")
        self._void_container()

    def retry_now(self, now: datetime, prepare_ahead: timedelta = NO_LEAD) -> None:
        """Tried again by hand: at once, but never published before its time."""
        if self.status is not PublicationStatus.FAILED:
            raise InvalidTransition(self.status, "retried")
        self.status = PublicationStatus.SCHEDULED
        self.next_run_at = max(now, first_run(self.publish_at, prepare_ahead))
        self.error = None
        self.attempts = 0

    def cancel(self) -> None:
        if self.status is PublicationStatus.CANCELLED:
            return
        if self.status not in (PublicationStatus.SCHEDULED, PublicationStatus.FAILED):
            raise InvalidTransition(self.status, "cancelled")
        self.status = PublicationStatus.CANCELLED

    def _void_container(self) -> None:
        self.container_id = None
        self.container_ready = False
        self.publish_requested_at = None
        self.polling = False

    def _require_active(self, action: str) -> None:
        """A step of work: before its due time the publication is still ``scheduled``."""
        if not self.is_active:
            raise InvalidTransition(self.status, action)

    def _require(self, status: PublicationStatus, action: str) -> None:
        if self.status is not status:
            raise InvalidTransition(self.status, action)
