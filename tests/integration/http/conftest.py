"""Fixtures over the sandboxed world of ``sandboxed_world``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from admin_world import admin_client, admin_container
from page_browser import open_browser, sign_in
from sandboxed_world import sandboxed_container, seed_world, sqlite_copy
from starlette.applications import Starlette

from autopost.adapters.http.app import create_app
from autopost.entrypoints.container import Container, close_resources
from autopost.sandbox.app import create_app as create_sandbox_app


@pytest.fixture
async def container(tmp_path: Path) -> AsyncIterator[Container]:
    """The real container on a fresh SQLite database, with an administrator (``admin_world``)."""
    async with admin_container(tmp_path) as built:
        yield built


@pytest.fixture
async def client(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    """The API over ``container``, signed in as its administrator."""
    async with admin_client(container) as signed_in:
        yield signed_in


@pytest.fixture
def sandbox_app() -> Starlette:
    return create_sandbox_app()


@pytest.fixture
async def seeded_client(
    tmp_path: Path, database_url: str, sandbox_app: Starlette
) -> AsyncIterator[httpx.AsyncClient]:
    """The API over the seeded world, signed in as the administrator; on SQLite, then on
    PostgreSQL (see tests/integration/conftest.py)."""
    container = await sandboxed_container(tmp_path, database_url, sandbox_app)
    token = await seed_world(container, sandbox_app)
    app = create_app(container)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://autopost.test",
        headers={"Authorization": f"Token {token}"},
    ) as client:
        yield client
    await close_resources(container)


@pytest.fixture
async def world(
    tmp_path: Path, sqlite_template: Path, sandbox_app: Starlette
) -> AsyncIterator[Container]:
    """The real container on a copy of the migrated SQLite template, seeded with the sandbox's
    demo accounts (``sandboxed_world.seed_world``): the world of the desk's page tests."""
    container = await sandboxed_container(
        tmp_path, sqlite_copy(sqlite_template, tmp_path), sandbox_app
    )
    await seed_world(container, sandbox_app)
    yield container
    await close_resources(container)


@pytest.fixture
async def browser(world: Container) -> AsyncIterator[httpx.AsyncClient]:
    """The pages of ``world`` as a browser without scripts sees them, signed in as its
    administrator through the sign-in form."""
    async with open_browser(create_app(world)) as client:
        await sign_in(client)
        yield client
