"""Reading the audit log, newest first: for administrators only."""

from __future__ import annotations

from collections.abc import Sequence

from autopost.application.access import Actor, authorize
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.audit import AuditEntry


class ListAuditEntries:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self, actor: Actor, limit: int, offset: int
    ) -> tuple[int, Sequence[AuditEntry]]:
        """How many entries there are, and these ones."""
        authorize(actor, Action.VIEW, Resource.AUDIT_ENTRY)
        async with self._uow as uow:
            return await uow.audit.page(limit, offset)
