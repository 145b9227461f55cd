"""The worker: the publishing actor and the sweep, over the configured broker."""

from __future__ import annotations

import logging
from typing import Any

import dramatiq

from autopost.adapters.scheduling.actors import declare_actors
from autopost.adapters.scheduling.in_flight import InFlight
from autopost.adapters.scheduling.worker_runtime import PeriodicJob, WorkerRuntime
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.errors import DomainError
from autopost.entrypoints.container import Container, build_container, close_resources
from autopost.entrypoints.settings import Settings

log = logging.getLogger(__name__)

# Tokens are renewed a day (Pinterest) or a week (Instagram Login) before they expire: a look
# every minute is plenty.
TOKEN_CHECK_INTERVAL_S = 60.0


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
        return await container.dispatch_due().execute(resend_all=resend_all)

    async def renew_tokens() -> None:
        await container.renew_pinterest_tokens().execute()
        await container.refresh_instagram_tokens().execute()

    async def sync_instagram() -> None:
        try:
            await container.sync_all_instagram().execute()
        except (DomainError, PlatformError) as failed:
            log.warning("the periodic Instagram sync did not finish: %s", failed)

    async def on_stop() -> None:
        await close_resources(container)

    in_flight = InFlight(settings.worker_concurrency)
    declare_actors(broker, publish, in_flight)

    async def renew_leases() -> int:
        return await container.renew_leases().execute()

    runtime = WorkerRuntime(
        broker,
        jobs=[
            PeriodicJob("sweep", sweep, settings.sweep_interval_seconds),
            # A third of a lease: two renewals may be late before a claim runs out.
            PeriodicJob("leases", renew_leases, settings.publish_lease_seconds / 3),
            PeriodicJob("tokens", renew_tokens, TOKEN_CHECK_INTERVAL_S),
            *(
                [PeriodicJob("instagram sync", sync_instagram, sync_interval, sync_interval)]
                if (sync_interval := settings.instagram_sync_interval_seconds) > 0
                else []
            ),
        ],
        worker_threads=settings.worker_threads,
        in_flight=in_flight,
        on_stop=on_stop,
    )
    return runtime, container
