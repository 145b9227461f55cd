from __future__ import annotations

from datetime import datetime
from typing import Protocol


class PublicationScheduler(Protocol):
    """Asks a worker to act on a publication at a given moment.

    Delivery is at least once and may be lost: the database stays the record, messages
    carry the version they were sent for, and a stale or duplicate one does nothing.
    """

    def enqueue(self, publication_id: int, version: int, at: datetime) -> None: ...
