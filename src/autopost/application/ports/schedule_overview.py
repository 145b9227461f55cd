"""What is due soon and what is late, for the operators."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from attrs import frozen

from autopost.domain.platform import Platform


@frozen
class DuePublication:
    publication_id: int
    post_id: int
    platform: Platform
    publish_at: datetime
    status: str


class ScheduleOverview(Protocol):
    async def due_between(self, start: datetime, end: datetime) -> int:
        """How many publications are scheduled to go out from ``start`` (included) to ``end``
        (excluded)."""
        ...

    async def overdue(self, before: datetime, limit: int) -> Sequence[DuePublication]:
        """Publications whose time came before ``before`` and that are still not published
        (scheduled, or being published), the oldest first, at most ``limit``."""
        ...

    async def count_overdue(self, before: datetime) -> int: ...
