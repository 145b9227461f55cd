"""Fixtures of the sandbox tests: the sandbox app in process on a hand-moved clock, and served
by uvicorn on a loopback port. A test file changes the sandbox's knobs by overriding
``sandbox_settings`` (or ``live_sandbox_settings``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sandbox_kit import START, FakeClock
from tests.loopback_server import served_on_loopback

from autopost.sandbox import SandboxSettings, create_app


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def sandbox_settings() -> SandboxSettings:
    return SandboxSettings()


@pytest.fixture
async def sandbox(
    clock: FakeClock, sandbox_settings: SandboxSettings
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(sandbox_settings, clock=clock))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        yield client


@pytest.fixture
def live_sandbox_settings() -> SandboxSettings:
    return SandboxSettings()


@pytest.fixture
async def live_sandbox(live_sandbox_settings: SandboxSettings) -> AsyncIterator[str]:
    """The sandbox served by uvicorn on a free loopback port, on the system clock."""
    async with served_on_loopback(create_app(live_sandbox_settings)) as url:
        yield url
