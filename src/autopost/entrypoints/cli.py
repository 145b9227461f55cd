"""The ``autopost`` command."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import click

from autopost.adapters.http.app import create_app
from autopost.adapters.observability.log_format import configure
from autopost.adapters.persistence.migrate import upgrade_database
from autopost.adapters.scheduling.broker import create_broker
from autopost.application.access import SYSTEM
from autopost.application.instagram.sync import SyncReport
from autopost.application.integrations.key_rotation import Resealed
from autopost.application.pinterest.errors import BoardsMalformed
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.board import BoardSection
from autopost.domain.errors import AccountNotChosen, DomainError
from autopost.domain.platform import Platform
from autopost.entrypoints.container import (
    build_container,
    close_resources,
    open_resources,
    opened_container,
)
from autopost.entrypoints.graceful_stop import serve_until_stopped
from autopost.entrypoints.insights_commands import collect_insights
from autopost.entrypoints.observability import observe
from autopost.entrypoints.operations_commands import backup, check, restore, status
from autopost.entrypoints.settings import Settings, load_settings
from autopost.entrypoints.worker import build_worker
from autopost.entrypoints.worker_identity import EMBEDDED

log = logging.getLogger("autopost")

# The option a refusal is about, said before its message as the commands always have.
OPTION_OF: dict[type[Exception], str] = {AccountNotChosen: "credential", BoardsMalformed: "boards"}


def _said(refused: Exception) -> str:
    option = OPTION_OF.get(type(refused))
    return f"{option}: {refused}" if option else str(refused)


class WithoutQueryStrings(logging.Filter):
    """uvicorn's access log writes each request's path with its query string, and OAuth
    callbacks carry the authorization code there: the query string is left out."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def configure_logging(settings: Settings) -> None:
    # Every line, uvicorn's too, goes through the root logger's one handler: one format,
    # and the request, publication and post at hand on each line.
    configure(settings.log_level, settings.log_format)
    # httpx logs every request's URL at INFO, and Meta's token endpoints take the app secret
    # and tokens in the query string: those lines must never be written.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("uvicorn.access").addFilter(WithoutQueryStrings())


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
    observe(settings, broker, own_server=False)
    runtime = None
    if not settings.broker_url:
        runtime, _ = build_worker(settings, broker, kind=EMBEDDED)
        runtime.start()
        log.info("embedded mode: worker and scheduler run in this process")

    async def startup() -> None:
        await open_resources(container)

    async def shutdown() -> None:
        await close_resources(container)

    app = create_app(
        container,
        on_startup=startup,
        on_shutdown=shutdown,
        language=settings.language,
        edge=container.infrastructure.http_edge(),
        readiness=container.operations(),
    )
    # uvicorn believes X-Forwarded-For and X-Forwarded-Proto from loopback by default: a
    # client on the proxy's machine would pick its own address and scheme. Autopost reads
    # them itself, only when AUTOPOST_TRUST_PROXY_HEADERS says so (session_cookies.py).
    serve_until_stopped(
        app,
        settings.stop_grace_seconds,
        on_stop=runtime.stop if runtime is not None else lambda: None,
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        log_config=None,  # uvicorn's lines go to the handler configure_logging set up
        proxy_headers=False,
        server_header=False,
    )
    log.info("stopped")


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
    stop_metrics = observe(settings, broker, own_server=True)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    runtime.start()
    log.info("worker started")
    stop.wait()
    log.info("worker stopping")
    runtime.stop()
    stop_metrics()


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
        async with opened_container(settings, broker=None) as container:
            await container.people().create_superuser().execute(username, email, password)

    try:
        asyncio.run(create())
    except DomainError as refused:
        click.echo(f"error: {refused}", err=True)
        sys.exit(1)
    click.echo(f"superuser {username} created")


@main.command("rotate-secret-key")
def rotate_secret_key() -> None:
    """Re-encrypt every stored token and key with the first key of AUTOPOST_SECRET_KEY.

    To change the key: set AUTOPOST_SECRET_KEY=new,old, run this, then drop the old key."""
    settings = load_settings()
    configure_logging(settings)
    upgrade_database(settings.effective_database_url)

    async def rotate() -> Resealed:
        async with opened_container(settings, broker=None) as container:
            return await container.integrations().rotate_secret_key().execute()

    done = asyncio.run(rotate())
    click.echo(
        f"re-encrypted {done.account_tokens} account token(s) and "
        f"{done.integration_keys} integration key(s) with the newest key"
    )


@main.group()
def pinterest() -> None:
    """Pinterest accounts."""


@pinterest.command("boards")
@click.option("--credential", type=int, help="The Pinterest account (needed when several).")
@click.option("--boards", "boards_json", help='Boards given by hand: \'{"code": "9005..."}\'.')
@click.option(
    "--boards-file", type=click.Path(exists=True, dir_okay=False), help="The same, from a file."
)
def pinterest_boards(
    credential: int | None, boards_json: str | None, boards_file: str | None
) -> None:
    """Refresh the boards cache from Pinterest (boards, or the boards of the account's pins
    when the API lists none), or store boards given by hand; then print the boards."""
    if boards_json and boards_file:
        raise click.UsageError("give --boards or --boards-file, not both")
    manual = None
    raw = boards_json or (Path(boards_file).read_text() if boards_file else None)
    if raw is not None:
        try:
            manual = json.loads(raw)
        except ValueError as bad:
            raise click.UsageError(f"the boards are not valid JSON: {bad}") from None
        if not isinstance(manual, dict):
            raise click.UsageError('give an object: {"board name": "board id", ...}')
    settings = load_settings()
    configure_logging(settings)

    async def refresh() -> list[tuple[str, str, str, str]]:
        async with opened_container(settings, broker=None) as container:
            refresh_boards = container.pinterest().refresh_boards()
            boards = await refresh_boards.execute(SYSTEM, credential, manual=manual)
            sections: Sequence[BoardSection] = ()
            if boards:
                listing = container.pinterest().list_stored_sections()
                sections = await listing.execute(SYSTEM, boards[0].credential_id)
            return [
                (
                    b.name,
                    b.board_id,
                    b.source.value,
                    ", ".join(
                        f"{s.name} ({s.section_id})" for s in sections if s.board_id == b.board_id
                    ),
                )
                for b in boards
            ]

    try:
        rows = asyncio.run(refresh())
    except (DomainError, PlatformError) as refused:
        click.echo(f"error: {_said(refused)}", err=True)
        sys.exit(1)
    width = max([len("name"), *(len(row[0]) for row in rows)])
    click.echo(f"{'name':<{width}}  {'board id':<20}  {'source':<7}  sections")
    for name, board_id, source, in_it in rows:
        click.echo(f"{name:<{width}}  {board_id:<20}  {source:<7}  {in_it}".rstrip())
    click.echo(f"{len(rows)} board(s)")


@pinterest.command("insights")
@click.option("--credential", type=int, help="One account; every connected one without it.")
def pinterest_insights(credential: int | None) -> None:
    """Collect the daily analytics of the pins Autopost published."""
    settings = load_settings()
    configure_logging(settings)
    collect_insights(settings, Platform.PINTEREST, credential)


@main.group()
def instagram() -> None:
    """Instagram accounts."""


# "Try again later" (sysexits' EX_TEMPFAIL): what was read is kept, and the next run goes on.
EXIT_PART_WAY = 75


@instagram.command("sync")
@click.option("--credential", type=int, help="The Instagram account (needed when several).")
@click.option("--full", is_flag=True, help="Read every page, and mark media deleted on Instagram.")
def instagram_sync(credential: int | None, full: bool) -> None:
    """Pull the account's media into Autopost, showing progress as pages arrive."""
    settings = load_settings()
    configure_logging(settings)

    async def run_sync() -> SyncReport:
        async with opened_container(settings, broker=None) as container:
            with click.progressbar(
                length=0, label="Syncing", show_pos=True, show_percent=False, show_eta=False
            ) as bar:
                return (
                    await container.instagram()
                    .sync_instagram()
                    .execute(SYSTEM, credential, full=full, progress=bar.update)
                )

    try:
        report = asyncio.run(run_sync())
    except (DomainError, PlatformError) as refused:
        click.echo(f"error: {_said(refused)}", err=True)
        sys.exit(1)
    done, stopped = sync_summary(report)
    click.echo(done)
    if stopped is not None:
        click.echo(stopped, err=True)
        sys.exit(EXIT_PART_WAY)


@instagram.command("insights")
@click.option("--credential", type=int, help="One account; every connected one without it.")
def instagram_insights(credential: int | None) -> None:
    """Collect the insights that are due: each media's metrics, the followers and when they
    are online."""
    settings = load_settings()
    configure_logging(settings)
    collect_insights(settings, Platform.INSTAGRAM, credential)


def sync_summary(report: SyncReport) -> tuple[str, str | None]:
    """What a sync did, and why it stopped part way when it did."""
    went_on = "went on from where the last sync stopped; " if report.resumed else ""
    done = (
        f"{went_on}{report.seen} media read in {report.pages} page(s): "
        f"{report.new_or_changed} new or changed, {report.deleted} marked deleted, "
        f"{report.linked} linked to published posts ({report.retries} call(s) tried again)"
    )
    if report.finished:
        return done, None
    return done, f"stopped part way ({report.stopped}); the next sync goes on from there."


def _milliseconds(context: click.Context, parameter: click.Parameter, value: float) -> float:
    from autopost.sandbox.latency import MAX_MS

    if not 0 <= value <= MAX_MS:
        raise click.BadParameter(f"{value:g} is not a number of milliseconds from 0 to {MAX_MS}")
    return value


def _endpoint_delays(
    context: click.Context, parameter: click.Parameter, values: tuple[str, ...]
) -> dict[str, float]:
    from autopost.sandbox.latency import MAX_MS

    delays: dict[str, float] = {}
    for value in values:
        endpoint, equals, ms = value.rpartition("=")
        try:
            delay = float(ms)
        except ValueError:
            delay = -1.0
        if not equals or not endpoint.strip("/") or not 0 <= delay <= MAX_MS:
            raise click.BadParameter(f"{value!r} is not ENDPOINT=MS, such as media_publish=2000")
        delays[endpoint] = delay
    return delays


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8900, show_default=True, type=int)
@click.option(
    "--delay-ms",
    default=0.0,
    callback=_milliseconds,
    help="Every platform call is answered after this many milliseconds, as a slow platform.",
)
@click.option(
    "--jitter-ms",
    default=0.0,
    callback=_milliseconds,
    help="Each delay is drawn evenly within this many milliseconds of it (never below 0).",
)
@click.option(
    "--endpoint-delay",
    "endpoint_delays",
    multiple=True,
    callback=_endpoint_delays,
    metavar="ENDPOINT=MS",
    help="A delay of their own for the calls whose path ends so (media_publish=2000); repeatable.",
)
@click.option(
    "--smtp-port",
    default=None,
    type=click.IntRange(0, 65535),
    help="Also run an SMTP sink on this port (on --host); /_sandbox/mail/ lists what it got.",
)
def sandbox(
    host: str,
    port: int,
    delay_ms: float,
    jitter_ms: float,
    endpoint_delays: dict[str, float],
    smtp_port: int | None,
) -> None:
    """A local emulator of the Instagram Graph API and Pinterest API v5 (with their OAuth),
    of Telegram's Bot API and of an SMTP server, to try Autopost without real accounts."""
    from autopost.sandbox.app import run
    from autopost.sandbox.latency import PlatformLatency
    from autopost.sandbox.settings import SandboxSettings

    latency = PlatformLatency(ms=delay_ms, jitter_ms=jitter_ms, endpoints=endpoint_delays)
    run(host, port, SandboxSettings(latency=latency, smtp_port=smtp_port, smtp_host=host))


for command in (status, check, backup, restore):
    main.add_command(command)


if __name__ == "__main__":
    main()
