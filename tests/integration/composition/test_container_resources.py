"""The container opens the database pool and the HTTP client on the loop that uses them and
closes each once: an async close that is started but never waited for would leave the
connections open."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.entrypoints.container import (
    build_container,
    close_resources,
    open_resources,
    opened_container,
)
from autopost.entrypoints.settings import Settings

pytestmark = pytest.mark.integration


def settings(var_dir: Path) -> Settings:
    return Settings(var_dir=var_dir, secret_key="test-secret-key")


async def test_open_resources_hand_out_the_engine_and_client_themselves(tmp_path: Path) -> None:
    container = build_container(settings(tmp_path), broker=None)
    await open_resources(container)
    try:
        engine = container.infrastructure.engine()
        client = container.infrastructure.http_client()
        assert isinstance(engine, AsyncEngine)
        assert isinstance(client, httpx.AsyncClient)
        # One of each for the whole process, and a use case built on them is no awaitable.
        assert container.infrastructure.engine() is engine
        assert container.instagram().gateway() is container.instagram().gateway()
        assert hasattr(container.posting().get_post(), "execute")
    finally:
        await close_resources(container)


async def test_closing_closes_the_http_client_once(tmp_path: Path) -> None:
    async with opened_container(settings(tmp_path), broker=None) as container:
        client = container.infrastructure.http_client()
        assert not client.is_closed

    assert client.is_closed
    await close_resources(container)  # a second close finds nothing open, and fails nothing


async def test_a_container_never_opened_closes_without_error(tmp_path: Path) -> None:
    await close_resources(build_container(settings(tmp_path), broker=None))
