"""A post's publication on one account, and the state machine it moves through.

scheduled -> processing -> published | failed, and scheduled | failed -> cancelled.
``next_run_at`` is the one clock a worker obeys: the due time while scheduled, the end of
the lease while a worker holds it, the next poll or retry while it waits.
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

    def claim(self, now: datetime, lease: timedelta) -> None:
        """Take the publication for one step of work, until ``now + lease`` at the latest."""
        if not self.is_claimable(now):
            raise InvalidTransition(self.status, "claimed now")
        if not self.polling:
            self.attempts += 1
        self.status = PublicationStatus.PROCESSING
        self.next_run_at = now + lease

    def renew_lease(self, now: datetime, lease: timedelta) -> None:
        """Keep the publication for another ``lease``; saved before each platform call."""
        self._require(PublicationStatus.PROCESSING, "kept")
        self.next_run_at = now + lease

    def container_created(self, container_id: str) -> None:
        self._require(PublicationStatus.PROCESSING, "given a container")
        self.container_id = container_id
        self.polling = False

    def container_lost(self) -> None:
        """The container expired or broke before it was published: make a new one next."""
        self._require(PublicationStatus.PROCESSING, "given a new container")
        self.container_id = None
        self.publish_requested_at = None
        self.polling = False

    def wait_for_container(self, until: datetime) -> None:
        self._require(PublicationStatus.PROCESSING, "waiting for its container")
        self.polling = True
        self.next_run_at = until

    def publish_requested(self, now: datetime) -> None:
        self._require(PublicationStatus.PROCESSING, "published")
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
        self._require(PublicationStatus.PROCESSING, "retried")
        self.next_run_at = when
        self.error = reason
        self.polling = False

    def defer(self, until: datetime, reason: str) -> None:
        """Not a failure: the platform cannot take it yet (quota, rate limit)."""
        self._require(PublicationStatus.PROCESSING, "deferred")
        self.status = PublicationStatus.SCHEDULED
        self.next_run_at = until
        self.error = reason
        self.polling = False
        if self.attempts > 0:
            self.attempts -= 1

    def fail(self, reason: str) -> None:
        self._require(PublicationStatus.PROCESSING, "failed")
        self.status = PublicationStatus.FAILED
        self.error = reason
        self.polling = False

    def reschedule(self, publish_at: datetime) -> None:
        if self.status not in (PublicationStatus.SCHEDULED, PublicationStatus.FAILED):
            raise InvalidTransition(self.status, "rescheduled")
        if self.status is PublicationStatus.FAILED:
            self.attempts = 0
        self.publish_at = publish_at
        self.next_run_at = publish_at
        self.status = PublicationStatus.SCHEDULED
        self.error = None

    def edited(self) -> None:
        """The content changed: anything prepared from the old content is void."""
        if self.status not in (PublicationStatus.SCHEDULED, PublicationStatus.FAILED):
            raise InvalidTransition(self.status, "edited")
        self.container_id = None
        self.publish_requested_at = None

    def retry_now(self, now: datetime) -> None:
        if self.status is not PublicationStatus.FAILED:
            raise InvalidTransition(self.status, "retried")
        self.status = PublicationStatus.SCHEDULED
        self.next_run_at = now
        self.error = None
        self.attempts = 0

    def cancel(self) -> None:
        if self.status is PublicationStatus.CANCELLED:
            return
        if self.status not in (PublicationStatus.SCHEDULED, PublicationStatus.FAILED):
            raise InvalidTransition(self.status, "cancelled")
        self.status = PublicationStatus.CANCELLED

    def _require(self, status: PublicationStatus, action: str) -> None:
        if self.status is not status:
            raise InvalidTransition(self.status, action)
