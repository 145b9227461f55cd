"""The benchmark's client spreads its requests over several API processes in turn, as a load
balancer would (benchmarks/autopost_stack.py, ``RoundRobin``), keeping the path, the query and
the headers of each."""

from __future__ import annotations

import json

import httpx
import pytest
from benchmarks.autopost_stack import RoundRobin
from starlette.types import ASGIApp, Receive, Scope, Send
from tests.loopback_server import served_on_loopback

pytestmark = pytest.mark.integration


def answering_as(name: str) -> ASGIApp:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        seen = {
            "server": name,
            "path": scope["path"],
            "query": scope["query_string"].decode(),
            "token": dict(scope["headers"]).get(b"authorization", b"").decode(),
        }
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": json.dumps(seen).encode()})

    return app


async def test_each_request_goes_to_the_next_process_in_turn() -> None:
    async with (
        served_on_loopback(answering_as("first")) as first,
        served_on_loopback(answering_as("second")) as second,
    ):
        transport = RoundRobin([first, second], httpx.Limits(max_connections=4))
        async with httpx.AsyncClient(
            base_url=first, transport=transport, headers={"Authorization": "Token t"}
        ) as client:
            seen = [(await client.get("/api/v1/posts/", params={"n": n})).json() for n in range(4)]
    assert [s["server"] for s in seen] == ["first", "second", "first", "second"]
    assert {(s["path"], s["token"]) for s in seen} == {("/api/v1/posts/", "Token t")}
    assert [s["query"] for s in seen] == [f"n={n}" for n in range(4)]
