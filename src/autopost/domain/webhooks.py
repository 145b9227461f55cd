"""Webhook endpoints and the deliveries of events to them.

Each event an endpoint wants becomes one delivery, tried until the receiver answers 2xx:
at once, then after each pause of ``RETRY_SCHEDULE`` (the Standard Webhooks example schedule,
3 days and 3 hours in all), and given up after the last. Deliveries about the same subject (a
post, an account) reach an endpoint in the order their events happened: a later one waits
while an earlier one is still to be delivered.

An endpoint whose deliveries have all failed for ``DISABLE_AFTER`` (none succeeded since the
first of them failed), or that answered 410 Gone, is disabled; it gets nothing until it is
enabled again, and then gets what waited meanwhile.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Callable, Collection, Sequence, Set
from datetime import datetime, timedelta

from attrs import define, field

from autopost.domain.access import Action, Permission, Resource
from autopost.domain.events import Event, EventType

RETRY_SCHEDULE: Sequence[timedelta] = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=14),
    timedelta(hours=20),
    timedelta(hours=24),
)
# Pauses are stretched by up to this share, so that the retries of many deliveries that failed
# together (a receiver's outage) do not all come back in the same second.
JITTER = 0.1
# The longest a receiver's Retry-After is followed.
MAX_RETRY_AFTER = timedelta(hours=24)
DISABLE_AFTER = timedelta(days=5)
GONE = 410

MANAGING = Permission(Action.CHANGE, Resource.CREDENTIAL)

SUBSCRIBABLE: tuple[EventType, ...] = tuple(EventType)


def may_manage_webhooks(granted: Set[Permission]) -> bool:
    """Webhooks are for those who manage the team's accounts: Publishers and Administrators."""
    return MANAGING in granted


def next_try(
    attempts: int,
    now: datetime,
    retry_after: timedelta | None = None,
    rand: Callable[[], float] = random.random,
) -> datetime | None:
    """When to try again after ``attempts`` tries that failed; None once the schedule is
    spent. The receiver's ``retry_after`` is followed when it asks for longer."""
    if attempts < 1 or attempts > len(RETRY_SCHEDULE):
        return None
    pause = RETRY_SCHEDULE[attempts - 1] * (1 + JITTER * rand())
    if retry_after is not None:
        pause = max(pause, min(retry_after, MAX_RETRY_AFTER))
    return now + pause


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"  # to be tried, at ``next_try_at``
    DELIVERED = "delivered"
    FAILED = "failed"  # every try of the schedule failed


@define(slots=False, eq=False)
class WebhookEndpoint:
    """``secret`` holds ciphertext; only a SecretBox reads it. ``events``: the event types
    wanted (none: every one)."""

    url: str
    secret: str
    created_at: datetime
    owner_id: int | None = None
    events: list[str] = field(factory=list)
    enabled: bool = True
    description: str = ""
    failing_since: datetime | None = None
    disabled_reason: str | None = None
    updated_at: datetime | None = None
    id: int | None = None

    def wants(self, event_type: str) -> bool:
        return not self.events or event_type in self.events

    def change(
        self,
        *,
        now: datetime,
        url: str | None = None,
        events: Collection[str] | None = None,
        enabled: bool | None = None,
    ) -> None:
        if url is not None:
            self.url = url
        if events is not None:
            self.events = sorted(set(events))
        if enabled is not None and enabled != self.enabled:
            self.enabled = enabled
            # Enabled again: a fresh start, its failures forgotten.
            self.failing_since = None
            self.disabled_reason = None
        self.updated_at = now

    def answered(self, now: datetime) -> None:
        self.failing_since = None
        self.updated_at = now

    def failed(self, now: datetime, status_code: int | None) -> bool:
        """A delivery to it failed: whether that disables it."""
        if self.failing_since is None:
            self.failing_since = now
        self.updated_at = now
        if not self.enabled:
            return False
        if status_code == GONE:
            return self._disable("The receiver answered 410 Gone: it wants no more events.")
        if now - self.failing_since >= DISABLE_AFTER:
            days = DISABLE_AFTER.days
            return self._disable(f"Every delivery failed for {days} days.")
        return False

    def _disable(self, reason: str) -> bool:
        self.enabled = False
        self.disabled_reason = reason
        return True


@define(slots=False, eq=False)
class WebhookDelivery:
    """One event on its way to one endpoint. ``sequence``: the event's place in the outbox
    (the order events happened). ``version``: optimistic locking, written by the database."""

    endpoint_id: int
    event_id: str
    event_type: str
    sequence: int
    created_at: datetime
    subject: str | None = None
    status: DeliveryStatus = field(default=DeliveryStatus.PENDING, converter=DeliveryStatus)
    attempts: int = 0
    next_try_at: datetime | None = None
    last_attempt_at: datetime | None = None
    last_status_code: int | None = None
    last_latency_ms: int | None = None
    last_error: str | None = None
    delivered_at: datetime | None = None
    version: int = 1
    id: int | None = None

    def is_due(self, now: datetime) -> bool:
        return self.status is DeliveryStatus.PENDING and (
            self.next_try_at is None or self.next_try_at <= now
        )

    def claim(self, now: datetime, lease: timedelta) -> None:
        """Taken for a try: nobody else tries it before ``lease`` has passed (after which a
        try that never told how it ended is made again: at least once)."""
        self.next_try_at = now + lease

    def succeeded(self, now: datetime, status_code: int, latency_ms: int) -> None:
        self._tried(now, status_code, latency_ms, None)
        self.status = DeliveryStatus.DELIVERED
        self.delivered_at = now
        self.next_try_at = None

    def failed(
        self,
        now: datetime,
        error: str,
        status_code: int | None = None,
        latency_ms: int | None = None,
        retry_after: timedelta | None = None,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self._tried(now, status_code, latency_ms, error)
        self.next_try_at = next_try(self.attempts, now, retry_after, rand)
        if self.next_try_at is None:
            self.status = DeliveryStatus.FAILED

    def _tried(
        self, now: datetime, status_code: int | None, latency_ms: int | None, error: str | None
    ) -> None:
        self.attempts += 1
        self.last_attempt_at = now
        self.last_status_code = status_code
        self.last_latency_ms = latency_ms
        self.last_error = error


def deliveries_of(
    event: Event, sequence: int, endpoints: Sequence[WebhookEndpoint], now: datetime
) -> list[WebhookDelivery]:
    """One delivery of ``event`` to each endpoint that wants it."""
    return [
        WebhookDelivery(
            endpoint_id=endpoint.id,
            event_id=event.id,
            event_type=event.type.value,
            sequence=sequence,
            created_at=now,
            subject=event.subject,
            next_try_at=now,
        )
        for endpoint in endpoints
        if endpoint.id is not None and endpoint.wants(event.type.value)
    ]
