"""Writing the audit log: one entry per change, in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime

from autopost.application.access import Actor
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Resource
from autopost.domain.audit import AuditEntry


async def record(
    uow: UnitOfWork,
    actor: Actor,
    action: str,
    resource: Resource,
    resource_id: object,
    at: datetime,
    summary: str = "",
) -> None:
    """``action`` is a past-tense verb ("created", "cancelled", "published"); ``summary`` says
    what changed in words, and never holds a secret's value."""
    await uow.audit.add(
        AuditEntry(
            at=at,
            action=action,
            resource=resource.value,
            resource_id=str(resource_id),
            actor_id=actor.user_id,
            actor_name=actor.username,
            summary=summary,
        )
    )
