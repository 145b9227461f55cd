"""Opening and closing what the container holds open: the database pool, the HTTP client and
the media storage (its S3 client).

Each is an async resource (``providers.Resource`` over an async generator), opened by
``init_resources()`` on the event loop that will use them and closed by
``shutdown_resources()``, each once, what depends on a resource before the resource.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

from dependency_injector import providers

from autopost.entrypoints.container.root import Container
from autopost.entrypoints.settings import Settings


def build_container(settings: Settings, broker: object) -> Container:
    """The container, nothing opened yet: ``open_resources`` opens it on its event loop."""
    return Container(settings=settings, broker=broker)


async def open_resources(container: Container) -> None:
    """Open the database pool, the HTTP client and the media storage on the running event
    loop."""
    opening = container.init_resources()
    if opening is not None:
        await opening
    # Opening an async resource leaves its provider in async mode, where every call answers
    # an awaitable and so would every use case built on it. Open, it is handed out as it is.
    for resource in _resources(container):
        resource.disable_async_mode()


async def close_resources(container: Container) -> None:
    """Close what ``open_resources`` opened, once; a second call closes nothing."""
    # ``shutdown_resources`` closes asynchronously only if a resource is in async mode: in
    # sync mode it would start each async close and never wait for it.
    for resource in _resources(container):
        resource.enable_async_mode()
    closing = container.shutdown_resources()
    if closing is not None:
        await closing


@asynccontextmanager
async def opened_container(settings: Settings, broker: object) -> AsyncIterator[Container]:
    """A container open for the length of a ``async with``, for a command that does one thing."""
    container = build_container(settings, broker)
    await open_resources(container)
    try:
        yield container
    finally:
        await close_resources(container)


def _resources(container: Container) -> Iterator[providers.Resource[Any]]:
    yield from container.traverse(types=[providers.Resource])
