"""The webhooks page, driven as a browser would: an endpoint added (its secret shown on the
answer and never again), refused in words when its address is not public, disabled, its
deliveries listed and one sent again; and the menu shows it only to those who manage it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from desk_world import add_people
from page_browser import open_browser, sign_in
from sandboxed_world import sandboxed_container, seed_world, sqlite_copy
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.domain.access import Role
from autopost.domain.events import EventType, new_event
from autopost.entrypoints.container import Container, close_resources

pytestmark = pytest.mark.integration

FORM = "csrfmiddlewaretoken"
PUBLIC_HOOK = "https://93.184.216.34/hook"


@pytest.fixture
async def world(
    tmp_path: Path, sqlite_template: Path, sandbox_app: Starlette
) -> AsyncIterator[Container]:
    container = await sandboxed_container(
        tmp_path, sqlite_copy(sqlite_template, tmp_path), sandbox_app
    )
    await seed_world(container, sandbox_app)
    yield container
    await close_resources(container)


@pytest.fixture
async def admin(world: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with open_browser(create_app(world)) as browser:
        await sign_in(browser, "admin")
        yield browser


async def post_form(browser: httpx.AsyncClient, path: str, **fields: str | list[str]) -> str:
    response = await browser.post(path, data={FORM: browser.cookies["csrftoken"], **fields})
    if response.status_code == 303:
        return (await browser.get(response.headers["location"])).text
    return response.text


async def test_a_webhook_added_on_the_page_shows_its_secret_once(
    admin: httpx.AsyncClient,
) -> None:
    page = await post_form(admin, "/webhooks/", url=PUBLIC_HOOK, events=["publication.failed"])
    secret = page.split('<code id="webhook-secret">')[1].split("</code>")[0]
    assert secret.startswith("whsec_")
    again = (await admin.get("/webhooks/")).text
    assert PUBLIC_HOOK in again and "publication.failed" in again
    assert secret not in again


async def test_an_address_inside_the_network_is_refused_in_words(
    admin: httpx.AsyncClient,
) -> None:
    response = await admin.post(
        "/webhooks/",
        data={FORM: admin.cookies["csrftoken"], "url": "https://169.254.169.254/latest/"},
    )
    assert response.status_code == 400
    assert "private, loopback or reserved address" in response.text


async def test_a_webhook_is_disabled_and_a_delivery_sent_again(
    world: Container, admin: httpx.AsyncClient
) -> None:
    await post_form(admin, "/webhooks/", url=PUBLIC_HOOK)
    async with world.infrastructure.uow() as uow:
        (endpoint,) = await uow.webhooks.list()
        await uow.events.add(new_event(EventType.WEBHOOK_DISABLED, endpoint.created_at, {}))
        await uow.commit()
    await world.webhooks.relay_events().execute()
    page = (await admin.get(f"/webhooks/?webhook={endpoint.id}")).text
    async with world.infrastructure.uow() as uow:
        # The seeded world's events, not handed on before, went to it too.
        listed = await uow.deliveries.of_endpoint(endpoint.id, 100)  # type: ignore[arg-type]
    (delivery,) = [d for d in listed if d.event_type == "webhook.disabled"]
    page = await post_form(
        admin, "/webhooks/resend/", webhook_id=str(endpoint.id), delivery_id=str(delivery.id)
    )
    assert page.count(delivery.event_id) == 2  # the first delivery and the one sent again
    page = await post_form(admin, "/webhooks/change/", webhook_id=str(endpoint.id), enabled="false")
    assert 'name="enabled" value="true"' in page  # it offers to enable it again


async def test_the_menu_shows_webhooks_to_publishers_only(world: Container) -> None:
    await add_people(world)
    app = create_app(world)
    for username, shown in (("publishers", True), ("contributors", False), ("admin", True)):
        async with open_browser(app) as browser:
            await sign_in(browser, username)
            page = (await browser.get("/queues/")).text
        assert ('href="/webhooks/"' in page) is shown, username
    assert Role.PUBLISHERS.lower() == "publishers"
