"""The comments of synced media: added through Autopost, or replaced by what Instagram has."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from persistence_builders import NOW, Seed, UowFactory, remote_media
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.tables import comments as comments_table
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.instagram_media import Comment
from autopost.domain.user import User

pytestmark = pytest.mark.integration


def comment(media_pk: int, number: int, **fields: Any) -> Comment:
    return Comment(
        **{
            "media_id": media_pk,
            "comment_id": f"1800{number:08d}",
            "text": f"comment {number}",
            "timestamp": NOW + timedelta(minutes=number),
            "username": f"fan{number}",
            "like_count": 0,
            **fields,
        }
    )


async def media(seed: Seed, count: int = 1) -> list[int]:
    account = await seed.credential()
    return await seed.media(account, [remote_media(n) for n in range(count)])


async def replace(uow_factory: UowFactory, media_pk: int, comments: list[Comment]) -> None:
    async with uow_factory() as uow:
        await uow.comments.replace_synced(media_pk, comments)
        await uow.commit()


async def listed(uow_factory: UowFactory, media_pk: int) -> list[tuple[str, str]]:
    async with uow_factory() as uow:
        return [(c.comment_id, c.text) for c in await uow.comments.for_media(media_pk)]


async def user(uow_factory: UowFactory) -> int:
    author = User(
        username="ana",
        email="ana@example.com",
        password_hash="x",
        first_name="Ana",
        last_name="Lima",
        date_joined=NOW,
    )
    async with uow_factory() as uow:
        await uow.users.add(author)
        await uow.commit()
    assert author.id is not None
    return author.id


async def test_a_comment_added_reads_back_with_every_field(
    uow_factory: UowFactory, seed: Seed
) -> None:
    (media_pk,) = await media(seed)
    author = await user(uow_factory)
    written = comment(media_pk, 1, parent_id="180000000009", like_count=3, author_id=author)
    async with uow_factory() as uow:
        await uow.comments.add(written)
        await uow.commit()
    assert written.id is not None

    async with uow_factory() as uow:
        found = await uow.comments.get(written.id)
        assert await uow.comments.get(written.id + 1000) is None
    assert found is not None
    assert (found.media_id, found.comment_id, found.text) == (media_pk, "180000000001", "comment 1")
    assert (found.parent_id, found.username, found.like_count) == ("180000000009", "fan1", 3)
    assert (found.hidden, found.author_id, found.deleted_at) == (False, author, None)
    assert found.timestamp == NOW + timedelta(minutes=1)


async def test_adding_a_stored_comment_again_is_a_conflict(
    uow_factory: UowFactory, seed: Seed
) -> None:
    (media_pk,) = await media(seed)
    await replace(uow_factory, media_pk, [comment(media_pk, 1)])

    async with uow_factory() as uow:
        with pytest.raises(ConcurrentUpdate):
            await uow.comments.add(comment(media_pk, 1))


async def test_for_media_lists_the_medias_comments_oldest_first_deleted_ones_left_out(
    uow_factory: UowFactory, seed: Seed
) -> None:
    first, second = await media(seed, 2)
    tie = NOW + timedelta(minutes=5)
    await replace(
        uow_factory,
        first,
        [
            comment(first, 3),
            comment(first, 1, timestamp=tie),
            comment(first, 2, timestamp=tie, parent_id="180000000003"),
            comment(first, 4, timestamp=NOW),
        ],
    )
    await replace(uow_factory, second, [comment(second, 9)])
    await replace(uow_factory, first, [comment(first, 3), comment(first, 1, timestamp=tie)])

    # Equal times: the one stored first comes first.
    assert await listed(uow_factory, first) == [
        ("180000000003", "comment 3"),
        ("180000000001", "comment 1"),
    ]
    assert await listed(uow_factory, second) == [("180000000009", "comment 9")]


async def test_replace_synced_adds_updates_and_marks_deleted(
    uow_factory: UowFactory, engine: AsyncEngine, seed: Seed
) -> None:
    (media_pk,) = await media(seed)
    author = await user(uow_factory)
    async with uow_factory() as uow:
        mine = comment(media_pk, 1, author_id=author)
        await uow.comments.add(mine)
        await uow.commit()
    await replace(uow_factory, media_pk, [comment(media_pk, 1), comment(media_pk, 2)])

    edited = comment(media_pk, 1, text="edited", like_count=5, hidden=True, username="renamed")
    await replace(uow_factory, media_pk, [edited, comment(media_pk, 3)])

    assert await listed(uow_factory, media_pk) == [
        ("180000000001", "edited"),
        ("180000000003", "comment 3"),
    ]
    async with engine.connect() as connection:
        rows = await connection.execute(select(comments_table.c.id, comments_table.c.comment_id))
        ids = {comment_id: pk for pk, comment_id in rows}
    async with uow_factory() as uow:
        kept = await uow.comments.get(ids["180000000001"])
        gone_one = await uow.comments.get(ids["180000000002"])
        added = await uow.comments.get(ids["180000000003"])
    assert kept is not None and kept.id == mine.id
    assert (kept.like_count, kept.hidden, kept.username) == (5, True, "renamed")
    assert kept.author_id == author  # a sync does not forget who wrote it
    assert gone_one is not None and gone_one.deleted_at is not None
    assert added is not None and added.deleted_at is None and added.author_id is None


async def test_a_comment_deleted_and_found_again_is_restored(
    uow_factory: UowFactory, seed: Seed
) -> None:
    (media_pk,) = await media(seed)
    await replace(uow_factory, media_pk, [comment(media_pk, 1), comment(media_pk, 2)])
    await replace(uow_factory, media_pk, [comment(media_pk, 1)])
    await replace(uow_factory, media_pk, [comment(media_pk, 1), comment(media_pk, 2)])

    assert [c for c, _ in await listed(uow_factory, media_pk)] == ["180000000001", "180000000002"]


async def test_replacing_with_nothing_marks_every_comment_deleted(
    uow_factory: UowFactory, seed: Seed
) -> None:
    first, second = await media(seed, 2)
    await replace(uow_factory, first, [comment(first, 1), comment(first, 2)])
    await replace(uow_factory, second, [comment(second, 3)])

    await replace(uow_factory, first, [])

    assert await listed(uow_factory, first) == []
    assert await listed(uow_factory, second) == [("180000000003", "comment 3")]


async def test_replace_synced_takes_a_few_statements_however_many_comments(
    uow_factory: UowFactory, engine: AsyncEngine, seed: Seed
) -> None:
    (media_pk,) = await media(seed)
    await replace(uow_factory, media_pk, [comment(media_pk, n) for n in range(200)])
    sent: list[str] = []

    def record(*args: Any) -> None:
        sent.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        await replace(uow_factory, media_pk, [comment(media_pk, n) for n in range(100, 300)])
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)

    assert len([s for s in sent if not s.startswith(("BEGIN", "COMMIT"))]) == 3
    assert len(await listed(uow_factory, media_pk)) == 200


async def test_comments_of_another_media_are_refused(uow_factory: UowFactory, seed: Seed) -> None:
    (media_pk,) = await media(seed)
    async with uow_factory() as uow:
        with pytest.raises(ValueError, match="not of media"):
            await uow.comments.replace_synced(media_pk, [comment(media_pk + 1, 1)])


async def test_a_comment_given_twice_is_stored_once_the_first_winning(
    uow_factory: UowFactory, seed: Seed
) -> None:
    (media_pk,) = await media(seed)
    await replace(
        uow_factory, media_pk, [comment(media_pk, 1), comment(media_pk, 1, text="second")]
    )

    assert await listed(uow_factory, media_pk) == [("180000000001", "comment 1")]


async def test_deleting_the_account_deletes_its_medias_comments(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    (media_pk,) = await seed.media(account, [remote_media(1)])
    async with uow_factory() as uow:
        synced = comment(media_pk, 1)
        await uow.comments.add(synced)
        await uow.commit()
    assert synced.id is not None
    async with uow_factory() as uow:
        credential = await uow.credentials.get(account)
        assert credential is not None
        await uow.credentials.delete(credential)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.comments.get(synced.id) is None


async def test_comments_loaded_before_a_sync_read_back_with_its_changes(
    uow_factory: UowFactory, seed: Seed
) -> None:
    (media_pk,) = await media(seed)
    await replace(uow_factory, media_pk, [comment(media_pk, 1), comment(media_pk, 2)])
    async with uow_factory() as uow:
        first, second = await uow.comments.for_media(media_pk)
        await uow.comments.replace_synced(media_pk, [comment(media_pk, 1, text="edited")])

        assert [c.text for c in await uow.comments.for_media(media_pk)] == ["edited"]
        assert first.text == "edited"
        assert second.id is not None and await uow.comments.get(second.id) is second
        assert second.deleted_at is not None
