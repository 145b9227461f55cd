"""The settings page's notifications, driven as a browser would on the real container: the
choices with their defaults, a one-time Telegram code shown once with the bot's name, saving
the choices, and "every account" kept for Administrators only."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from page_browser import open_browser, sign_in
from sandboxed_world import PASSWORD, add_user, sandboxed_settings, sqlite_copy
from starlette.applications import Starlette
from tests.http_client_override import answer_with

from autopost.adapters.http.app import create_app
from autopost.adapters.scheduling.broker import create_broker
from autopost.domain.access import Role
from autopost.domain.telegram_link import code_digest
from autopost.entrypoints.container import (
    Container,
    build_container,
    close_resources,
    open_resources,
)

pytestmark = pytest.mark.integration

CODE = re.compile(r"data-telegram-code>/start ([A-Z0-9]+)<")


@pytest.fixture
async def world(
    tmp_path: Path, sqlite_template: Path, sandbox_app: Starlette
) -> AsyncIterator[Container]:
    settings = sandboxed_settings(tmp_path, sqlite_copy(sqlite_template, tmp_path))
    settings = settings.model_copy(
        update={
            "telegram_bot_token": "1:page-test-token",
            "telegram_bot_username": "autopost_test_bot",
        }
    )
    container = build_container(settings, create_broker(None))
    answer_with(container, httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox_app)))
    await open_resources(container)
    await container.people.create_superuser().execute("admin", "admin@example.com", PASSWORD)
    hashed = container.infrastructure.password_hasher().hash(PASSWORD)
    await add_user(container, "writer", Role.PUBLISHERS, hashed)
    yield container
    await close_resources(container)


@pytest.fixture
async def writer(world: Container) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    async with open_browser(create_app(world)) as client:
        yield client, await sign_in(client, "writer")


async def test_failed_posts_reconnects_and_webhooks_off_are_chosen_until_the_person_chooses(
    writer: tuple[httpx.AsyncClient, str],
) -> None:
    browser, _ = writer
    page = (await browser.get("/accounts/settings/")).text
    checked = re.findall(r'name="(telegram|email)" value="([a-z_.]+)"[^>]*checked', page)
    assert sorted(checked) == [
        ("email", "account.needs_reconnect"),
        ("email", "publication.failed"),
        ("email", "webhook.disabled"),
        ("telegram", "account.needs_reconnect"),
        ("telegram", "publication.failed"),
        ("telegram", "webhook.disabled"),
    ]
    assert "Your Telegram chat is not linked." in page
    assert 'name="every_account"' not in page  # a Publisher's own posts only


async def test_a_code_is_shown_once_with_the_bot_and_only_its_digest_is_kept(
    world: Container, writer: tuple[httpx.AsyncClient, str]
) -> None:
    browser, csrf = writer
    answer = await browser.post(
        "/accounts/settings/telegram-code/", data={"csrfmiddlewaretoken": csrf}
    )
    assert answer.status_code == 200
    [code] = CODE.findall(answer.text)
    assert "@autopost_test_bot" in answer.text
    assert f"https://t.me/autopost_test_bot?start={code}" in answer.text
    assert code not in (await browser.get("/accounts/settings/")).text
    store = world.notifications.store()
    assert await store.use_code(code, world.infrastructure.clock().now()) is None  # not kept
    assert await store.use_code(code_digest(code), world.infrastructure.clock().now())


async def test_choices_are_saved_and_every_account_is_an_administrators_choice(
    world: Container, writer: tuple[httpx.AsyncClient, str]
) -> None:
    browser, csrf = writer
    saved = await browser.post(
        "/accounts/settings/notifications/",
        data={
            "csrfmiddlewaretoken": csrf,
            "telegram": ["publication.published", "publication.failed"],
            "email": [],
            "daily_digest": "true",
            "every_account": "true",
            "notification_language": "ru",
        },
    )
    assert saved.status_code == 303
    page = await browser.get(saved.headers["location"])
    assert "Notifications saved" in page.text
    checked = re.findall(r'name="(telegram|email)" value="([a-z_.]+)"[^>]*checked', page.text)
    assert sorted(checked) == [
        ("telegram", "publication.failed"),
        ("telegram", "publication.published"),
    ]
    assert re.search(r'name="daily_digest" value="true" checked', page.text)
    assert re.search(r'<option value="ru" selected>', page.text)
    [recipient] = await world.notifications.store().digest_recipients()
    assert recipient[0].choices is not None
    assert recipient[0].choices.every_account is False

    async with open_browser(create_app(world)) as admin:
        admin_csrf = await sign_in(admin, "admin")
        assert 'name="every_account"' in (await admin.get("/accounts/settings/")).text
        await admin.post(
            "/accounts/settings/notifications/",
            data={"csrfmiddlewaretoken": admin_csrf, "every_account": "true"},
        )
    everyone = await world.notifications.store().recipients(None)
    assert [r.choices.every_account for r in everyone if r.choices] == [True]
