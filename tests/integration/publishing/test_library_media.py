"""A post whose photo is a file of the media library, published to `autopost sandbox`:
Instagram is sent a signed link on AUTOPOST_PUBLIC_URL, and that link, fetched back from
Autopost without a session as Instagram would, is the file; once expired, it is nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from publishing_world import START, PublishingWorld

from autopost.adapters.http.app import create_app
from autopost.application.access import SYSTEM
from autopost.application.library.upload import Upload
from autopost.application.posting.posts import SchedulePost
from autopost.domain.library import MediaInUse
from autopost.domain.post import ContentType, InstagramContent

pytestmark = pytest.mark.integration

PUBLIC = "https://autopost.example"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 40


async def chunks(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def fetch(world: PublishingWorld, url: str) -> httpx.Response:
    """As Instagram fetches: a plain GET of the address, no token, no cookie."""
    parts = urlsplit(url)
    transport = httpx.ASGITransport(app=create_app(world.container))
    async with httpx.AsyncClient(
        transport=transport, base_url=f"{parts.scheme}://{parts.netloc}"
    ) as client:
        return await client.get(f"{parts.path}?{parts.query}")


async def test_a_library_photo_reaches_instagram_by_a_signed_link_that_opens_it(
    tmp_path: Path, database_url: str
) -> None:
    world = await PublishingWorld(tmp_path, database_url, public_url=PUBLIC).open()
    try:
        await world.connect()
        upload = Upload("cat.jpg", "image/jpeg", chunks(JPEG))
        item = await world.container.library.upload_media().execute(SYSTEM, upload)
        command = SchedulePost(
            content=InstagramContent(
                content_type=ContentType.PHOTO, url=f"library:{item.id}", caption="from disk"
            ),
            date_pub=START + timedelta(minutes=10),
            credential_id=world.credential_id,
        )
        view = await world.container.posting.schedule_post().execute(SYSTEM, command)
        assert view.publication.id is not None
        world.publication_ids.append(view.publication.id)
        with pytest.raises(MediaInUse):
            await world.container.library.delete_library_item().execute(SYSTEM, item.id or 0)

        await world.run_until(START + timedelta(minutes=15))

        (event,) = world.published()
        image_url = world.sandbox.instagram.state.containers[event.container_id].image_url
        assert image_url is not None
        assert image_url.startswith(f"{PUBLIC}/media-files/{item.id}.jpg?expires=")
        fetched = await fetch(world, image_url)
        assert fetched.status_code == 200
        assert fetched.content == JPEG
        assert fetched.headers["content-type"] == "image/jpeg"
        assert "test-secret-key" not in image_url

        world.clock.advance(timedelta(days=2))
        assert (await fetch(world, image_url)).status_code == 404
        # Published: the file is free to go.
        await world.container.library.delete_library_item().execute(SYSTEM, item.id or 0)
    finally:
        await world.close()
