"""Handing deliveries to the worker, each its own message."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class WebhookQueue(Protocol):
    def deliver(self, delivery_id: int, at: datetime | None = None) -> None:
        """A message to try the delivery, at ``at`` (None: now). At least once: a message
        lost costs time only, the sweep sends what is due again."""
        ...
