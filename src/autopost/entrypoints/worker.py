"""The worker: the publishing actor and the periodic jobs, over the configured broker."""

from __future__ import annotations

import asyncio

import dramatiq

from autopost.adapters.observability.log_context import publication_at_work
from autopost.adapters.scheduling.actors import declare_actors
from autopost.adapters.scheduling.in_flight import InFlight
from autopost.adapters.scheduling.notification_actor import declare_notification_actor
from autopost.adapters.scheduling.webhook_actors import declare_webhook_actors
from autopost.adapters.scheduling.worker_runtime import HandBack, WorkerRuntime
from autopost.application.operations.heartbeat import KeepWorkerHeartbeat
from autopost.entrypoints.container import (
    Container,
    build_container,
    close_resources,
    open_resources,
)
from autopost.entrypoints.settings import Settings
from autopost.entrypoints.worker_identity import WORKER, this_worker
from autopost.entrypoints.worker_jobs import heartbeat, periodic_jobs

# Notifications sent at once by one worker, apart from its publications' places.
NOTIFICATIONS_IN_FLIGHT = 50


class OpenOnce:
    """Opens the container's database pool and HTTP client on the worker's event loop, once,
    before anything uses them: a message may arrive before the worker has finished starting."""

    def __init__(self, container: Container) -> None:
        self._container = container
        self._lock = asyncio.Lock()
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    async def __call__(self) -> None:
        if self._open:
            return
        async with self._lock:
            if not self._open:
                await open_resources(self._container)
                self._open = True


def build_worker(
    settings: Settings, broker: dramatiq.Broker, kind: str = WORKER
) -> tuple[WorkerRuntime, Container]:
    """A worker with a container of its own: its database pool and HTTP client live on the
    worker's event loop, apart from the web server's. ``kind``: ``worker`` or ``embedded``,
    as its heartbeat says."""
    container = build_container(settings, broker)
    ready = OpenOnce(container)

    async def publish(publication_id: int, version: int) -> None:
        await ready()
        # Each publication runs in a task of its own: its log lines, and only they, name it.
        with publication_at_work(publication_id):
            await container.publishing().publish().execute(publication_id, version)

    def hand_back() -> HandBack:
        # Read before the work still in flight is cancelled: its claims are let go as it ends.
        held = container.publishing().held_claims().snapshot()
        return lambda: container.publishing().hand_back_claims().execute(held)

    async def deliver(delivery_id: int) -> None:
        await ready()
        await container.notifications().deliver_notification().execute(delivery_id)

    in_flight = InFlight(settings.worker_concurrency)
    me = this_worker(kind, settings.worker_threads)

    def keeper() -> KeepWorkerHeartbeat:
        """Built once the container is open: its heartbeats need the database pool."""
        return container.operations().keep_heartbeat(me=me, in_flight=lambda: in_flight.running)

    async def on_stop() -> None:
        try:
            if ready.is_open:
                # A clean stop leaves no row that would look like a worker just died.
                await keeper().stop()
        finally:
            await close_resources(container)

    async def relay_events(event_ids: list[str]) -> None:
        await ready()
        await container.webhooks().relay_events().execute(event_ids)

    async def deliver_webhook(delivery_id: int) -> None:
        await ready()
        await container.webhooks().deliver().execute(delivery_id)

    declare_actors(broker, publish, in_flight)
    declare_notification_actor(broker, deliver, InFlight(NOTIFICATIONS_IN_FLIGHT))
    declare_webhook_actors(broker, relay_events, deliver_webhook, settings.webhook_concurrency)
    runtime = WorkerRuntime(
        broker,
        jobs=[*periodic_jobs(container, settings, ready), heartbeat(keeper, settings, ready)],
        worker_threads=settings.worker_threads,
        in_flight=in_flight,
        on_start=ready,
        on_stop=on_stop,
        stop_grace=settings.stop_grace_seconds,
        hand_back=hand_back,
    )
    return runtime, container
