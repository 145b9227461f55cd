"""/healthz, /readyz and /health/ over the real container, in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from admin_world import admin_container

from autopost.adapters.http.app import create_app
from autopost.adapters.scheduling.broker import create_broker
from autopost.domain.worker_heartbeat import WorkerHeartbeat
from autopost.entrypoints.container import (
    Container,
    build_container,
    close_resources,
    open_resources,
)
from autopost.entrypoints.container.operations import own_worker
from autopost.entrypoints.settings import Settings

pytestmark = pytest.mark.integration


async def anonymous(container: Container) -> httpx.AsyncClient:
    app = create_app(container, readiness=container.operations())
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://localhost")


async def beat_as(container: Container, name: str, ago: timedelta = timedelta(0)) -> None:
    now = datetime.now(UTC)
    heartbeat = WorkerHeartbeat(name, "embedded", "here", 1, now, now - ago, 8, 0)
    await container.operations().heartbeats().beat(heartbeat)


@pytest.fixture
async def embedded(tmp_path: Path) -> AsyncIterator[Container]:
    async with admin_container(tmp_path) as built:
        yield built


async def readyz(container: Container) -> tuple[int, dict[str, Any]]:
    async with await anonymous(container) as client:
        response = await client.get("/readyz")
    assert response.headers["cache-control"] == "no-store"
    return response.status_code, response.json()


async def test_healthz_and_the_older_health_answer_ok_without_signing_in(
    embedded: Container,
) -> None:
    async with await anonymous(embedded) as client:
        for path in ("/healthz", "/health/"):
            response = await client.get(path)
            assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_is_503_until_the_worker_of_this_process_beats(embedded: Container) -> None:
    status, body = await readyz(embedded)
    assert (status, body["status"]) == (503, "not ready")
    assert body["checks"]["database"]["ok"] and body["checks"]["broker"]["ok"]
    assert not body["checks"]["workers"]["ok"]
    assert "restart `autopost serve`" in body["checks"]["workers"]["detail"]

    await beat_as(embedded, "embedded@elsewhere:7")  # another process's worker does not count
    assert (await readyz(embedded))[0] == 503

    name = own_worker(embedded.settings())
    assert name is not None
    await beat_as(embedded, name, ago=timedelta(seconds=44))  # within three 15 s intervals
    status, body = await readyz(embedded)
    assert (status, body["status"]) == (200, "ready")
    assert (
        body["checks"]["database"]["facts"]["revision"]
        == body["checks"]["database"]["facts"]["newest"]
    )
    assert body["checks"]["workers"]["facts"]["alive"] == 1

    await beat_as(embedded, name, ago=timedelta(seconds=46))
    assert (await readyz(embedded))[0] == 503


async def test_readyz_says_to_migrate_a_database_not_yet_migrated(tmp_path: Path) -> None:
    container = build_container(
        Settings(var_dir=tmp_path, secret_key="test-secret-key"), create_broker(None)
    )
    await open_resources(container)
    try:
        status, body = await readyz(container)
    finally:
        await close_resources(container)
    assert status == 503
    database = body["checks"]["database"]
    assert not database["ok"] and "run `autopost migrate`" in database["detail"]
    assert database["facts"]["revision"] is None


async def test_readyz_says_which_broker_does_not_answer(tmp_path: Path) -> None:
    async with admin_container(tmp_path, broker_url="redis://127.0.0.1:1/0") as container:
        container.broker.override(create_broker("redis://127.0.0.1:1/0"))
        await beat_as(container, "worker@there:2")
        status, body = await readyz(container)
    assert status == 503
    assert body["checks"]["workers"]["ok"]  # scaled mode: any worker's heartbeat counts
    broker = body["checks"]["broker"]
    assert not broker["ok"] and broker["facts"]["kind"] == "redis"
    assert "AUTOPOST_BROKER_URL" in broker["detail"]
