"""One message to one person on one channel, and what became of it.

A delivery is made once per event, person and channel (its ``dedupe_key`` is the event's id),
so an event handed over twice is told once. An account that needs reconnecting is told once
while it stays so, however many events say it: its key names the account instead
(``reconnect_key``) until the account is connected again (``released``).
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from attrs import define

from autopost.domain.backoff import Backoff
from autopost.domain.notifications import Channel

# A channel that is down is tried again for this long, with pauses of up to half an hour.
DELIVERY_BACKOFF = Backoff(
    base=timedelta(seconds=10), cap=timedelta(minutes=30), window=timedelta(hours=24)
)


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


def reconnect_key(credential_id: int) -> str:
    return f"account.needs_reconnect:credential:{credential_id}"


@define(slots=False, eq=False)
class NotificationDelivery:
    event_id: str
    dedupe_key: str
    user_id: int
    channel: Channel
    address: str
    subject: str
    text: str
    created_at: datetime
    next_attempt_at: datetime
    credential_id: int | None = None
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    sent_at: datetime | None = None
    last_error: str | None = None
    id: int | None = None

    def sent(self, now: datetime) -> None:
        self.attempts += 1
        self.status = DeliveryStatus.SENT
        self.sent_at = now
        self.last_error = None

    def failed(self, reason: str, now: datetime, passing: bool) -> datetime | None:
        """Record a failed try; when to try again (None: never, it is given up)."""
        self.attempts += 1
        self.last_error = reason
        deadline = self.created_at + DELIVERY_BACKOFF.window
        retry_at = DELIVERY_BACKOFF.next_try(self.attempts, now, deadline) if passing else None
        if retry_at is None:
            self.status = DeliveryStatus.FAILED
        else:
            self.next_attempt_at = retry_at
        return retry_at
