"""Every form of the web pages, sent text that cannot be stored (a NUL character, which
PostgreSQL keeps in no text column): the page says so, never a 500. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from page_browser import open_browser, sign_in
from sandboxed_world import sandboxed_container, seed_world
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.entrypoints.container import close_resources

pytestmark = pytest.mark.integration

NUL = "a\x00b"
FORMS = [
    ("/accounts/edit/", {"first_name": NUL, "last_name": "Lee", "email": "admin@example.com"}),
    (
        "/accounts/edit/password/",
        {"old_password": NUL, "new_password": NUL, "new_password_confirm": NUL},
    ),
    ("/accounts/settings/", {"huntflow_prod_url": NUL, "gemini_api_key": NUL}),
    ("/accounts/api-keys/", {"name": NUL}),
    ("/accounts/integrations/", {"integration": NUL}),
    ("/accounts/users/", {"user_id": NUL}),
]


@pytest.fixture
async def browser(
    tmp_path: Path, database_url: str, sandbox_app: Starlette
) -> AsyncIterator[httpx.AsyncClient]:
    container = await sandboxed_container(tmp_path, database_url, sandbox_app)
    await seed_world(container, sandbox_app)
    async with open_browser(create_app(container)) as client:
        yield client
    await close_resources(container)


@pytest.mark.parametrize(("path", "fields"), FORMS)
async def test_a_form_with_unstorable_text_is_refused_in_words(
    browser: httpx.AsyncClient, path: str, fields: dict[str, str]
) -> None:
    token = await sign_in(browser)
    response = await browser.post(path, data={**fields, "csrfmiddlewaretoken": token})
    assert response.status_code in (400, 404), response.text
    if response.status_code == 400:
        assert "cannot be stored" in response.text
        assert "Text cannot contain the NUL character (U+0000)." in response.text


async def test_the_sign_in_form_refuses_unstorable_text_in_words(
    browser: httpx.AsyncClient,
) -> None:
    await browser.get("/accounts/login/")
    token = browser.cookies["csrftoken"]
    for fields in ({"username": NUL, "password": "x"}, {"username": "admin", "password": NUL}):
        response = await browser.post(
            "/accounts/login/", data={**fields, "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 400, response.text
