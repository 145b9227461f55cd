"""The operators' commands: ``autopost status``, ``check``, ``backup`` and ``restore``."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from autopost.adapters.persistence.sqlite_backup import (
    NotABackup,
    sqlite_file,
    workers_seen_since,
)
from autopost.adapters.persistence.sqlite_backup import backup as backup_sqlite
from autopost.adapters.persistence.sqlite_backup import restore as restore_sqlite
from autopost.adapters.scheduling.broker import create_broker
from autopost.adapters.scheduling.broker_probe import DramatiqBrokerProbe
from autopost.application.operations.status import StatusReport
from autopost.application.operations.wording import database_check
from autopost.domain.readiness import Check
from autopost.domain.worker_heartbeat import FRESH_BEATS, WorkerHeartbeat
from autopost.entrypoints.container import opened_container
from autopost.entrypoints.settings import Settings, load_settings

POSTGRES_ROUTE = """\
The database is PostgreSQL: back it up and restore it with PostgreSQL's own tools, e.g.
  pg_dump --format=custom --file=autopost.dump "$DATABASE"            # online, consistent
  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE" autopost.dump
with $DATABASE the server's postgresql:// URL (AUTOPOST_DATABASE_URL without a driver name).
Stop `autopost serve` and the workers before a restore, then run `autopost migrate`.
Keep AUTOPOST_SECRET_KEY with the dump: the account tokens in it are sealed with it.
See "Backups" in the README."""


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ValidationError as invalid:
        for line in _settings_problems(invalid):
            click.echo(f"problem  settings: {line}", err=True)
        sys.exit(1)


def _settings_problems(invalid: ValidationError) -> list[str]:
    """Pydantic's own messages, each under the variable that holds the value."""
    problems = []
    for error in invalid.errors():
        name = "AUTOPOST_" + "_".join(str(part) for part in error["loc"]).upper()
        problems.append(f"{name}: {error['msg']} (set it in the environment or .env)")
    return problems


def _ago(now: datetime, then: datetime) -> str:
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


def _worker_line(now: datetime, beat: WorkerHeartbeat) -> str:
    return (
        f"  {beat.name}  {beat.kind}, up {_ago(now, beat.started_at)}, last seen "
        f"{_ago(now, beat.last_seen)} ago, {beat.in_flight} publication(s) in flight, "
        f"{beat.threads} thread(s)"
    )


def _status_text(report: StatusReport) -> list[str]:
    now = report.now
    lines = [f"Workers alive: {len(report.alive)}"]
    lines += [_worker_line(now, beat) for beat in report.alive]
    if report.recently_dead:
        lines.append(f"Workers recently dead: {len(report.recently_dead)}")
        lines += [_worker_line(now, beat) for beat in report.recently_dead]
    broker = report.broker
    if not broker.reachable:
        lines.append(f"Queue: {broker.kind} does not answer ({broker.error})")
    elif broker.waiting is None:
        lines.append(
            f"Queue: n/a ({broker.kind}: the broker lives inside `autopost serve` and holds "
            "only what is due within minutes)"
        )
    else:
        lines.append(f"Queue: {broker.waiting} message(s) waiting in {broker.kind}")
    lines.append(f"Due in the next hour: {report.due_next_hour} publication(s)")
    lines.append(f"Overdue: {report.overdue_count} publication(s)")
    for due in report.overdue:
        lines.append(
            f"  publication {due.publication_id} (post {due.post_id}, {due.platform}) was due "
            f"{due.publish_at.isoformat()}, {_ago(now, due.publish_at)} ago, {due.status}"
        )
    if report.overdue_count > len(report.overdue):
        lines.append(f"  … and {report.overdue_count - len(report.overdue)} more")
    return lines


def _worker_json(beat: WorkerHeartbeat) -> dict[str, Any]:
    return {
        "name": beat.name,
        "kind": beat.kind,
        "host": beat.host,
        "pid": beat.pid,
        "started_at": beat.started_at.isoformat(),
        "last_seen": beat.last_seen.isoformat(),
        "threads": beat.threads,
        "in_flight": beat.in_flight,
    }


def _status_json(report: StatusReport) -> dict[str, Any]:
    return {
        "at": report.now.isoformat(),
        "workers": {
            "alive": [_worker_json(beat) for beat in report.alive],
            "recently_dead": [_worker_json(beat) for beat in report.recently_dead],
        },
        "queue": {
            "broker": report.broker.kind,
            "reachable": report.broker.reachable,
            "waiting": report.broker.waiting,
            "error": report.broker.error,
        },
        "due_next_hour": report.due_next_hour,
        "overdue": {
            "count": report.overdue_count,
            "publications": [
                {
                    "id": due.publication_id,
                    "post": due.post_id,
                    "platform": due.platform.value,
                    "date_pub": due.publish_at.isoformat(),
                    "status": due.status,
                }
                for due in report.overdue
            ],
        },
    }


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object, for programs.")
def status(as_json: bool) -> None:
    """The workers alive (and recently dead), the messages waiting in the broker, the
    publications due in the next hour and those overdue."""
    settings = _settings_or_exit()
    broker = create_broker(settings.broker_url)

    async def read() -> StatusReport | Check:
        async with opened_container(settings, broker) as container:
            operations = container.operations()
            database = await operations.database_probe().state()
            if not database.migrated:
                return database_check(database)
            # Another process's embedded broker cannot be asked: this one's would say 0.
            probe = DramatiqBrokerProbe(broker, own_process=False)
            report: StatusReport = await operations.read_status(broker=probe).execute()
            return report

    found = asyncio.run(read())
    if isinstance(found, Check):
        click.echo(f"problem  database: {found.detail}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(_status_json(found), indent=2))
    else:
        click.echo("\n".join(_status_text(found)))


@click.command()
def check() -> None:
    """Does everything configured work? The settings, the database (and its migrations), the
    broker and each configured platform's API: one line each, with what to do about a
    problem. Exit status 0 when all is well, 1 otherwise."""
    settings = _settings_or_exit()
    click.echo("ok       settings: read from the environment and .env")
    try:
        broker = create_broker(settings.broker_url)
    except (ValueError, RuntimeError) as refused:
        click.echo(f"problem  broker: {refused}")
        sys.exit(1)

    async def run() -> list[Check]:
        async with opened_container(settings, broker) as container:
            checks: list[Check] = await container.operations().check_installation().execute()
            return checks

    try:
        checks = asyncio.run(run())
    except Exception as failed:  # the database cannot even be opened (a driver, a bad URL)
        # Its type only: the message may hold the URL, and its password.
        click.echo(
            f"problem  database: cannot be opened ({type(failed).__name__}): check "
            "AUTOPOST_DATABASE_URL (sqlite:///path or postgresql://user:pass@host:port/db)"
        )
        sys.exit(1)
    for found in checks:
        click.echo(f"{'ok' if found.ok else 'problem':<8} {found.name}: {found.detail}")
    sys.exit(0 if all(found.ok for found in checks) else 1)


def _sqlite_or_exit(settings: Settings) -> Path:
    database = sqlite_file(settings.effective_database_url)
    if database is None:
        click.echo(POSTGRES_ROUTE, err=True)
        sys.exit(1)
    return database


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path) -> None:
    """Copy the SQLite database to PATH while Autopost runs: a consistent copy, through
    SQLite's backup API. For PostgreSQL, says how to use pg_dump."""
    settings = _settings_or_exit()
    database = _sqlite_or_exit(settings)
    try:
        backup_sqlite(database, path)
    except FileNotFoundError:
        click.echo(f"error: there is no database at {database} (AUTOPOST_DATABASE_URL)", err=True)
        sys.exit(1)
    click.echo(
        f"backed up {database} to {path} ({path.stat().st_size} bytes). Keep "
        "AUTOPOST_SECRET_KEY (or var/secret_key) with it: the account tokens in it are "
        "sealed with that key."
    )


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help="Restore even though a worker has used the database lately."
)
def restore(path: Path, force: bool) -> None:
    """Replace the SQLite database with the backup at PATH. Refused while a server or worker
    uses the database (a heartbeat within three intervals), unless --force. The database
    that was there is kept as <name>.before-restore. For PostgreSQL, says how to use
    pg_restore."""
    settings = _settings_or_exit()
    database = _sqlite_or_exit(settings)
    fresh_since = datetime.now(UTC) - FRESH_BEATS * timedelta(seconds=settings.heartbeat_seconds)
    running = workers_seen_since(database, fresh_since)
    if running and not force:
        click.echo(
            f"error: {database} is in use: {', '.join(running)} beat(s) in the last "
            f"{FRESH_BEATS * settings.heartbeat_seconds:g} s. Stop `autopost serve` and the "
            "workers first (or give --force).",
            err=True,
        )
        sys.exit(1)
    try:
        kept = restore_sqlite(path, database)
    except NotABackup as refused:
        click.echo(f"error: {refused}", err=True)
        sys.exit(1)
    click.echo(f"restored {database} from {path}")
    if kept is not None:
        click.echo(f"the database that was there is kept as {kept}")
    click.echo(
        "start Autopost again: it migrates the database if the backup is older, publishes "
        "what is scheduled, and never publishes again what was published."
    )
