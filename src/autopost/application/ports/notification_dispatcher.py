"""Hands a delivery to the workers: each message to a person is its own broker message, so a
channel that is down never holds back publishing."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class NotificationDispatcher(Protocol):
    def enqueue(self, delivery_id: int, at: datetime) -> None:
        """Have ``DeliverNotification`` run for the delivery at ``at`` (at once if past).
        At least once: the delivery itself says whether it is still to be sent."""
        ...
