"""The API's ``updated_at`` and ``next_attempt_at`` over the real container and database,
on a clock the test turns: ``updated_at`` moves with each change, ``next_attempt_at`` is
never in the past while the post waits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from dependency_injector import providers

from autopost.adapters.http.app import create_app
from autopost.adapters.persistence.migrate import upgrade_database_async
from autopost.adapters.scheduling.broker import create_broker
from autopost.entrypoints.container import Container, build_container, close_resources
from autopost.entrypoints.settings import Settings

pytestmark = pytest.mark.integration

PASSWORD = "a long enough passphrase"
START = datetime(2030, 1, 1, 8, 0, tzinfo=UTC)
DUE = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
PREPARE_AHEAD = timedelta(minutes=5)


class TurnedClock:
    """The container's clock, turned by the test."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def advance(self, delta: timedelta) -> None:
        self._now += delta


@pytest.fixture
def clock() -> TurnedClock:
    return TurnedClock(START)


@pytest.fixture
async def container(tmp_path: Path, clock: TurnedClock) -> AsyncIterator[Container]:
    settings = Settings(
        var_dir=tmp_path,
        secret_key="test-secret-key",
        prepare_ahead_seconds=PREPARE_AHEAD.total_seconds(),
    )
    built = build_container(settings, create_broker(None))
    built.clock.override(providers.Object(clock))
    await upgrade_database_async(built.engine())
    await built.create_superuser().execute("admin", "admin@example.com", PASSWORD)
    yield built
    await close_resources(built)


@pytest.fixture
async def client(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(container))
    async with httpx.AsyncClient(transport=transport, base_url="http://autopost.test") as anon:
        answer = await anon.post(
            "/api/v1/api-token-auth/", json={"username": "admin", "password": PASSWORD}
        )
        anon.headers["Authorization"] = f"Token {answer.json()['token']}"
        yield anon


def at(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


async def read(client: httpx.AsyncClient, url: str) -> dict[str, Any]:
    response = await client.get(url)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_updated_at_follows_every_change_and_next_attempt_is_never_past(
    client: httpx.AsyncClient, clock: TurnedClock
) -> None:
    created = await client.post(
        "/api/v1/posts/",
        json={
            "user_id": "17841400000000001",
            "token": "EAAG-token",
            "url": "https://cdn.example.com/a.jpg",
            "content_type": "Photo",
            "date_pub": DUE.isoformat(),
        },
    )
    assert created.status_code == 201, created.text
    post = created.json()
    url = f"/api/v1/posts/{post['id']}/"
    assert at(post["updated_at"]) == at(post["created_at"]) == START
    assert at(post["next_attempt_at"]) == DUE - PREPARE_AHEAD, "Instagram media made ahead"

    clock.advance(timedelta(minutes=10))
    edited = await client.patch(url, json={"caption": "Changed"})
    assert at(edited.json()["updated_at"]) == START + timedelta(minutes=10)

    clock.advance(timedelta(minutes=10))
    moved = await client.patch(url, json={"date_pub": (DUE + timedelta(hours=1)).isoformat()})
    assert at(moved.json()["updated_at"]) == clock.now()
    assert at(moved.json()["next_attempt_at"]) == DUE + timedelta(hours=1) - PREPARE_AHEAD

    clock.set(DUE + timedelta(hours=2))  # due, and no worker has taken it yet
    overdue = await read(client, url)
    assert overdue["status"] == "scheduled"
    assert at(overdue["next_attempt_at"]) == clock.now()
    assert at(overdue["updated_at"]) == START + timedelta(minutes=20), "reading changes nothing"
    [listed] = (await client.get("/api/v1/posts/")).json()
    assert at(listed["next_attempt_at"]) == clock.now()

    clock.advance(timedelta(minutes=1))
    assert (await client.delete(url)).status_code == 204
    cancelled = await read(client, url)
    assert at(cancelled["updated_at"]) == clock.now()
    assert cancelled["next_attempt_at"] is None
