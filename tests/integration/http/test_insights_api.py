"""Insights through the whole stack: collected from `autopost sandbox` by the real container
(a flaky Graph included), kept in the database, and read back from the API."""

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
from autopost.application.access import SYSTEM
from autopost.application.insights.instagram import InsightsReport
from autopost.application.integrations.credentials import ConnectAccount
from autopost.domain.platform import Platform
from autopost.entrypoints.container import Container, close_resources
from autopost.sandbox.settings import DEMO_IG_USER_ID

pytestmark = pytest.mark.integration


class NoWait:
    def __init__(self) -> None:
        self.waits: list[timedelta] = []

    async def wait(self, delay: timedelta) -> None:
        self.waits.append(delay)


@pytest.fixture
async def world(
    tmp_path: Path, database_url: str, sandbox_app: Starlette
) -> AsyncIterator[tuple[Container, httpx.AsyncClient, NoWait]]:
    container = await sandboxed_container(tmp_path, database_url, sandbox_app)
    pause = NoWait()
    container.infrastructure.pause.override(providers.Object(pause))
    token = await seed_world(container, sandbox_app)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(container)),
        base_url="http://autopost.test",
        headers={"Authorization": f"Token {token}"},
    ) as signed_in:
        yield container, signed_in, pause
    await close_resources(container)


@pytest.fixture
async def sandbox(sandbox_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sandbox_app), base_url=SANDBOX
    ) as control:
        yield control


async def test_insights_collected_through_a_flaky_graph_are_read_back_day_by_day(
    world: tuple[Container, httpx.AsyncClient, NoWait], sandbox: httpx.AsyncClient
) -> None:
    container, client, pause = world
    seeded = await sandbox.post(
        f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/media/seed",
        json={"count": 40, "carousel_every": 4},
    )
    assert seeded.status_code == 201, seeded.text
    synced = await client.post("/api/sync/", json={"credential": 1})
    assert synced.json()["finished"], synced.text
    fault = {"method": "GET", "path_suffix": "/insights", "action": "error", "status": 503}
    armed = await sandbox.post("/_sandbox/faults", json={**fault, "chance": 0.2, "seed": 7})
    assert armed.status_code == 201, armed.text

    report = await container.insights().collect_instagram_insights().execute(SYSTEM, 1)

    assert report.finished and report.retries > 0 and len(pause.waits) == report.retries
    assert report.kept == report.due == report.media
    listed = (await client.get("/api/posts/", params={"limit": 100})).json()["results"]
    assert len(listed) == report.media
    for media in listed:
        answer = await client.get(f"/api/posts/{media['id']}/insights/")
        assert answer.status_code == 200, answer.text
        (day,) = answer.json()["days"]
        assert day["reach"] is not None and day["views"] is not None
        reel = media["media_product_type"] == "REELS"
        assert (day["reels_avg_watch_time_ms"] is not None) == reel
    account = (await client.get("/api/v1/credentials/1/insights/")).json()
    (today,) = account["days"]
    assert today["followers_count"] == report.followers_count
    assert len(today["online_followers"]) == 24


async def test_unknown_media_accounts_and_days_are_refused(
    world: tuple[Container, httpx.AsyncClient, NoWait],
) -> None:
    _, client, _ = world
    assert (await client.get("/api/posts/999/insights/")).status_code == 404
    assert (await client.get("/api/v1/credentials/999/insights/")).status_code == 404
    assert (await client.get("/api/v1/posts/1/publications/999/insights/")).status_code == 404
    bad_day = await client.get("/api/v1/credentials/1/insights/", params={"since": "soon"})
    assert bad_day.status_code == 400
    assert "since" in bad_day.json()


async def test_every_account_is_collected_at_once_on_the_same_database(
    world: tuple[Container, httpx.AsyncClient, NoWait], sandbox: httpx.AsyncClient
) -> None:
    container, client, _ = world
    added = await sandbox.post("/_sandbox/instagram/accounts", json={"username": "second"})
    assert added.status_code == 201, added.text
    second = added.json()
    connect = ConnectAccount(Platform.INSTAGRAM, second["ig_user_id"], second["access_token"])
    credential = await container.integrations().save_credential().execute(SYSTEM, connect)
    for ig_user_id, credential_id in ((DEMO_IG_USER_ID, 1), (second["ig_user_id"], credential.id)):
        seeded = await sandbox.post(
            f"/_sandbox/instagram/accounts/{ig_user_id}/media/seed", json={"count": 60}
        )
        assert seeded.status_code == 201, seeded.text
        synced = await client.post("/api/sync/", json={"credential": credential_id})
        assert synced.json()["finished"], synced.text

    collected = await container.insights().collect_every_accounts_insights().execute()

    assert all(a.finished for a in collected), collected
    instagram = [a for a in collected if a.platform is Platform.INSTAGRAM]
    assert [a.credential_id for a in instagram] == [1, credential.id]
    for account in instagram:
        assert isinstance(account.report, InsightsReport)
        assert account.report.kept == account.report.due >= 60
    for credential_id in (1, credential.id):
        days = (await client.get(f"/api/v1/credentials/{credential_id}/insights/")).json()
        assert len(days["days"]) == 1
