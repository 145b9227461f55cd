"""Fixtures of the platform gateway tests: a hand-moved clock, a respx-mocked Graph API whose
every request is checked against the node specs (a file names its ids in ``graph_nodes``), and
``autopost sandbox`` in process (a file may override ``clock``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping

import graph_contract
import httpx
import pytest
import respx
from platform_kit import GRAPH_BASE, NOW, SANDBOX_BASE, FakeClock

from autopost.sandbox.app import create_app
from autopost.sandbox.clock import Clock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def graph(graph_nodes: Mapping[str, str]) -> Iterator[respx.MockRouter]:
    """Graph at ``GRAPH_BASE``; on teardown, every request made must follow the contract."""
    with respx.mock(base_url=GRAPH_BASE, assert_all_called=False) as router:
        yield router
        for call in router.calls:
            graph_contract.assert_follows_contract(call.request, graph_nodes)


@pytest.fixture
async def sandbox(clock: Clock) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(clock=clock))
    async with httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE) as client:
        yield client
