"""A container whose HTTP client is one a test made (answered by the sandbox in process)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from dependency_injector import providers

from autopost.entrypoints.container import Container


def answer_with(container: Container, client: httpx.AsyncClient) -> None:
    """``client`` in place of the container's own, opened and closed as its resource was."""

    async def opened() -> AsyncIterator[httpx.AsyncClient]:
        yield client
        await client.aclose()

    container.infrastructure.http_client.override(providers.Resource(opened))
