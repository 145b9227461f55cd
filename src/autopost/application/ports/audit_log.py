"""Where what people did is recorded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from autopost.domain.audit import AuditEntry


class AuditLog(Protocol):
    async def add(self, entry: AuditEntry) -> None: ...

    async def page(self, limit: int, offset: int) -> tuple[int, Sequence[AuditEntry]]:
        """How many entries there are, and these ones, newest first."""
        ...

    async def about(self, resource: str, resource_id: str) -> Sequence[AuditEntry]:
        """Every entry about one record, oldest first."""
        ...
