"""The ``autopost`` command."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import threading

import click
import uvicorn

from autopost.adapters.http.app import create_app
from autopost.adapters.persistence.migrate import upgrade_database
from autopost.adapters.scheduling.broker import create_broker
from autopost.domain.errors import DomainError
from autopost.entrypoints.container import build_container, close_resources
from autopost.entrypoints.settings import Settings, load_settings
from autopost.entrypoints.worker import build_worker

log = logging.getLogger("autopost")


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request line; our requests carry no secret in the URL, but the
    # noise is not useful in production.
    logging.getLogger("httpx").setLevel(logging.WARNING)


@click.group()
def main() -> None:
    """Autopost: schedules and publishes posts to Instagram and Pinterest."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """The HTTP API. With no AUTOPOST_BROKER_URL, also the worker and scheduler, in-process."""
    settings = load_settings()
    configure_logging(settings)
    upgrade_database(settings.effective_database_url)
    broker = create_broker(settings.broker_url)
    container = build_container(settings, broker)
    runtime = None
    if not settings.broker_url:
        runtime, _ = build_worker(settings, broker)
        runtime.start()
        log.info("embedded mode: worker and scheduler run in this process")

    async def shutdown() -> None:
        await close_resources(container)

    app = create_app(container, on_shutdown=shutdown)
    try:
        uvicorn.run(app, host=host, port=port, log_level=settings.log_level.lower())
    finally:
        if runtime is not None:
            runtime.stop()


@main.command()
def worker() -> None:
    """A worker process: publishes what is due. Needs AUTOPOST_BROKER_URL."""
    settings = load_settings()
    configure_logging(settings)
    if not settings.broker_url:
        raise click.UsageError(
            "set AUTOPOST_BROKER_URL to a Redis or RabbitMQ URL; without a broker, "
            "`autopost serve` runs the worker in its own process"
        )
    broker = create_broker(settings.broker_url)
    runtime, _ = build_worker(settings, broker)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    runtime.start()
    log.info("worker started")
    stop.wait()
    log.info("worker stopping")
    runtime.stop()


@main.command()
def migrate() -> None:
    """Apply database migrations."""
    settings = load_settings()
    configure_logging(settings)
    upgrade_database(settings.effective_database_url)
    click.echo("database is up to date")


@main.command()
@click.option("--username", prompt=True)
@click.option("--email", prompt=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def createsuperuser(username: str, email: str, password: str) -> None:
    """Create the first administrator; prompts only for what is not given."""
    settings = load_settings()
    configure_logging(settings)
    upgrade_database(settings.effective_database_url)

    async def create() -> None:
        container = build_container(settings, broker=None)
        try:
            await container.create_superuser().execute(username, email, password)
        finally:
            await close_resources(container)

    try:
        asyncio.run(create())
    except DomainError as refused:
        click.echo(f"error: {refused}", err=True)
        sys.exit(1)
    click.echo(f"superuser {username} created")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8900, show_default=True, type=int)
def sandbox(host: str, port: int) -> None:
    """A local emulator of the Instagram Graph API, to try Autopost without an account."""
    from autopost.sandbox.app import run

    run(host, port)


if __name__ == "__main__":
    main()
