"""The media and comments pages, driven as a browser would on the real container over the
sandboxed Instagram: the grid and its filters, "sync now" and its result, a media's comments
with reply, hide and delete, and what each role is shown."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import httpx
import pytest
from dependency_injector import providers
from desk_world import add_people
from page_browser import open_browser, sign_in
from sandboxed_world import SANDBOX
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.application.access import SYSTEM
from autopost.domain.access import Role
from autopost.domain.user import User
from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

FORM = "csrfmiddlewaretoken"


@pytest.fixture
async def people(world: Container) -> dict[Role, User]:
    return await add_people(world)


@asynccontextmanager
async def browser_as(world: Container, username: str) -> AsyncIterator[httpx.AsyncClient]:
    async with open_browser(create_app(world)) as browser:
        await sign_in(browser, username)
        yield browser


@pytest.fixture
async def admin(world: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with browser_as(world, "admin") as browser:
        yield browser


async def post_form(browser: httpx.AsyncClient, path: str, **fields: str) -> httpx.Response:
    return await browser.post(path, data={FORM: browser.cookies["csrftoken"], **fields})


async def followed(browser: httpx.AsyncClient, response: httpx.Response) -> str:
    assert response.status_code == 303, response.text[-600:]
    return (await browser.get(response.headers["location"])).text


def media_links(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'href="/media/comments/\?media=(\d+)"', page)]


def comment_ids(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'name="comment_id" value="(\d+)"', page)]


async def test_the_grid_shows_the_synced_media_and_filters_them(admin: httpx.AsyncClient) -> None:
    page = (await admin.get("/media/")).text
    assert len(set(media_links(page))) == 3
    assert "Found on the account" in page
    published = (await admin.get("/media/?origin=published")).text
    assert media_links(published) == [] and "No media matches" in published
    synced = (await admin.get("/media/?origin=synced&since=2000-01-01&until=2999-12-31")).text
    assert len(set(media_links(synced))) == 3
    future = (await admin.get("/media/?since=2999-01-01")).text
    assert media_links(future) == []
    wrong = (await admin.get("/media/?since=yesterday&type=GIF")).text
    assert (
        "Give a date as YYYY-MM-DD." in wrong and "Choose one of Photo, Video, Carousel." in wrong
    )


async def test_sync_now_says_what_it_found(admin: httpx.AsyncClient) -> None:
    response = await post_form(admin, "/media/sync/", credential_id="1")
    page = await followed(admin, response)
    assert "The sync with Instagram is done" in page
    assert re.search(r"Media seen: \d+; new or changed: \d+; gone from Instagram: \d+\.", page)


async def test_a_comment_is_replied_to_hidden_and_deleted_from_its_page(
    admin: httpx.AsyncClient,
) -> None:
    media = media_links((await admin.get("/media/")).text)[0]
    page = (await admin.get(f"/media/comments/?media={media}")).text
    first = comment_ids(page)[0]
    response = await post_form(
        admin,
        "/media/comments/reply/",
        media_id=str(media),
        comment_id=str(first),
        text="Thank you, see you Friday!",
    )
    page = await followed(admin, response)
    assert "The reply is published" in page and "Thank you, see you Friday!" in page
    response = await post_form(
        admin, "/media/comments/hide/", media_id=str(media), comment_id=str(first), hide="true"
    )
    page = await followed(admin, response)
    assert "The comment is hidden" in page and "<em>hidden</em>" in page
    response = await post_form(
        admin, "/media/comments/delete/", media_id=str(media), comment_id=str(first)
    )
    page = await followed(admin, response)
    assert "The comment is deleted" in page
    assert f'name="comment_id" value="{first}"' not in page


async def test_an_empty_reply_is_refused_in_words(admin: httpx.AsyncClient) -> None:
    media = media_links((await admin.get("/media/")).text)[0]
    first = comment_ids((await admin.get(f"/media/comments/?media={media}")).text)[0]
    response = await post_form(
        admin, "/media/comments/reply/", media_id=str(media), comment_id=str(first), text=" "
    )
    assert response.status_code == 400
    assert 'class="problem"' in response.text


async def test_an_observer_reads_the_media_and_comments_without_a_control(
    world: Container, people: dict[Role, User]
) -> None:
    async with browser_as(world, "observers") as observer:
        page = (await observer.get("/media/")).text
        assert "Sync now" not in page
        media = media_links(page)[0]
        page = (await observer.get(f"/media/comments/?media={media}")).text
        assert "<h2>Comments</h2>" in page
        assert "Reply" not in page and "Hide" not in page and "Delete" not in page
        response = await post_form(
            observer, "/media/comments/delete/", media_id=str(media), comment_id="1"
        )
        assert response.status_code == 403


async def test_a_contributor_replies_but_hides_no_one_elses_comment(
    world: Container, people: dict[Role, User]
) -> None:
    async with browser_as(world, "contributors") as contributor:
        media = media_links((await contributor.get("/media/")).text)[0]
        page = (await contributor.get(f"/media/comments/?media={media}")).text
        assert "Reply to" in page and ">Hide<" not in page and ">Delete<" not in page


async def test_a_sync_stopped_part_way_says_the_next_one_goes_on(
    world: Container, admin: httpx.AsyncClient, sandbox_app: Starlette
) -> None:
    waits: list[timedelta] = []

    class NoWait:
        async def wait(self, delay: timedelta) -> None:
            waits.append(delay)

    world.infrastructure.pause.override(providers.Object(NoWait()))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sandbox_app), base_url=SANDBOX
    ) as sandbox:
        # As many failures as a sync someone waits on tries a page.
        fault = {"method": "GET", "path_suffix": "/media", "action": "error", "times": 4}
        assert (await sandbox.post("/_sandbox/faults", json=fault)).status_code == 201
    response = await post_form(admin, "/media/sync/", credential_id="1")
    page = await followed(admin, response)
    assert "Media seen: 0" in page and len(waits) == 3
    assert "the sync stopped part way; the next sync goes on from there" in page
    again = await followed(admin, await post_form(admin, "/media/sync/", credential_id="1"))
    assert "Media seen: 3" in again and "stopped part way" not in again


async def test_the_grid_shows_each_media_s_latest_insights(
    world: Container, admin: httpx.AsyncClient
) -> None:
    before = (await admin.get("/media/")).text
    assert "reached" not in before
    report = await world.insights().collect_instagram_insights().execute(SYSTEM, 1)
    assert report.kept == 3

    page = (await admin.get("/media/")).text

    shown = re.findall(r"On \d{4}-\d\d-\d\d: [\d,—]+ views, [\d,—]+ reached", page)
    assert len(shown) == 3
    link = re.search(r'href="/api/posts/(\d+)/insights/"', page)
    assert link is not None
    days = await admin.get(f"/api/posts/{link.group(1)}/insights/")
    assert days.status_code == 200 and len(days.json()["days"]) == 1
