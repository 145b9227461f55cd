"""The worker: the publishing actor and the sweep, over the configured broker."""

from __future__ import annotations

from typing import Any

import dramatiq

from autopost.adapters.scheduling.actors import declare_actors
from autopost.adapters.scheduling.worker_runtime import WorkerRuntime
from autopost.entrypoints.container import Container, build_container, close_resources
from autopost.entrypoints.settings import Settings


def build_worker(settings: Settings, broker: dramatiq.Broker) -> tuple[WorkerRuntime, Container]:
    """A worker with a container of its own: its database pool and HTTP client live on the
    worker's event loop, apart from the web server's."""
    container = build_container(settings, broker)

    async def publish(publication_id: int, version: int) -> None:
        await container.publish().execute(publication_id, version)

    first_sweep = True

    async def sweep() -> Any:
        # An in-process broker starts empty: what it held before a restart is sent again.
        nonlocal first_sweep
        resend_all, first_sweep = first_sweep and not settings.broker_url, False
        sent = await container.dispatch_due().execute(resend_all=resend_all)
        await container.renew_pinterest_tokens().execute()
        return sent

    async def on_stop() -> None:
        await close_resources(container)

    declare_actors(broker, publish)
    runtime = WorkerRuntime(
        broker,
        sweep=sweep,
        sweep_interval=settings.sweep_interval_seconds,
        worker_threads=settings.worker_threads,
        on_stop=on_stop,
    )
    return runtime, container
