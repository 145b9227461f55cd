"""The container opens the database pool and the HTTP client on the loop that uses them and
closes each once: an async close that is started but never waited for would leave the
connections open. And the areas are wired to each other as they must be."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from dependency_injector import providers
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.migrate import upgrade_database_async
from autopost.adapters.scheduling.broker import create_broker
from autopost.domain.events import Event, EventType, new_event
from autopost.entrypoints.container import (
    build_container,
    close_resources,
    open_resources,
    opened_container,
)
from autopost.entrypoints.settings import Settings

pytestmark = pytest.mark.integration


def settings(var_dir: Path) -> Settings:
    return Settings(var_dir=var_dir, secret_key="test-secret-key")


async def test_open_resources_hand_out_the_engine_and_client_themselves(tmp_path: Path) -> None:
    container = build_container(settings(tmp_path), broker=None)
    await open_resources(container)
    try:
        engine = container.infrastructure.engine()
        client = container.infrastructure.http_client()
        assert isinstance(engine, AsyncEngine)
        assert isinstance(client, httpx.AsyncClient)
        # One of each for the whole process, and a use case built on them is no awaitable.
        assert container.infrastructure.engine() is engine
        assert container.instagram().gateway() is container.instagram().gateway()
        assert hasattr(container.posting().get_post(), "execute")
    finally:
        await close_resources(container)


async def test_closing_closes_the_http_client_once(tmp_path: Path) -> None:
    async with opened_container(settings(tmp_path), broker=None) as container:
        client = container.infrastructure.http_client()
        assert not client.is_closed

    assert client.is_closed
    await close_resources(container)  # a second close finds nothing open, and fails nothing


async def test_a_container_never_opened_closes_without_error(tmp_path: Path) -> None:
    await close_resources(build_container(settings(tmp_path), broker=None))


async def test_the_relay_of_events_tells_the_people_through_the_notifications(
    tmp_path: Path,
) -> None:
    """The webhooks' relay is wired to the notifications' ``NotifyPeople``: what the outbox
    hands on reaches Telegram and e-mail as well as the webhooks."""
    told: list[str] = []

    class Recorder:
        async def execute(self, event: Event) -> int:
            told.append(event.id)
            return 0

    container = build_container(settings(tmp_path), create_broker(None))
    container.notifications.notify_people.override(providers.Object(Recorder()))
    await open_resources(container)
    try:
        await upgrade_database_async(container.infrastructure.engine())
        event = new_event(EventType.SYNC_COMPLETED, datetime.now(UTC), {"credential_id": 1})
        async with container.infrastructure.uow() as uow:
            await uow.events.add(event)
            await uow.commit()
        assert await container.webhooks().relay_events().execute() == 1
        assert told == [event.id]
    finally:
        await close_resources(container)


async def test_the_database_pool_holds_no_more_connections_than_set(
    postgres_database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``AUTOPOST_DATABASE_POOL_SIZE`` connections at most, whatever wants one: the processes
    of a deployment must fit the server's ``max_connections``. The others wait their turn."""
    monkeypatch.setenv("AUTOPOST_DATABASE_POOL_SIZE", "2")
    configured = Settings(
        var_dir=tmp_path, secret_key="test-secret-key", database_url=postgres_database_url
    )
    held, most = 0, 0

    async def one_transaction() -> None:
        nonlocal held, most
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            held += 1
            most = max(most, held)
            await asyncio.sleep(0.2)
            held -= 1

    async with opened_container(configured, broker=None) as container:
        engine = container.infrastructure.engine()
        await asyncio.gather(*(one_transaction() for _ in range(6)))
    assert most == 2
