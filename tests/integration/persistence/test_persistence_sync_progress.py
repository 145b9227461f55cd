"""Where an account's media sync stopped part way: kept with the page that got there."""

from __future__ import annotations

from datetime import timedelta

import pytest
from persistence_builders import NOW, Seed, UowFactory, remote_media

from autopost.application.ports.media_repository import MediaFilter
from autopost.application.ports.sync_progress_repository import SyncProgress

pytestmark = pytest.mark.integration


async def progress_of(uow_factory: UowFactory, credential_id: int) -> SyncProgress | None:
    async with uow_factory() as uow:
        return await uow.sync_progress.get(credential_id)


async def test_progress_reads_back_and_a_later_one_replaces_it(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    first = SyncProgress(account, "QVFIU-first", full=True, started_at=NOW)
    later = SyncProgress(
        account, "QVFIU-" + "x" * 500, full=False, started_at=NOW + timedelta(days=1)
    )
    for progress in (first, later):
        async with uow_factory() as uow:
            await uow.sync_progress.save(progress)
            await uow.commit()
        assert await progress_of(uow_factory, account) == progress


async def test_progress_is_per_account_and_forgotten_when_the_pass_ends(
    uow_factory: UowFactory, seed: Seed
) -> None:
    one, other = await seed.credential(), await seed.credential()
    async with uow_factory() as uow:
        await uow.sync_progress.save(SyncProgress(one, "A", False, NOW))
        await uow.sync_progress.save(SyncProgress(other, "B", False, NOW))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.sync_progress.forget(one)
        await uow.commit()
    assert await progress_of(uow_factory, one) is None
    assert await progress_of(uow_factory, other) == SyncProgress(other, "B", False, NOW)


async def test_a_page_and_its_cursor_are_kept_together_or_not_at_all(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    async with uow_factory() as uow:
        await uow.media.upsert_page(account, [remote_media(1)], NOW, touch_all=False)
        await uow.sync_progress.save(SyncProgress(account, "after-1", False, NOW))
        # left without a commit: the process died
    assert await progress_of(uow_factory, account) is None
    async with uow_factory() as uow:
        assert await uow.media.page(MediaFilter(account), None, 10) == []
