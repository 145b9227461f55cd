"""Uploading, listing and deleting the library's media, against in-memory fakes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from autopost.application.access import Actor
from autopost.application.library.browsing import BrowseLibrary
from autopost.application.library.delete import DeleteLibraryItem
from autopost.application.library.links import MediaLinkPolicy, MediaLinks
from autopost.application.library.listing import GetLibraryItem, ListLibrary
from autopost.application.library.upload import Upload, UploadMedia
from autopost.domain.access import Role
from autopost.domain.errors import NotFound, PermissionDenied, ValidationFailed
from autopost.domain.instagram_content import InstagramContent
from autopost.domain.library import IMAGE_MAX_BYTES, MediaFormat, MediaInUse
from autopost.domain.media import ContentType
from autopost.domain.post import Post
from autopost.domain.publication import PublicationStatus, ScheduledPublication
from autopost.domain.user import User
from tests.fake_library import FakeMediaStorage
from tests.fakes import FakeClock, InMemoryUnitOfWork, Store

PUBLISHER = Actor.of(8, {Role.PUBLISHERS}, False, "paula")
OBSERVER = Actor.of(10, {Role.OBSERVERS}, False, "otto")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00"
NOW = datetime(2030, 1, 1, tzinfo=UTC)


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


class Library:
    def __init__(self, max_bytes: int = 10 * IMAGE_MAX_BYTES) -> None:
        self.store = Store()
        self.storage = FakeMediaStorage()
        self.clock = FakeClock()
        self.max_bytes = max_bytes

    def uow(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.store)

    async def upload(self, *parts: bytes, declared: str = "", actor: Actor = PUBLISHER):
        use_case = UploadMedia(self.uow(), self.storage, self.clock, self.max_bytes)
        return await use_case.execute(actor, Upload("cat.jpg", declared, chunks(*parts)))

    async def delete(self, item_id: int, actor: Actor = PUBLISHER) -> None:
        await DeleteLibraryItem(self.uow(), self.storage, self.clock).execute(actor, item_id)


async def test_an_uploaded_image_is_kept_with_its_format_and_size() -> None:
    library = Library()
    # The first chunk alone is too short to tell the format: the next is waited for.
    item = await library.upload(JPEG[:2], JPEG[2:], b"rest", declared="image/jpeg")
    assert item.media_format is MediaFormat.JPEG
    assert item.size == len(JPEG) + 4
    assert library.storage.files[item.storage_key] == JPEG + b"rest"
    found = await GetLibraryItem(library.uow()).execute(OBSERVER, item.id or 0)
    assert found.filename == "cat.jpg"
    assert found.uploaded_by == PUBLISHER.user_id


async def test_a_file_that_is_not_media_keeps_nothing() -> None:
    library = Library()
    with pytest.raises(ValidationFailed):
        await library.upload(b"#!/bin/sh\nrm -rf /\n", declared="image/jpeg")
    assert library.storage.files == {}
    assert (await ListLibrary(library.uow()).execute(OBSERVER, 10, 0)).count == 0


async def test_an_image_over_the_limit_is_refused_and_nothing_is_kept() -> None:
    library = Library(max_bytes=100)
    with pytest.raises(ValidationFailed) as refused:
        await library.upload(JPEG, b"x" * 100)
    assert "at most 100 bytes" in refused.value.errors["file"][0]
    assert library.storage.files == {}


async def test_observers_may_look_but_not_upload_or_delete() -> None:
    library = Library()
    with pytest.raises(PermissionDenied):
        await library.upload(JPEG, actor=OBSERVER)
    item = await library.upload(JPEG)
    with pytest.raises(PermissionDenied):
        await library.delete(item.id or 0, actor=OBSERVER)


async def test_the_library_lists_newest_first_in_pages() -> None:
    library = Library()
    first = await library.upload(JPEG)
    library.clock.advance(timedelta(minutes=1))
    second = await library.upload(MP4)
    page = await ListLibrary(library.uow()).execute(OBSERVER, 1, 0)
    assert page.count == 2
    assert [i.id for i in page.items] == [second.id]
    assert [i.id for i in (await ListLibrary(library.uow()).execute(OBSERVER, 1, 1)).items] == [
        first.id
    ]


async def test_deleting_removes_the_record_and_the_file() -> None:
    library = Library()
    item = await library.upload(JPEG)
    await library.delete(item.id or 0)
    assert library.storage.files == {}
    with pytest.raises(NotFound):
        await GetLibraryItem(library.uow()).execute(OBSERVER, item.id or 0)


async def _post_using(library: Library, address: str, status: PublicationStatus) -> int:
    async with library.uow() as uow:
        content = InstagramContent(content_type=ContentType.PHOTO, url=address, caption="hi")
        post = Post(content=content, created_at=library.clock.now())
        await uow.posts.add(post)
        at = library.clock.now() + timedelta(hours=1)
        publication = ScheduledPublication(
            post_id=post.id or 0,
            credential_id=1,
            platform=post.platform,
            publish_at=at,
            next_run_at=at,
            created_at=library.clock.now(),
            status=status,
        )
        await uow.publications.add(publication)
        await uow.commit()
        return post.id or 0


async def test_media_a_scheduled_post_uses_cannot_be_deleted() -> None:
    library = Library()
    item = await library.upload(JPEG)
    post_id = await _post_using(library, f"library:{item.id}", PublicationStatus.SCHEDULED)
    with pytest.raises(MediaInUse) as refused:
        await library.delete(item.id or 0)
    assert refused.value.post_ids == [post_id]
    assert item.storage_key in library.storage.files


async def test_media_only_published_posts_used_can_be_deleted() -> None:
    library = Library()
    item = await library.upload(JPEG)
    await _post_using(library, f"library:{item.id}", PublicationStatus.PUBLISHED)
    await library.delete(item.id or 0)
    assert library.storage.files == {}


async def test_a_post_naming_a_file_the_library_has_not_is_refused() -> None:
    from tests.harness import Harness

    world = Harness()
    await world.connect_instagram("17841400000000001")
    with pytest.raises(ValidationFailed) as refused:
        await world.schedule(token=None, url="library:404")
    assert refused.value.errors == {"url": ["The media library has no file 404."]}
    item = await world.upload("cat.jpg", JPEG, "image/jpeg")
    view = await world.schedule(token=None, url=f"library:{item.id}")
    with pytest.raises(ValidationFailed) as changed:
        await world.edit(view.post.id or 0, url="library:406")
    assert changed.value.errors == {"url": ["The media library has no file 406."]}
    # An edit that leaves the media alone is not asked about it.
    await world.edit(view.post.id or 0, caption="new words")


async def test_the_library_page_shows_uploader_posts_using_and_an_images_signed_path() -> None:
    library = Library()
    async with library.uow() as uow:
        paula = User(username="paula", email="p@example.com", password_hash="-", date_joined=NOW)
        await uow.users.add(paula)
        await uow.commit()
    uploader = Actor.of(paula.id, {Role.PUBLISHERS}, False, "paula")
    image = await library.upload(JPEG, actor=uploader)
    library.clock.advance(timedelta(minutes=1))
    video = await library.upload(MP4)  # by a user the store does not have (deleted)
    post_id = await _post_using(library, f"library:{image.id}", PublicationStatus.SCHEDULED)
    policy = MediaLinkPolicy("https://autopost.example", timedelta(hours=1), b"k")
    links = MediaLinks(library.uow(), library.clock, policy)
    shelf = await BrowseLibrary(library.uow(), links).execute(OBSERVER, 10, 0)
    assert shelf.count == 2 and not shelf.may_change
    newest, oldest = shelf.entries
    assert (newest.item.id, newest.uploader, newest.used_by, newest.preview) == (
        video.id,
        None,
        [],
        None,
    )
    assert (oldest.uploader, oldest.used_by) == ("paula", [post_id])
    assert oldest.preview is not None
    assert oldest.preview.startswith(f"/media-files/{image.id}.jpg?expires=")
    assert links.link(image) == f"https://autopost.example{oldest.preview}"
    publisher = await BrowseLibrary(library.uow(), links).execute(PUBLISHER, 10, 0)
    assert publisher.may_change


async def test_the_library_page_is_for_people_signed_in_with_a_role() -> None:
    library = Library()
    links = MediaLinks(library.uow(), library.clock, MediaLinkPolicy("", timedelta(hours=1), b"k"))
    nobody = Actor.of(11, set(), False, "nobody")
    with pytest.raises(PermissionDenied):
        await BrowseLibrary(library.uow(), links).execute(nobody, 10, 0)
