"""``POST /api/sync/`` while Instagram fails: the answer says what was kept, and the next sync
goes on from there."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from dependency_injector import providers
from sandboxed_world import SANDBOX, sandboxed_container, seed_world
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.entrypoints.container import close_resources
from autopost.sandbox.settings import DEMO_IG_USER_ID

pytestmark = pytest.mark.integration


class NoWait:
    """The pauses between tries, recorded and not waited."""

    def __init__(self) -> None:
        self.waits: list[timedelta] = []

    async def wait(self, delay: timedelta) -> None:
        self.waits.append(delay)


@pytest.fixture
def pause() -> NoWait:
    return NoWait()


@pytest.fixture
async def client(
    tmp_path: Path, database_url: str, sandbox_app: Starlette, pause: NoWait
) -> AsyncIterator[httpx.AsyncClient]:
    container = await sandboxed_container(tmp_path, database_url, sandbox_app)
    container.infrastructure.pause.override(providers.Object(pause))
    token = await seed_world(container, sandbox_app)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(container)),
        base_url="http://autopost.test",
        headers={"Authorization": f"Token {token}"},
    ) as signed_in:
        yield signed_in
    await close_resources(container)


@pytest.fixture
async def sandbox(sandbox_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sandbox_app), base_url=SANDBOX
    ) as control:
        yield control


async def test_a_sync_stopped_part_way_answers_what_it_kept_and_the_next_goes_on(
    client: httpx.AsyncClient, sandbox: httpx.AsyncClient, pause: NoWait
) -> None:
    seeded = await sandbox.post(
        f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/media/seed", json={"count": 250}
    )
    assert seeded.status_code == 201, seeded.text
    # Under seed 94 the first roll passes and the next four strike: page 2 fails every try.
    fault = {"method": "GET", "path_suffix": "/media", "action": "error", "status": 503}
    armed = await sandbox.post("/_sandbox/faults", json={**fault, "chance": 0.5, "seed": 94})
    assert armed.status_code == 201, armed.text

    stopped = await client.post("/api/sync/", json={"credential": 1})

    assert stopped.status_code == 200, stopped.text
    answer = stopped.json()
    assert (answer["finished"], answer["resumed"], answer["pages"], answer["seen"]) == (
        False,
        False,
        1,
        100,
    )
    assert answer["retries"] == 3 and len(pause.waits) == 3
    assert "temporary problem" in answer["stopped"]
    listed = await client.get("/api/posts/", params={"limit": 100, "origin": "synced"})
    assert len(listed.json()["results"]) == 100

    assert (await sandbox.delete("/_sandbox/faults")).status_code == 204
    went_on = (await client.post("/api/sync/", json={"credential": 1})).json()

    assert (went_on["finished"], went_on["resumed"], went_on["stopped"]) == (True, True, None)
    assert went_on["seen"] == 153  # the 150 seeded it had not reached, and the 3 it had synced
