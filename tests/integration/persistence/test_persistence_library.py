"""The media library's records on SQLite and PostgreSQL: listed newest first, and found in
use by the posts still to be published that name them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from persistence_builders import NOW, Seed, UowFactory

from autopost.domain.library import LibraryItem, MediaFormat
from autopost.domain.media import ContentType
from autopost.domain.pin_content import PinContent
from autopost.domain.post import Post
from autopost.domain.publication import HELD, PublicationStatus

pytestmark = pytest.mark.integration


async def stored(uow_factory: UowFactory, minutes: int = 0) -> LibraryItem:
    item = LibraryItem(
        media_format=MediaFormat.MP4,
        size=3 * 1024**3,  # past 32 bits: a video may be large
        filename="clip.mp4",
        storage_key=f"{minutes:032x}.mp4",
        uploaded_at=NOW + timedelta(minutes=minutes),
    )
    async with uow_factory() as uow:
        await uow.library.add(item)
        await uow.commit()
    return item


async def test_items_are_kept_and_listed_newest_first(uow_factory: UowFactory) -> None:
    older = await stored(uow_factory, 1)
    newer = await stored(uow_factory, 2)
    async with uow_factory() as uow:
        assert await uow.library.count() == 2
        listed = await uow.library.newest(10, 0)
        assert [i.id for i in listed] == [newer.id, older.id]
        assert listed[0].media_format is MediaFormat.MP4
        assert listed[0].size == 3 * 1024**3
        assert listed[0].uploaded_at == NOW + timedelta(minutes=2)
        assert [i.id for i in await uow.library.newest(1, 1)] == [older.id]


async def test_a_removed_item_is_gone(uow_factory: UowFactory) -> None:
    item = await stored(uow_factory)
    async with uow_factory() as uow:
        found = await uow.library.get(item.id or 0)
        assert found is not None
        await uow.library.remove(found)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.library.get(item.id or 0) is None


@pytest.mark.parametrize("status", [PublicationStatus.SCHEDULED, *sorted(HELD)])
async def test_a_post_still_to_publish_uses_the_item_it_names(
    uow_factory: UowFactory, seed: Seed, status: PublicationStatus
) -> None:
    item = await stored(uow_factory)
    named = f"library:{item.id}"
    by_url = await seed.post(url=named)
    by_cover = await seed.post(url="https://cdn.example.com/v.mp4", cover_url=named)
    for post_id in (by_url, by_cover):
        await seed.publication(post_id=post_id, status=status)
    async with uow_factory() as uow:
        assert await uow.library.posts_using(item.id or 0) == sorted([by_url, by_cover])


async def test_a_carousel_item_names_it_and_a_longer_id_does_not(
    uow_factory: UowFactory, seed: Seed
) -> None:
    item = await stored(uow_factory)
    children = [{"url": "https://cdn.example.com/a.jpg"}, {"url": f"library:{item.id}"}]
    carousel = await seed.post(content_type="Carousel", url=None, children=children)
    await seed.publication(post_id=carousel)
    other = await seed.post(url=f"library:{item.id}0")
    await seed.publication(post_id=other)
    async with uow_factory() as uow:
        assert await uow.library.posts_using(item.id or 0) == [carousel]


@pytest.mark.parametrize(
    "status",
    [PublicationStatus.PUBLISHED, PublicationStatus.CANCELLED, PublicationStatus.FAILED],
)
async def test_a_post_that_is_done_no_longer_uses_it(
    uow_factory: UowFactory, seed: Seed, status: PublicationStatus
) -> None:
    item = await stored(uow_factory)
    await seed.publication(post_id=await seed.post(url=f"library:{item.id}"), status=status)
    async with uow_factory() as uow:
        assert await uow.library.posts_using(item.id or 0) == []


async def test_a_video_pin_keeps_its_library_video_and_cover(uow_factory: UowFactory) -> None:
    content = PinContent(content_type=ContentType.VIDEO, url="library:3", cover_url="library:4")
    post = Post(content=content, created_at=NOW)
    async with uow_factory() as uow:
        await uow.posts.add(post)
        await uow.commit()
    async with uow_factory() as uow:
        found = await uow.posts.get(post.id or 0)
        assert found is not None
        assert found.content == content
