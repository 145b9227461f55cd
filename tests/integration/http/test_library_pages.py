"""The media library's page, driven as a browser without scripts would on the real container:
the files with their preview, uploader and the posts using them; uploading through the
multipart form (its CSRF token checked by the page, not the middleware); deleting, refused in
words while a post uses the file; "use in a new post"; and what each role is shown."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from desk_world import ADMIN, INSTAGRAM, OFF_SLOT, add_people
from page_browser import open_browser, sign_in

from autopost.adapters.http.app import create_app
from autopost.adapters.http.edge import HttpEdge
from autopost.application.posting.posts import SchedulePost
from autopost.domain.access import Role
from autopost.domain.post import ContentType, InstagramContent
from autopost.domain.user import User
from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

FORM = "csrfmiddlewaretoken"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 1000
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00" + b"\x00" * 3000


@pytest.fixture
async def people(world: Container) -> dict[Role, User]:
    return await add_people(world)


@asynccontextmanager
async def browser_as(world: Container, username: str) -> AsyncIterator[httpx.AsyncClient]:
    async with open_browser(create_app(world)) as browser:
        await sign_in(browser, username)
        yield browser


async def upload(
    browser: httpx.AsyncClient, name: str, body: bytes, kind: str, token: bool = True
) -> httpx.Response:
    fields = {FORM: browser.cookies["csrftoken"]} if token else {}
    return await browser.post("/library/upload/", data=fields, files={"file": (name, body, kind)})


def file_ids(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<li id="file-(\d+)">', page)]


def kept_files(world: Container) -> list[Path]:
    media = world.settings().effective_media_dir
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


async def post_using(world: Container, item_id: int) -> int:
    content = InstagramContent(
        content_type=ContentType.PHOTO, url=f"library:{item_id}", caption="From the library"
    )
    view = await world.posting.schedule_post().execute(
        ADMIN, SchedulePost(content=content, date_pub=OFF_SLOT, credential_id=INSTAGRAM)
    )
    assert view.post.id is not None
    return view.post.id


async def test_an_uploaded_image_is_shown_with_its_preview_and_who_uploaded_it(
    browser: httpx.AsyncClient, world: Container
) -> None:
    assert "The library has no file yet." in (await browser.get("/library/")).text
    sent = await upload(browser, "beach.jpg", JPEG, "image/jpeg")
    assert sent.status_code == 303, sent.text[-600:]
    page = (await browser.get(sent.headers["location"])).text
    assert "The file is added to the library" in page
    [item_id] = file_ids(page)
    assert "beach.jpg" in page and "image/jpeg" in page and "1012 B" in page and "admin" in page
    assert "no post to be published" in page
    assert f'href="/posts/new/?media=library:{item_id}"' in page
    preview = re.search(r'<img src="([^"]+)"', page)
    assert preview is not None and preview.group(1).startswith(f"/media-files/{item_id}.jpg?")
    opened = await browser.get(preview.group(1).replace("&amp;", "&"))
    assert opened.status_code == 200 and opened.content == JPEG


async def test_a_video_has_no_preview_and_a_file_that_is_not_media_is_refused_in_words(
    browser: httpx.AsyncClient, world: Container
) -> None:
    assert (await upload(browser, "clip.mp4", MP4, "video/mp4")).status_code == 303
    page = (await browser.get("/library/")).text
    assert "clip.mp4" in page and "<img" not in page.split("<main", 1)[1]
    refused = await upload(browser, "evil.jpg", b"#!/bin/sh\n", "image/jpeg")
    assert refused.status_code == 400
    assert "none of the formats kept" in refused.text
    assert len(kept_files(world)) == 1
    # A browser sends a file input left empty as a part with no name and no bytes.
    empty = await upload(browser, "", b"", "application/octet-stream")
    assert empty.status_code == 400 and "Choose a file to upload." in empty.text


async def test_an_upload_without_the_forms_csrf_token_is_refused_and_nothing_kept(
    browser: httpx.AsyncClient, world: Container
) -> None:
    refused = await upload(browser, "beach.jpg", JPEG, "image/jpeg", token=False)
    assert refused.status_code == 403
    wrong = await browser.post(
        "/library/upload/",
        data={FORM: "not-the-token"},
        files={"file": ("beach.jpg", JPEG, "image/jpeg")},
    )
    assert wrong.status_code == 403
    assert kept_files(world) == []
    assert file_ids((await browser.get("/library/")).text) == []


async def test_deleting_is_refused_in_words_while_a_post_uses_the_file(
    browser: httpx.AsyncClient, world: Container
) -> None:
    await upload(browser, "beach.jpg", JPEG, "image/jpeg")
    [item_id] = file_ids((await browser.get("/library/")).text)
    post_id = await post_using(world, item_id)
    page = (await browser.get("/library/")).text
    assert f'<a href="/posts/{post_id}/">post {post_id}</a>' in page
    token = {FORM: browser.cookies["csrftoken"]}
    refused = await browser.post("/library/delete/", data={**token, "item_id": str(item_id)})
    assert refused.status_code == 409
    assert f"is used by post(s) still to be published: {post_id}" in refused.text
    await world.posting.cancel_post().execute(ADMIN, post_id)
    deleted = await browser.post("/library/delete/", data={**token, "item_id": str(item_id)})
    assert deleted.status_code == 303
    page = (await browser.get(deleted.headers["location"])).text
    assert "The file is deleted from the library" in page and file_ids(page) == []
    assert kept_files(world) == []


async def test_use_in_a_new_post_fills_the_compose_pages_media(
    browser: httpx.AsyncClient,
) -> None:
    page = (await browser.get("/posts/new/?media=library:7")).text
    assert re.search(r'<textarea id="media" name="media"[^>]*>library:7</textarea>', page)


@pytest.mark.usefixtures("people")
async def test_contributors_and_observers_see_the_files_but_no_upload_or_delete(
    browser: httpx.AsyncClient, world: Container
) -> None:
    await upload(browser, "beach.jpg", JPEG, "image/jpeg")
    async with browser_as(world, "contributors") as contributor:
        page = (await contributor.get("/library/")).text
        assert "beach.jpg" in page and "Use in a new post" in page
        assert 'action="/library/upload/"' not in page and 'action="/library/delete/"' not in page
        refused = await upload(contributor, "more.jpg", JPEG, "image/jpeg")
        assert refused.status_code == 403
    async with browser_as(world, "observers") as observer:
        page = (await observer.get("/library/")).text
        # An Observer writes no post: no way to the compose page either.
        assert "beach.jpg" in page and "Use in a new post" not in page
    async with browser_as(world, "publishers") as publisher:
        page = (await publisher.get("/library/")).text
        assert 'action="/library/upload/"' in page and 'action="/library/delete/"' in page


async def test_the_upload_form_has_the_uploads_body_limit_not_the_forms(world: Container) -> None:
    edge = HttpEdge(max_body_bytes=2000, max_upload_bytes=5000)
    async with open_browser(create_app(world, edge=edge)) as browser:
        await sign_in(browser)
        video = await upload(browser, "clip.mp4", MP4, "video/mp4")
        assert video.status_code == 303, video.text[-600:]
        larger = await upload(browser, "long.mp4", MP4 + b"\x00" * 3000, "video/mp4")
        assert larger.status_code == 413
    assert len(kept_files(world)) == 1
