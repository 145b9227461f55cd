"""The media listing: newest first, filtered, in pages that a cursor continues exactly."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from persistence_builders import NOW, Seed, UowFactory, remote_media
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.application.ports.media_repository import MediaCursor, MediaFilter
from autopost.domain.instagram_media import InstagramMedia, MediaOrigin

pytestmark = pytest.mark.integration


def cursor(media: InstagramMedia) -> MediaCursor:
    assert media.id is not None
    return MediaCursor(media.timestamp, media.id)


async def page(
    uow_factory: UowFactory, filters: MediaFilter, after: MediaCursor | None = None, limit: int = 50
) -> list[InstagramMedia]:
    async with uow_factory() as uow:
        return list(await uow.media.page(filters, after, limit))


async def every_page(uow_factory: UowFactory, filters: MediaFilter, limit: int) -> list[int | None]:
    """The ids of every page, read one page after another."""
    ids: list[int | None] = []
    after = None
    while batch := await page(uow_factory, filters, after, limit):
        assert len(batch) <= limit
        ids += [m.id for m in batch]
        after = cursor(batch[-1])
    return ids


async def test_pages_are_newest_first_with_ties_broken_by_the_newer_id(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    same_time = remote_media(5).timestamp
    a, b, older, c, newest, d = await seed.media(
        account,
        [
            remote_media(1, timestamp=same_time),
            remote_media(2, timestamp=same_time),
            remote_media(3),
            remote_media(4, timestamp=same_time),
            remote_media(6),
            remote_media(7, timestamp=same_time),
        ],
    )
    expected = [newest, d, c, b, a, older]

    assert [m.id for m in await page(uow_factory, MediaFilter(account))] == expected
    # Pages of two end in the middle of the tie, pages of four inside it.
    assert await every_page(uow_factory, MediaFilter(account), limit=2) == expected
    assert await every_page(uow_factory, MediaFilter(account), limit=4) == expected
    assert await every_page(uow_factory, MediaFilter(account), limit=1) == expected


async def test_media_added_between_pages_do_not_shift_the_next_page(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    ids = await seed.media(account, [remote_media(n) for n in range(1, 8)])
    first = await page(uow_factory, MediaFilter(account), limit=3)

    # Newer media, and one as old as the end of the first page: none of them belongs after it.
    await seed.media(
        account,
        [remote_media(20), remote_media(21), remote_media(30, timestamp=first[-1].timestamp)],
    )
    rest = await every_page_after(uow_factory, MediaFilter(account), cursor(first[-1]))

    assert [m.id for m in first] + rest == ids[::-1]


async def every_page_after(
    uow_factory: UowFactory, filters: MediaFilter, after: MediaCursor
) -> list[int | None]:
    ids: list[int | None] = []
    while batch := await page(uow_factory, filters, after, 2):
        ids += [m.id for m in batch]
        after = cursor(batch[-1])
    return ids


async def test_filters_narrow_the_listing(uow_factory: UowFactory, seed: Seed) -> None:
    account, other = await seed.credential(), await seed.credential()
    post = await seed.post()
    items = [remote_media(1), remote_media(2, media_type="VIDEO"), remote_media(3), remote_media(4)]
    image, video, published, gone = await seed.media(account, items)
    (theirs,) = await seed.media(other, [remote_media(5)])
    await seed.publication(post_id=post, credential_id=account, remote_id=remote_media(3).media_id)
    async with uow_factory() as uow:
        await uow.media.link_published(account)
        later = NOW + timedelta(hours=1)
        await uow.media.upsert_page(account, items[:3], later, touch_all=True)
        await uow.media.mark_unseen_deleted(account, later)
        await uow.commit()

    async def ids(**filters: Any) -> list[int | None]:
        return [m.id for m in await page(uow_factory, MediaFilter(**filters))]

    assert await ids() == [theirs, published, video, image]
    assert await ids(credential_id=account) == [published, video, image]
    assert await ids(credential_id=account, include_deleted=True) == [
        gone,
        published,
        video,
        image,
    ]
    assert await ids(media_type="VIDEO") == [video]
    assert await ids(credential_id=account, origin=MediaOrigin.PUBLISHED) == [published]
    assert await ids(credential_id=account, origin=MediaOrigin.SYNCED) == [video, image]
    # ``since`` inclusive, ``until`` exclusive.
    since, until = remote_media(2).timestamp, remote_media(3).timestamp
    assert await ids(credential_id=account, since=since) == [published, video]
    assert await ids(credential_id=account, until=until) == [video, image]
    assert await ids(credential_id=account, since=since, until=until) == [video]


async def test_a_page_of_fewer_than_one_media_is_refused(
    uow_factory: UowFactory, seed: Seed
) -> None:
    with pytest.raises(ValueError, match="at least one"):
        await page(uow_factory, MediaFilter(), limit=0)


# The index-use check: the very statement the repository runs, explained by the database.


async def explained(engine: AsyncEngine, uow_factory: UowFactory, filters: MediaFilter) -> Any:
    """The plan of a deep page: the 20 media after the 1,500th newest."""
    async with uow_factory() as uow:
        deep = (await uow.media.page(filters, None, 1500))[-1]
    sent: list[tuple[str, Any]] = []

    def record(*args: Any) -> None:
        if "FROM instagram_media" in args[2]:
            sent.append((args[2], args[3]))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        assert len(await page(uow_factory, filters, cursor(deep), limit=20)) == 20
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    [(statement, parameters)] = sent
    async with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            plan = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            return [row[-1] for row in plan]
        plan = await connection.exec_driver_sql(
            f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}", parameters
        )
        found = plan.scalar_one()
        return (json.loads(found) if isinstance(found, str) else found)[0]["Plan"]


@pytest.mark.parametrize(
    ("of_account", "index"),
    [
        (True, "ix_instagram_media_credential_id_timestamp_id"),
        (False, "ix_instagram_media_timestamp_id"),
    ],
)
async def test_a_deep_page_seeks_the_index_to_the_cursor_instead_of_scanning_to_it(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed, of_account: bool, index: str
) -> None:
    account, other = await seed.credential(), await seed.credential()
    for start in range(0, 2000, 100):
        await seed.media(account, [remote_media(n) for n in range(start, start + 100)])
        await seed.media(other, [remote_media(n) for n in range(start, start + 100)])
    async with engine.begin() as connection:
        await connection.execute(text("ANALYZE"))

    plan = await explained(engine, uow_factory, MediaFilter(account if of_account else None))

    if engine.dialect.name == "sqlite":
        # One SEARCH that starts at the cursor (timestamp<?) in index order: no sort, no scan.
        [step] = plan
        assert step.startswith(f"SEARCH instagram_media USING INDEX {index} (")
        assert "timestamp<?" in step
        return
    # PostgreSQL: a backward scan of a keyset index whose condition holds the cursor, reading
    # about the page's rows (the planner may pick either index and filter by account).
    assert plan["Node Type"] == "Limit"
    [scan] = plan["Plans"]
    assert scan["Node Type"] == "Index Scan" and scan["Scan Direction"] == "Backward"
    assert scan["Index Name"] in {index, "ix_instagram_media_timestamp_id"}
    assert "ROW(" in scan.get("Index Cond", "")
    assert scan["Actual Rows"] == 20
    assert scan.get("Rows Removed by Filter", 0) <= 40
