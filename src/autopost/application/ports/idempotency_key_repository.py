"""Where the ``Idempotency-Key``s users sent are kept, each with the answer to its request."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from autopost.domain.idempotency import IdempotencyKey


class IdempotencyKeyRepository(Protocol):
    async def claim(self, key: IdempotencyKey) -> None:
        """Add ``key``, atomically: when its user already holds a key of that name (another
        request has it, or had it), raise ``KeyTaken`` and end the transaction, keeping
        nothing of it. Of two requests claiming one key at once, exactly one succeeds."""
        ...

    async def get(self, user_id: int, key: str) -> IdempotencyKey | None: ...

    async def remove(self, key: IdempotencyKey) -> None: ...

    async def remove_expired(self, now: datetime) -> int:
        """Remove every key that expired at or before ``now``; how many went."""
        ...
