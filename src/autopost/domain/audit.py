"""The audit log: who created, changed, cancelled or published what, and when."""

from __future__ import annotations

from datetime import datetime

from attrs import define


@define(slots=False, eq=False)
class AuditEntry:
    at: datetime
    action: str
    resource: str
    resource_id: str
    # None when Autopost acted on its own (a publication at its due time, a token renewal).
    actor_id: int | None = None
    actor_name: str = ""
    summary: str = ""
    id: int | None = None
