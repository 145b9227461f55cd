"""The real container on a fresh SQLite file with one administrator, and an API client signed
in as them: the world of the API tests that need no platform."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from autopost.adapters.http.app import create_app
from autopost.adapters.persistence.migrate import upgrade_database_async
from autopost.adapters.scheduling.broker import create_broker
from autopost.entrypoints.container import (
    Container,
    build_container,
    close_resources,
    open_resources,
)
from autopost.entrypoints.settings import Settings

PASSWORD = "a long enough passphrase"


@asynccontextmanager
async def admin_container(var_dir: Path, **settings: Any) -> AsyncIterator[Container]:
    built = build_container(
        Settings(var_dir=var_dir, secret_key="test-secret-key", **settings), create_broker(None)
    )
    await open_resources(built)
    await upgrade_database_async(built.infrastructure.engine())
    await built.people.create_superuser().execute("admin", "admin@example.com", PASSWORD)
    try:
        yield built
    finally:
        await close_resources(built)


@asynccontextmanager
async def admin_client(
    container: Container, raise_app_exceptions: bool = True
) -> AsyncIterator[httpx.AsyncClient]:
    """Signed in with the token the administrator's password gets."""
    transport = httpx.ASGITransport(
        app=create_app(container), raise_app_exceptions=raise_app_exceptions
    )
    async with httpx.AsyncClient(transport=transport, base_url="http://autopost.test") as client:
        answer = await client.post(
            "/api/v1/api-token-auth/", json={"username": "admin", "password": PASSWORD}
        )
        client.headers["Authorization"] = f"Token {answer.json()['token']}"
        yield client
