"""The platform client lets an idle connection go before the server would close it. A request
written on a connection that the server is closing at that very moment loses its answer: a
request to publish sent that way is asked about before anything is sent again, a minute
later, so its post is late. Servers commonly close idle connections after 5 s (uvicorn, and
so the sandbox; Apache; Node), httpx's own default for the client too."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import uvicorn
from starlette.types import Receive, Scope, Send
from tests.loopback_server import served_on_loopback

from autopost.entrypoints.container.infrastructure import KEEPALIVE_EXPIRY_SECONDS, http_client
from autopost.entrypoints.settings import Settings

pytestmark = pytest.mark.integration


async def _port_of_the_caller(scope: Scope, receive: Receive, send: Send) -> None:
    """Answers with the caller's port: the same number, the same connection."""
    assert scope["type"] == "http"
    client = scope["client"]
    body = str(client[1] if client else "").encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


def test_idle_connections_are_let_go_well_before_uvicorn_closes_them() -> None:
    closes_after = uvicorn.Config(_port_of_the_caller).timeout_keep_alive
    assert closes_after - KEEPALIVE_EXPIRY_SECONDS >= 1


async def test_a_request_after_a_pause_goes_on_a_new_connection(tmp_path: Path) -> None:
    # Few publications at once: one pool of connections, which the requests share in turn.
    few = Settings(var_dir=tmp_path, secret_key="test-secret-key", worker_concurrency=4)
    resource = http_client(few)
    client = await anext(resource)
    try:
        async with served_on_loopback(_port_of_the_caller) as url:
            at_once = [(await client.get(url)).text for _ in range(2)]
            await asyncio.sleep(KEEPALIVE_EXPIRY_SECONDS + 0.5)
            after_a_pause = (await client.get(url)).text
    finally:
        await anext(resource, None)  # closes the client
    assert at_once[0] == at_once[1]  # kept for the next request...
    assert after_a_pause != at_once[0]  # ...but not once idle for a while
