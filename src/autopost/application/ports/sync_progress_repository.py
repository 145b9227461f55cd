"""Where a sync of an account's media stopped part way, so that the next run goes on from there."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from attrs import frozen


@frozen
class SyncProgress:
    """A pass over the account's media under way: ``after`` is Instagram's cursor of the next
    page to read; ``started_at`` when the pass began (a full pass marks deleted what it did
    not see since then)."""

    credential_id: int
    after: str
    full: bool
    started_at: datetime


class SyncProgressRepository(Protocol):
    async def get(self, credential_id: int) -> SyncProgress | None:
        """The pass under way for the account, if one stopped part way."""
        ...

    async def save(self, progress: SyncProgress) -> None:
        """Keep it in place of the account's earlier one, in the transaction under way."""
        ...

    async def forget(self, credential_id: int) -> None:
        """The pass ended: the next sync starts from the newest media."""
        ...
