"""Where each account's posting slots are kept, and what the queue reads of its posts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from autopost.domain.publication import ScheduledPublication
from autopost.domain.slots import PostingSchedule


class PostingScheduleRepository(Protocol):
    async def get(self, credential_id: int) -> PostingSchedule | None:
        """The account's slots and time zone; None until they are first set."""
        ...

    async def lock(self, credential_id: int) -> PostingSchedule | None:
        """``get``, and the account's schedule locked until this transaction ends: another
        transaction placing a post in the account's queue (or reordering it) waits until
        then, so two posts are never given the same free slot."""
        ...

    async def replace(self, schedule: PostingSchedule) -> None:
        """Make ``schedule`` the account's, in the transaction under way."""
        ...

    async def taken(self, credential_id: int, since: datetime) -> Sequence[datetime]:
        """When the account's posts are due, from ``since`` on, oldest first: those scheduled,
        at work or published (a cancelled or failed one holds no place)."""
        ...

    async def scheduled_after(
        self, credential_id: int, after: datetime
    ) -> Sequence[ScheduledPublication]:
        """The account's publications still scheduled and due after ``after``, in time order
        (then by id): the queue's candidates. They are tracked as any entity read: a change
        made to them is kept by the commit."""
        ...
