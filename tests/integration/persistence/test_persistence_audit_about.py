"""The audit log's entries about one record, oldest first: what a post's page shows as its
timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from persistence_builders import NOW, UowFactory

from autopost.domain.audit import AuditEntry

pytestmark = pytest.mark.integration


async def test_the_entries_about_one_record_oldest_first(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        for minutes, action, resource, resource_id in (
            (2, "cancelled", "post", "7"),
            (0, "scheduled", "post", "7"),
            (1, "changed", "post", "8"),
            (1, "changed", "credential", "7"),
            (1, "changed", "post", "7"),
        ):
            await uow.audit.add(
                AuditEntry(NOW + timedelta(minutes=minutes), action, resource, resource_id)
            )
        await uow.commit()
    async with uow_factory() as uow:
        entries = await uow.audit.about("post", "7")
    assert [e.action for e in entries] == ["scheduled", "changed", "cancelled"]
