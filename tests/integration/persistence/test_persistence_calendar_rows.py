"""The calendar's query: publications due in a span, each with its post and account, in one
statement; filtered by account, platform and status; and the latest failed ones."""

from __future__ import annotations

from datetime import timedelta

import pytest
from persistence_builders import NOW, Seed, UowFactory
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.domain.platform import Platform
from autopost.domain.publication import PublicationStatus

pytestmark = pytest.mark.integration

HOUR = timedelta(hours=1)


async def test_the_span_holds_its_start_not_its_end_and_drafts_without_a_time_never(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential(username="shop")
    post = await seed.post(caption="Spring is here")
    at_start = await seed.publication(post_id=post, credential_id=account, publish_at=NOW)
    inside = await seed.publication(credential_id=account, publish_at=NOW + HOUR)
    await seed.publication(credential_id=account, publish_at=NOW + 2 * HOUR)  # the end
    await seed.publication(credential_id=account, publish_at=NOW - HOUR)
    await seed.publication(
        credential_id=account, publish_at=None, next_run_at=NOW, status=PublicationStatus.DRAFT
    )
    async with uow_factory() as uow:
        rows = await uow.publications.rows_between(NOW, NOW + 2 * HOUR)
    assert [row.publication_id for row in rows] == [at_start, inside]
    first = rows[0]
    assert (first.post_id, first.credential_id, first.text) == (post, account, "Spring is here")
    assert (first.status, first.publish_at) == (PublicationStatus.SCHEDULED, NOW)


async def test_the_rows_are_read_in_one_statement(
    uow_factory: UowFactory, seed: Seed, engine: AsyncEngine
) -> None:
    for minutes in range(12):
        await seed.publication(publish_at=NOW + timedelta(minutes=minutes))
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        async with uow_factory() as uow:
            rows = await uow.publications.rows_between(NOW, NOW + HOUR)
            assert len(rows) == 12
            assert all(row.text == "" for row in rows), "the posts have no caption"
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1, selects


async def test_filters_by_account_platform_and_status(uow_factory: UowFactory, seed: Seed) -> None:
    shop = await seed.credential()
    pins = await seed.credential(platform="pinterest", account_id="pins")
    on_shop = await seed.publication(credential_id=shop, publish_at=NOW)
    failed = await seed.publication(
        credential_id=shop, publish_at=NOW + HOUR, status=PublicationStatus.FAILED
    )
    pin = await seed.publication(credential_id=pins, platform="pinterest", publish_at=NOW)
    async with uow_factory() as uow:
        by_account = await uow.publications.rows_between(NOW, NOW + 3 * HOUR, credential_ids=[pins])
        by_platform = await uow.publications.rows_between(
            NOW, NOW + 3 * HOUR, platforms=[Platform.INSTAGRAM]
        )
        by_status = await uow.publications.rows_between(
            NOW, NOW + 3 * HOUR, statuses=[PublicationStatus.SCHEDULED]
        )
    assert [r.publication_id for r in by_account] == [pin]
    assert [r.publication_id for r in by_platform] == [on_shop, failed]
    assert sorted(r.publication_id for r in by_status) == sorted([on_shop, pin])


async def test_the_latest_failed_come_first(uow_factory: UowFactory, seed: Seed) -> None:
    older = await seed.publication(status=PublicationStatus.FAILED, error="Media URL not found")
    await seed.publication()
    newer = await seed.publication(
        status=PublicationStatus.FAILED, updated_at=NOW + HOUR, error="Token expired"
    )
    async with uow_factory() as uow:
        rows = await uow.publications.latest_failed(10)
        only_one = await uow.publications.latest_failed(1)
    assert [r.publication_id for r in rows] == [newer, older]
    assert rows[0].error == "Token expired"
    assert [r.publication_id for r in only_one] == [newer]
