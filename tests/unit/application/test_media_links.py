"""A post's library references made signed links when it is published."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from autopost.application.library.links import MediaLinkPolicy, MediaLinks
from autopost.application.library.signed_files import OpenSignedFile
from autopost.domain.errors import NotFound
from autopost.domain.instagram_content import InstagramContent
from autopost.domain.library import LibraryItem, MediaFormat
from autopost.domain.media import ContentType
from autopost.domain.media_links import link_key, link_opens
from autopost.domain.pin_content import PinContent
from tests.fake_library import FakeMediaStorage
from tests.fakes import FakeClock, InMemoryUnitOfWork, Store

KEY = link_key("test-secret-key")
POLICY = MediaLinkPolicy("https://autopost.example/", timedelta(hours=2), KEY)


async def stored(store: Store, clock: FakeClock, media_format: MediaFormat) -> LibraryItem:
    item = LibraryItem(
        media_format=media_format,
        size=3,
        filename="x",
        storage_key=f"{'ab' * 16}{media_format.suffix}",
        uploaded_at=clock.now(),
    )
    async with InMemoryUnitOfWork(store) as uow:
        await uow.library.add(item)
        await uow.commit()
    return item


def opens(link: str, clock: FakeClock, item_id: int) -> bool:
    query = parse_qs(urlsplit(link).query)
    return link_opens(KEY, item_id, int(query["expires"][0]), query["signature"][0], clock.now())


async def test_a_reel_and_its_cover_get_signed_links_with_their_kind_in_the_path() -> None:
    store, clock = Store(), FakeClock()
    video = await stored(store, clock, MediaFormat.MP4)
    cover = await stored(store, clock, MediaFormat.JPEG)
    content = InstagramContent(
        content_type=ContentType.REEL, url=f"library:{video.id}", cover_url=f"library:{cover.id}"
    )
    resolved = await MediaLinks(InMemoryUnitOfWork(store), clock, POLICY).resolved(content)
    assert resolved.url is not None and resolved.cover_url is not None
    assert resolved.url.startswith(f"https://autopost.example/media-files/{video.id}.mp4?")
    assert resolved.cover_url.startswith(f"https://autopost.example/media-files/{cover.id}.jpg?")
    assert opens(resolved.url, clock, video.id or 0)
    clock.advance(timedelta(hours=2))
    assert not opens(resolved.url, clock, video.id or 0)


async def test_a_carousel_s_library_items_are_linked_and_its_urls_kept() -> None:
    store, clock = Store(), FakeClock()
    video = await stored(store, clock, MediaFormat.MOV)
    content = InstagramContent(
        content_type=ContentType.CAROUSEL,
        children=[{"url": "https://cdn.example.com/a.jpg"}, {"url": f"library:{video.id}"}],
    ).with_media_kinds()
    resolved = await MediaLinks(InMemoryUnitOfWork(store), clock, POLICY).resolved(content)
    first, second = resolved.carousel_items()
    assert first.url == "https://cdn.example.com/a.jpg"
    assert second.url.startswith(f"https://autopost.example/media-files/{video.id}.mov?")
    # Its kind comes from the file it links to, not from a guess made when it was scheduled.
    assert second.kind.value == "video"


async def test_a_pin_s_library_image_is_linked() -> None:
    store, clock = Store(), FakeClock()
    image = await stored(store, clock, MediaFormat.PNG)
    resolved = await MediaLinks(InMemoryUnitOfWork(store), clock, POLICY).resolved(
        PinContent(url=f"library:{image.id}")
    )
    assert resolved.url is not None and opens(resolved.url, clock, image.id or 0)


async def test_a_reference_to_a_file_that_is_gone_is_left_for_the_platform_to_refuse() -> None:
    content = PinContent(url="library:99")
    resolved = await MediaLinks(InMemoryUnitOfWork(Store()), FakeClock(), POLICY).resolved(content)
    assert resolved.url == "library:99"


async def test_a_signed_link_opens_the_file_and_a_wrong_one_nothing() -> None:
    store, clock, storage = Store(), FakeClock(), FakeMediaStorage()
    item = await stored(store, clock, MediaFormat.JPEG)
    storage.files[item.storage_key] = b"\xff\xd8\xff"
    link = MediaLinks(InMemoryUnitOfWork(store), clock, POLICY).link(item)
    query = parse_qs(urlsplit(link).query)
    expires, signature = int(query["expires"][0]), query["signature"][0]
    opener = OpenSignedFile(InMemoryUnitOfWork(store), storage, clock, KEY)
    opened = await opener.execute(item.id or 0, ".jpg", expires, signature)
    assert b"".join([c async for c in opened.chunks]) == b"\xff\xd8\xff"
    for wrong in [
        (item.id or 0, ".jpg", expires, signature[::-1]),
        (item.id or 0, ".png", expires, signature),  # the path must name its own format
        (item.id or 0, ".jpg", expires + 1, signature),
    ]:
        with pytest.raises(NotFound):
            await opener.execute(*wrong)
    clock.advance(timedelta(hours=3))
    with pytest.raises(NotFound):
        await opener.execute(item.id or 0, ".jpg", expires, signature)
