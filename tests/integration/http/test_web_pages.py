"""The web pages under /accounts/, driven as a browser would (forms, cookies, redirects), on
the real container: sign-in with the form's CSRF token, the pages, secrets never shown, API
keys shown once, the administrators' page, and signing out."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from page_browser import open_browser, sign_in
from sandboxed_world import (
    PASSWORD,
    SANDBOX,
    add_user,
)
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.domain.access import Role
from autopost.entrypoints.container import Container
from autopost.sandbox.demo_keys import GEMINI_DEMO_KEY

pytestmark = pytest.mark.integration

SECRET = "AIza-page-secret-0123456789"
PAGES = (
    "/accounts/",
    "/accounts/edit/",
    "/accounts/settings/",
    "/accounts/integrations/",
    "/accounts/api-keys/",
    "/accounts/logout/",
)


@pytest.fixture
async def browser(world: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with open_browser(create_app(world)) as client:
        yield client


async def test_a_signed_out_visitor_is_sent_to_sign_in_and_back(
    browser: httpx.AsyncClient,
) -> None:
    response = await browser.get("/accounts/settings/")
    assert response.status_code == 303
    assert response.headers["location"] == "/accounts/login/?next=/accounts/settings/"
    page = await browser.get(response.headers["location"])
    assert 'name="next" value="/accounts/settings/"' in page.text
    token = browser.cookies["csrftoken"]
    signed = await browser.post(
        "/accounts/login/",
        data={
            "username": "admin@example.com",
            "password": PASSWORD,
            "csrfmiddlewaretoken": token,
            "next": "/accounts/settings/",
        },
    )
    assert signed.headers["location"] == "/accounts/settings/"


async def test_the_sign_in_form_needs_its_token_and_goes_nowhere_else(
    browser: httpx.AsyncClient,
) -> None:
    await browser.get("/accounts/login/")
    forged = await browser.post(
        "/accounts/login/", data={"username": "admin", "password": PASSWORD}
    )
    assert forged.status_code == 403 and "autopost_session" not in browser.cookies
    token = browser.cookies["csrftoken"]
    elsewhere = await browser.post(
        "/accounts/login/",
        data={
            "username": "admin",
            "password": PASSWORD,
            "csrfmiddlewaretoken": token,
            "next": "//evil.example/",
        },
    )
    assert elsewhere.headers["location"] == "/accounts/"


async def test_a_wrong_password_shows_the_form_again_with_the_reason(
    browser: httpx.AsyncClient,
) -> None:
    await browser.get("/accounts/login/")
    response = await browser.post(
        "/accounts/login/",
        data={
            "username": "admin",
            "password": "wrong",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
    )
    assert response.status_code == 400
    assert "The username or the password is not correct" in response.text
    assert "autopost_session" not in browser.cookies


async def test_every_page_opens_for_a_signed_in_user(browser: httpx.AsyncClient) -> None:
    await sign_in(browser)
    for path in PAGES:
        response = await browser.get(path)
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        # Only Autopost's own scripts (/static/) may run: none inline, none from elsewhere.
        assert "script-src 'self';" in response.headers["content-security-policy"]
        assert '<html lang="en">' in response.text


async def test_a_saved_key_is_shown_masked_and_never_sent_back(
    browser: httpx.AsyncClient,
) -> None:
    csrf = await sign_in(browser)
    saved = await browser.post(
        "/accounts/settings/",
        data={"csrfmiddlewaretoken": csrf, "gemini_api_key": SECRET, "active_system": "prod"},
    )
    assert saved.status_code == 200
    for path in PAGES:
        assert SECRET not in (await browser.get(path)).text
    page = (await browser.get("/accounts/settings/")).text
    assert 'data-secret="gemini_api_key">***<' in page
    kept = await browser.post(
        "/accounts/settings/", data={"csrfmiddlewaretoken": csrf, "active_system": "prod"}
    )
    assert 'data-secret="gemini_api_key">***<' in kept.text, "an empty field keeps the key"
    removed = await browser.post(
        "/accounts/settings/",
        data={"csrfmiddlewaretoken": csrf, "active_system": "prod", "remove": "gemini_api_key"},
    )
    assert 'data-secret="gemini_api_key"' not in removed.text


async def test_the_mask_typed_into_the_form_keeps_the_saved_key(
    browser: httpx.AsyncClient, world: Container
) -> None:
    csrf = await sign_in(browser)
    form = {"csrfmiddlewaretoken": csrf, "active_system": "prod"}
    await browser.post("/accounts/settings/", data={**form, "gemini_api_key": SECRET})
    kept = await browser.post("/accounts/settings/", data={**form, "gemini_api_key": "***"})
    assert kept.status_code == 200
    async with world.infrastructure.uow() as uow:
        admin = await uow.users.by_login("admin")
        assert admin is not None and admin.id is not None
        (secret,) = await uow.user_secrets.for_user(admin.id)
    assert world.infrastructure.secret_box().open(secret.sealed) == SECRET


async def test_a_saved_huntflow_address_elsewhere_is_refused_on_the_page(
    browser: httpx.AsyncClient,
) -> None:
    csrf = await sign_in(browser)
    form = {"csrfmiddlewaretoken": csrf, "active_system": "prod"}
    await browser.post(
        "/accounts/settings/",
        data={
            **form,
            "huntflow_prod_api_key": SECRET,
            "huntflow_prod_url": "https://huntflow.attacker.example",
        },
    )
    tested = await browser.post(
        "/accounts/integrations/", data={"csrfmiddlewaretoken": csrf, "integration": "huntflow"}
    )
    assert tested.status_code == 400
    assert tested.headers["content-type"].startswith("text/html")
    assert "Only the Huntflow prod or sandbox address will do" in tested.text
    assert SECRET not in tested.text


async def test_the_check_of_a_saved_key_tells_a_refused_key_from_a_service_down(
    browser: httpx.AsyncClient, sandbox_app: Starlette
) -> None:
    csrf = await sign_in(browser)

    async def check_saved(key: str) -> httpx.Response:
        saved = {"csrfmiddlewaretoken": csrf, "gemini_api_key": key, "active_system": "prod"}
        assert (await browser.post("/accounts/settings/", data=saved)).status_code == 200
        return await browser.post(
            "/accounts/integrations/", data={"csrfmiddlewaretoken": csrf, "integration": "gemini"}
        )

    refused = await check_saved(SECRET)
    assert refused.status_code == 400
    assert "Gemini: The service did not accept the API key" in refused.text
    assert "try again later" not in refused.text

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sandbox_app), base_url=SANDBOX
    ) as control:
        await control.put("/_sandbox/services/gemini", json={"down": True})
        down = await check_saved(GEMINI_DEMO_KEY)
        assert down.status_code == 502
        assert "Gemini: The service is not answering; try again later" in down.text
        assert "not valid" not in down.text
        await control.put("/_sandbox/services/gemini", json={"down": False})
    works = await check_saved(GEMINI_DEMO_KEY)
    assert works.status_code == 200
    assert "Gemini: The API key works" in works.text
    for page in (refused, down, works):
        assert SECRET not in page.text and GEMINI_DEMO_KEY not in page.text


async def test_a_form_posted_without_the_session_token_is_refused(
    browser: httpx.AsyncClient,
) -> None:
    await sign_in(browser)
    response = await browser.post("/accounts/settings/", data={"gemini_api_key": SECRET})
    assert response.status_code == 403
    settings = await browser.get("/accounts/settings/")
    assert 'data-secret="gemini_api_key"' not in settings.text


async def test_a_new_api_key_is_shown_once_and_works_until_revoked(
    browser: httpx.AsyncClient,
) -> None:
    csrf = await sign_in(browser)
    created = await browser.post(
        "/accounts/api-keys/",
        data={"csrfmiddlewaretoken": csrf, "action": "create", "name": "CI pipeline"},
    )
    key = created.text.split('<code id="new-key">')[1].split("</code>")[0]
    listed = await browser.get("/accounts/api-keys/")
    assert "CI pipeline" in listed.text and key not in listed.text
    api = {"Authorization": f"Token {key}"}
    assert (await browser.get("/api/v1/posts/", headers=api)).status_code == 200
    token_id = listed.text.split('name="token_id" value="')[-1].split('"')[0]
    await browser.post(
        "/accounts/api-keys/",
        data={"csrfmiddlewaretoken": csrf, "action": "revoke", "token_id": token_id},
    )
    assert (await browser.get("/api/v1/posts/", headers=api)).status_code == 401


async def test_only_administrators_see_the_users_page(
    world: Container, browser: httpx.AsyncClient
) -> None:
    await add_user(
        world, "olga", Role.OBSERVERS, world.infrastructure.password_hasher().hash(PASSWORD)
    )
    await sign_in(browser, "olga")
    refused = await browser.get("/accounts/users/")
    assert refused.status_code == 403 and "Your role does not allow this page" in refused.text
    assert "/accounts/users/" not in (await browser.get("/accounts/")).text, "no link to it"


async def test_an_administrator_gives_a_user_a_role(
    world: Container, browser: httpx.AsyncClient
) -> None:
    user = await add_user(world, "pavel", Role.OBSERVERS, "x")
    csrf = await sign_in(browser)
    response = await browser.post(
        "/accounts/users/",
        data={"csrfmiddlewaretoken": csrf, "user_id": str(user.id), "group_ids": ["2"]},
    )
    assert response.status_code == 303
    page = (await browser.get("/accounts/users/")).text
    assert "pavel" in page and "groups_assigned" in page


async def test_signing_out_ends_the_session_on_the_server(browser: httpx.AsyncClient) -> None:
    csrf = await sign_in(browser)
    old_session = browser.cookies["autopost_session"]
    response = await browser.post("/accounts/logout/", data={"csrfmiddlewaretoken": csrf})
    assert response.headers["location"] == "/accounts/login/"
    browser.cookies.set("autopost_session", old_session)
    assert (await browser.get("/accounts/")).status_code == 303
