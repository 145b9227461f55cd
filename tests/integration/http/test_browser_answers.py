"""Where a person's browser lands, as against a program: ``/``, the OAuth callbacks, and a
connect or sign-in the server has no app for."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from dependency_injector import providers
from sandboxed_world import SANDBOX, sandboxed_container, seed_world
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.entrypoints.container import Container, close_resources

pytestmark = pytest.mark.integration

# A browser, asking for English (without it, a page speaks the server's language: Russian).
PAGE = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language": "en"}


class World:
    def __init__(self, container: Container, token: str, sandbox: Starlette) -> None:
        self.app = create_app(container)
        self.token = token
        self.sandbox = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=sandbox), base_url=SANDBOX
        )

    def client(self, signed_in: bool = True) -> httpx.AsyncClient:
        headers = {"Authorization": f"Token {self.token}"} if signed_in else {}
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://autopost.test",
            headers=headers,
        )

    async def consent(self, authorize_url: str) -> str:
        """The platform's consent page, approved: the path and query it sends the browser
        back to."""
        approved = await self.sandbox.get(authorize_url)
        assert approved.status_code == 302, approved.text
        back = urlsplit(approved.headers["location"])
        return f"{back.path}?{back.query}"


@pytest.fixture
async def world(tmp_path: Path, database_url: str, sandbox_app: Starlette) -> AsyncIterator[World]:
    """Facebook Login and Pinterest set up; Instagram Login and Google not."""
    container = await sandboxed_container(tmp_path, database_url, sandbox_app)
    unset = {"instagram_app_id": "", "instagram_app_secret": "", "google_client_id": ""}
    container.settings.override(providers.Object(container.settings().model_copy(update=unset)))
    token = await seed_world(container, sandbox_app)
    world = World(container, token, sandbox_app)
    yield world
    await world.sandbox.aclose()
    await close_resources(container)


async def test_the_root_sends_a_browser_to_sign_in_shows_the_calendar_and_tells_a_program_where(
    world: World,
) -> None:
    async with world.client(signed_in=False) as anonymous:
        page = await anonymous.get("/", headers=PAGE)
        assert (page.status_code, page.headers["location"]) == (303, "/accounts/login/?next=/")
        index = await anonymous.get("/")
        assert index.status_code == 200
        assert index.json()["documentation"] == "/api/docs/"
        assert index.json()["token"] == "/api/v1/api-token-auth/"
    async with world.client() as signed_in:
        page = await signed_in.get("/", headers=PAGE)
        assert page.status_code == 200, page.text
        assert "<h1>Calendar</h1>" in page.text, "signed in, the home page is the calendar"


@pytest.mark.parametrize(
    ("platform", "path"),
    [("Pinterest", "/auth/pinterest/authorize/"), ("Instagram", "/auth/instagram/authorize/")],
)
async def test_after_connecting_a_browser_lands_on_a_page_that_says_so(
    world: World, platform: str, path: str
) -> None:
    async with world.client() as client:
        started = await client.get(path, params={"format": "json"})
        back = await world.consent(started.json()["authorize_url"])
        landed = await client.get(back, headers=PAGE)
    assert landed.status_code == 200, landed.text
    assert landed.headers["content-type"].startswith("text/html")
    assert f"{platform} connected" in landed.text
    assert "/accounts/integrations/" in landed.text


async def test_after_connecting_a_program_still_gets_json(world: World) -> None:
    async with world.client() as client:
        started = await client.get("/auth/pinterest/authorize/", params={"format": "json"})
        back = await world.consent(started.json()["authorize_url"])
        answer = await client.get(back)
    assert answer.status_code == 200
    assert answer.json()["success"] is True
    assert answer.json()["credential"]["platform"] == "pinterest"


async def test_a_callback_it_cannot_finish_says_why_on_a_page(world: World) -> None:
    async with world.client() as client:
        refused = await client.get("/auth/pinterest/callback/?state=made-up&code=x", headers=PAGE)
        assert refused.status_code == 400
        assert "Pinterest not connected" in refused.text
        assert "not issued here" in refused.text
        as_json = await client.get("/auth/pinterest/callback/?state=made-up&code=x")
        assert as_json.status_code == 400
        assert "not issued here" in as_json.json()["error"]


@pytest.mark.parametrize(
    ("path", "settings"),
    [
        ("/auth/instagram/authorize/?login=instagram", "AUTOPOST_INSTAGRAM_APP_ID"),
        ("/accounts/google-oauth/", "AUTOPOST_GOOGLE_CLIENT_ID"),
    ],
)
async def test_a_connect_without_an_app_says_which_settings_it_needs(
    world: World, path: str, settings: str
) -> None:
    async with world.client() as client:
        program = await client.get(path)
        assert program.status_code == 503
        assert settings in program.json()["error"]
        assert "location" not in program.headers
        person = await client.get(path, headers=PAGE)
        assert person.status_code == 503
        assert settings in person.text
