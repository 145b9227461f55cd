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
from admin_world import admin_client, admin_container
from dependency_injector import providers
from tests.fakes import FakeClock

from autopost.entrypoints.container import Container

pytestmark = pytest.mark.integration

START = datetime(2030, 1, 1, 8, 0, tzinfo=UTC)
DUE = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
PREPARE_AHEAD = timedelta(minutes=5)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
async def container(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Container]:
    prepare_ahead = PREPARE_AHEAD.total_seconds()
    async with admin_container(tmp_path, prepare_ahead_seconds=prepare_ahead) as built:
        built.infrastructure.clock.override(providers.Object(clock))
        yield built


@pytest.fixture
async def client(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with admin_client(container) as signed_in:
        yield signed_in


def at(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


async def read(client: httpx.AsyncClient, url: str) -> dict[str, Any]:
    response = await client.get(url)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_updated_at_follows_every_change_and_next_attempt_is_never_past(
    client: httpx.AsyncClient, clock: FakeClock
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
