"""What a sync of an Instagram account writes: upserted media, deletions, links to posts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from persistence_builders import NOW, Seed, UowFactory, remote_media
from sqlalchemy import delete, event
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.tables import posts
from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.application.ports.media_repository import MediaFilter
from autopost.domain.instagram_media import InstagramMedia, MediaOrigin
from autopost.domain.publication import PublicationStatus

pytestmark = pytest.mark.integration

LATER = NOW + timedelta(hours=1)
LATEST = NOW + timedelta(hours=2)


async def upsert(
    uow_factory: UowFactory,
    credential_id: int,
    items: list[RemoteMedia],
    seen_at: Any = NOW,
    touch_all: bool = False,
) -> int:
    async with uow_factory() as uow:
        count = await uow.media.upsert_page(credential_id, items, seen_at, touch_all)
        await uow.commit()
    return count


async def mark_unseen_deleted(uow_factory: UowFactory, credential_id: int, seen_before: Any) -> int:
    async with uow_factory() as uow:
        count = await uow.media.mark_unseen_deleted(credential_id, seen_before)
        await uow.commit()
    return count


async def stored(uow_factory: UowFactory, credential_id: int) -> dict[str, InstagramMedia]:
    """The account's media by Instagram id, deleted ones included."""
    async with uow_factory() as uow:
        media = await uow.media.page(MediaFilter(credential_id, include_deleted=True), None, 1000)
    return {m.media_id: m for m in media}


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """The SQL sent to the database meanwhile, BEGIN included."""
    sent: list[str] = []

    def record(*args: Any) -> None:
        sent.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def test_a_stored_media_reads_back_with_every_field(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    children = ({"id": "1", "media_type": "IMAGE"}, {"id": "2", "media_type": "VIDEO"})
    item = remote_media(
        1,
        media_type="CAROUSEL_ALBUM",
        media_product_type="FEED",
        thumbnail_url="https://cdn.example.com/t.jpg",
        comments_count=4,
        children=children,
    )
    media_pk, _ = await seed.media(account, [item, remote_media(2)])

    async with uow_factory() as uow:
        media = await uow.media.get(media_pk)
        assert await uow.media.get(media_pk + 1000) is None
    assert media is not None
    assert (media.id, media.credential_id, media.media_id) == (media_pk, account, item.media_id)
    assert (media.media_type, media.media_product_type) == ("CAROUSEL_ALBUM", "FEED")
    assert (media.caption, media.media_url, media.permalink) == (
        item.caption,
        item.media_url,
        item.permalink,
    )
    assert media.thumbnail_url == "https://cdn.example.com/t.jpg"
    assert (media.like_count, media.comments_count) == (1, 4)
    assert media.children == [dict(child) for child in children]
    assert media.timestamp == item.timestamp and media.timestamp.tzinfo is not None
    assert media.synced_at == NOW and media.deleted_at is None and media.post_id is None
    assert media.origin is MediaOrigin.SYNCED
    # The sync's bookkeeping stays in the table.
    assert not hasattr(media, "fingerprint") and not hasattr(media, "last_seen_at")
    assert (await stored(uow_factory, account))[remote_media(2).media_id].children is None


async def test_upsert_counts_the_new_media_then_none_then_only_the_changed_one(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    page = [remote_media(n) for n in range(1, 6)]

    assert await upsert(uow_factory, account, page) == 5
    assert await upsert(uow_factory, account, page, seen_at=LATER) == 0
    page[2] = remote_media(3, caption="edited", like_count=99)
    assert await upsert(uow_factory, account, page, seen_at=LATEST) == 1

    media = await stored(uow_factory, account)
    assert len(media) == 5
    edited = media[page[2].media_id]
    assert (edited.caption, edited.like_count, edited.synced_at) == ("edited", 99, LATEST)
    assert {m.synced_at for m in media.values() if m is not edited} == {NOW}


async def test_upsert_writes_a_change_of_any_synced_field(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    await upsert(uow_factory, account, [remote_media(1)])
    changes: list[dict[str, Any]] = [
        {"media_url": "https://cdn.example.com/new.jpg"},
        {"comments_count": 7},
        {"children": ({"id": "9"},)},
        {"media_product_type": "REELS"},
        {"caption": None},
    ]
    fields: dict[str, Any] = {}
    for change in changes:
        fields |= change
        assert await upsert(uow_factory, account, [remote_media(1, **fields)]) == 1, change

    media = (await stored(uow_factory, account))[remote_media(1).media_id]
    assert (media.media_url, media.comments_count) == ("https://cdn.example.com/new.jpg", 7)
    assert (media.children, media.media_product_type) == ([{"id": "9"}], "REELS")
    assert media.caption is None


async def test_touch_all_marks_every_media_seen_but_counts_only_changes(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    page = [remote_media(n) for n in range(1, 4)]
    await upsert(uow_factory, account, page)

    page[0] = remote_media(1, like_count=50)
    assert await upsert(uow_factory, account, page, seen_at=LATER, touch_all=True) == 1
    # Seen at LATER, all three: none of them is gone.
    assert await mark_unseen_deleted(uow_factory, account, LATER) == 0
    media = await stored(uow_factory, account)
    assert media[page[0].media_id].synced_at == LATER
    assert {media[p.media_id].synced_at for p in page[1:]} == {NOW}

    # Without touch_all, unchanged media are not even marked seen.
    assert await upsert(uow_factory, account, page, seen_at=LATEST) == 0
    assert await mark_unseen_deleted(uow_factory, account, LATEST) == 3


async def test_touch_all_counts_new_media_among_known_ones(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    await upsert(uow_factory, account, [remote_media(1), remote_media(2)])
    page = [remote_media(n) for n in range(1, 5)]

    assert await upsert(uow_factory, account, page, seen_at=LATER, touch_all=True) == 2
    assert await upsert(uow_factory, account, page, seen_at=LATEST, touch_all=True) == 0


async def test_a_media_given_twice_in_a_page_is_stored_once(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    twice = [remote_media(1), remote_media(2), remote_media(1, caption="second")]

    assert await upsert(uow_factory, account, twice) == 2
    assert await upsert(uow_factory, account, twice, seen_at=LATER, touch_all=True) == 0
    assert (await stored(uow_factory, account))[remote_media(1).media_id].caption == "caption 1"


async def test_the_same_media_id_on_two_accounts_is_two_media(
    uow_factory: UowFactory, seed: Seed
) -> None:
    mine, theirs = await seed.credential(), await seed.credential()
    assert await upsert(uow_factory, mine, [remote_media(1)]) == 1
    assert await upsert(uow_factory, theirs, [remote_media(1, caption="theirs")]) == 1

    assert (await stored(uow_factory, mine))[remote_media(1).media_id].caption == "caption 1"
    assert (await stored(uow_factory, theirs))[remote_media(1).media_id].caption == "theirs"


async def test_an_empty_page_counts_zero_without_a_query(
    uow_factory: UowFactory, engine: AsyncEngine, seed: Seed
) -> None:
    account = await seed.credential()
    with statements(engine) as sent:
        assert await upsert(uow_factory, account, []) == 0
    assert [s for s in sent if not s.startswith(("BEGIN", "COMMIT"))] == []


async def test_a_page_of_100_media_is_one_statement(
    uow_factory: UowFactory, engine: AsyncEngine, seed: Seed
) -> None:
    account = await seed.credential()
    page = [remote_media(n) for n in range(100)]
    async with uow_factory() as uow:
        with statements(engine) as sent:
            assert await uow.media.upsert_page(account, page, NOW, touch_all=True) == 100
        await uow.commit()

    assert len([s for s in sent if not s.startswith("BEGIN")]) == 1
    assert len(await stored(uow_factory, account)) == 100


async def test_a_call_of_more_media_than_one_statement_holds_stores_and_counts_them_all(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    many = [remote_media(n) for n in range(2500)]

    assert await upsert(uow_factory, account, many) == 2500
    many[1234] = remote_media(1234, caption="edited")
    assert await upsert(uow_factory, account, many, seen_at=LATER, touch_all=True) == 1
    assert await mark_unseen_deleted(uow_factory, account, LATER) == 0


async def test_a_deleted_media_found_again_is_restored_and_counted(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    await upsert(uow_factory, account, [remote_media(1), remote_media(2)])
    await upsert(uow_factory, account, [remote_media(1)], seen_at=LATER, touch_all=True)
    assert await mark_unseen_deleted(uow_factory, account, LATER) == 1

    # Unchanged, yet it counts: it was deleted.
    assert await upsert(uow_factory, account, [remote_media(2)], seen_at=LATEST) == 1
    media = (await stored(uow_factory, account))[remote_media(2).media_id]
    assert media.deleted_at is None and media.synced_at == LATEST


async def test_mark_unseen_deleted_marks_the_accounts_unseen_media_once(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account, other = await seed.credential(), await seed.credential()
    await upsert(uow_factory, account, [remote_media(n) for n in range(1, 4)])
    await upsert(uow_factory, other, [remote_media(9)])
    await upsert(uow_factory, account, [remote_media(1), remote_media(2)], LATER, touch_all=True)

    assert await mark_unseen_deleted(uow_factory, account, LATER) == 1
    assert await mark_unseen_deleted(uow_factory, account, LATER) == 0

    media = await stored(uow_factory, account)
    assert media[remote_media(3).media_id].deleted_at == LATER
    assert media[remote_media(1).media_id].deleted_at is None
    assert (await stored(uow_factory, other))[remote_media(9).media_id].deleted_at is None
    async with uow_factory() as uow:
        listed = await uow.media.page(MediaFilter(account), None, 10)
    assert {m.media_id for m in listed} == {remote_media(1).media_id, remote_media(2).media_id}


async def test_a_deleted_media_keeps_its_first_deletion_time(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    await upsert(uow_factory, account, [remote_media(1)])
    await mark_unseen_deleted(uow_factory, account, LATER)

    assert await mark_unseen_deleted(uow_factory, account, LATEST) == 0
    assert (await stored(uow_factory, account))[remote_media(1).media_id].deleted_at == LATER


async def test_link_published_links_the_accounts_media_to_the_posts_that_published_them(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account, other = await seed.credential(), await seed.credential()
    post = await seed.post()
    await seed.publication(
        post_id=post,
        credential_id=account,
        remote_id=remote_media(2).media_id,
        status=PublicationStatus.PUBLISHED,
    )
    # The same media id published through another account is another media.
    await seed.publication(credential_id=other, remote_id=remote_media(1).media_id)
    await seed.publication(credential_id=account)  # not published: no remote_id
    await upsert(uow_factory, account, [remote_media(n) for n in range(1, 4)])
    await upsert(uow_factory, other, [remote_media(2)])

    async with uow_factory() as uow:
        assert await uow.media.link_published(account) == 1
        assert await uow.media.link_published(account) == 0
        await uow.commit()

    media = await stored(uow_factory, account)
    assert media[remote_media(2).media_id].post_id == post
    assert media[remote_media(2).media_id].origin is MediaOrigin.PUBLISHED
    assert {media[remote_media(n).media_id].post_id for n in (1, 3)} == {None}
    assert (await stored(uow_factory, other))[remote_media(2).media_id].post_id is None


async def test_a_sync_leaves_the_link_to_the_post_alone(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    post = await seed.post()
    await seed.publication(post_id=post, credential_id=account, remote_id=remote_media(1).media_id)
    await upsert(uow_factory, account, [remote_media(1)])
    async with uow_factory() as uow:
        await uow.media.link_published(account)
        await uow.commit()

    changed = remote_media(1, caption="edited on Instagram")
    assert await upsert(uow_factory, account, [changed], LATER, touch_all=True) == 1
    assert (await stored(uow_factory, account))[changed.media_id].post_id == post


async def test_deleting_the_post_unlinks_its_media_and_deleting_the_account_drops_them(
    uow_factory: UowFactory, engine: AsyncEngine, seed: Seed
) -> None:
    account = await seed.credential()
    post = await seed.post()
    await seed.publication(post_id=post, credential_id=account, remote_id=remote_media(1).media_id)
    (media_pk,) = await seed.media(account, [remote_media(1)])
    async with uow_factory() as uow:
        await uow.media.link_published(account)
        await uow.commit()

    async with engine.begin() as connection:  # no port deletes posts yet
        await connection.execute(delete(posts).where(posts.c.id == post))
    async with uow_factory() as uow:
        media = await uow.media.get(media_pk)
        assert media is not None and media.post_id is None
        credential = await uow.credentials.get(account)
        assert credential is not None
        await uow.credentials.delete(credential)
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.media.get(media_pk) is None


async def test_media_loaded_before_a_sync_read_back_with_its_changes(
    uow_factory: UowFactory, seed: Seed
) -> None:
    account = await seed.credential()
    (media_pk,) = await seed.media(account, [remote_media(1)])
    async with uow_factory() as uow:
        loaded = await uow.media.get(media_pk)
        await uow.media.upsert_page(account, [remote_media(1, caption="new")], LATER, False)
        await uow.media.mark_unseen_deleted(account, LATEST)

        again = await uow.media.get(media_pk)
        assert again is loaded and loaded is not None
        assert (loaded.caption, loaded.deleted_at) == ("new", LATEST)
        await uow.media.upsert_page(account, [remote_media(1, caption="newer")], LATEST, False)
        [listed] = await uow.media.page(MediaFilter(account), None, 10)
        assert listed is loaded and (loaded.caption, loaded.deleted_at) == ("newer", None)
