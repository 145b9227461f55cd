"""Where workers say they are alive."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from autopost.domain.worker_heartbeat import WorkerHeartbeat


class WorkerHeartbeats(Protocol):
    """Shared by every process of the instance: the database, not the process, says which
    workers are alive. Each worker writes only its own row."""

    async def beat(self, heartbeat: WorkerHeartbeat) -> None:
        """Store the worker's row, made or replaced (its ``last_seen`` moves on)."""
        ...

    async def remove(self, name: str) -> None:
        """The worker stopped cleanly: its row goes. Removing no row is no error."""
        ...

    async def all(self) -> Sequence[WorkerHeartbeat]:
        """Every worker's row, the most recently seen first."""
        ...

    async def forget(self, last_seen_before: datetime) -> int:
        """Remove the rows of workers last seen before that time; how many went."""
        ...
