"""``/metrics``: only with a token configured, only to whoever shows it; and every answer says
its request id."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from dramatiq.brokers.stub import StubBroker

from autopost.adapters.http.app import create_app
from autopost.adapters.http.edge import HttpEdge
from autopost.entrypoints.container import build_container
from autopost.entrypoints.settings import Settings

pytestmark = pytest.mark.integration

METRICS_TOKEN = "metrics-token-for-tests-0123456789"
Client = Callable[[HttpEdge], httpx.AsyncClient]


@pytest.fixture
async def client_with(tmp_path: Path) -> AsyncIterator[Client]:
    """Neither route needs the database: the container's resources are never opened."""
    settings = Settings(var_dir=tmp_path, secret_key="metrics-tests-secret-key")
    container = build_container(settings, StubBroker())
    clients: list[httpx.AsyncClient] = []

    def make(edge: HttpEdge) -> httpx.AsyncClient:
        app = create_app(container, edge=edge)
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


async def test_without_a_token_configured_there_are_no_metrics(client_with: Client) -> None:
    client = client_with(HttpEdge())
    assert (await client.get("/metrics")).status_code == 404
    bearer = {"Authorization": "Bearer anything"}
    assert (await client.get("/metrics", headers=bearer)).status_code == 404


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer wrong-token",
        f"Bearer {METRICS_TOKEN}x",
        f"Bearer {METRICS_TOKEN[:-1]}",
        f"Token {METRICS_TOKEN}",
        METRICS_TOKEN,
        "Bearer ",
    ],
)
async def test_metrics_answer_only_the_configured_bearer_token(
    client_with: Client, authorization: str | None
) -> None:
    client = client_with(HttpEdge(metrics_token=METRICS_TOKEN))
    headers = {"Authorization": authorization} if authorization is not None else {}
    refused = await client.get("/metrics", headers=headers)
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"].startswith("Bearer")
    assert "autopost_" not in refused.text and METRICS_TOKEN not in refused.text


async def test_the_configured_token_reads_the_metrics_from_any_host(client_with: Client) -> None:
    # Prometheus scrapes each process at its own address, which no allowed host names.
    client = client_with(HttpEdge(metrics_token=METRICS_TOKEN, allowed_hosts=("example.com",)))
    answer = await client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain; version=")
    assert "# TYPE autopost_publication_lateness_seconds histogram" in answer.text


async def test_a_sane_request_id_is_echoed_and_another_is_replaced(client_with: Client) -> None:
    client = client_with(HttpEdge())
    given = await client.get("/health/", headers={"X-Request-ID": "lb-7f3a.2:9"})
    assert given.headers["x-request-id"] == "lb-7f3a.2:9"
    for insane in ["a" * 129, "two words", 'x"y', "semi;colon", ""]:
        made = await client.get("/health/", headers={"X-Request-ID": insane})
        assert made.headers["x-request-id"] != insane
        assert len(made.headers["x-request-id"]) == 32
    none = await client.get("/health/")
    again = await client.get("/health/")
    assert none.headers["x-request-id"] != again.headers["x-request-id"]
