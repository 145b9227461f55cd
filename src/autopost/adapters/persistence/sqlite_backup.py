"""Online, consistent copies of an SQLite database with SQLite's own backup API.

The backup API copies a database page by page under SQLite's locks, so a copy taken while
Autopost runs is the database as it was at one moment, never half of a transaction. A copy is
written beside its destination and renamed into place only once it is whole and checked.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from autopost.adapters.persistence.engine import async_url

# Pages copied per step: a running server waits for the lock at most one step at a time.
PAGES_PER_STEP = 1024


class NotABackup(Exception):
    """The file is not an SQLite database of Autopost's, or it is damaged."""


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite database URL; None for another database (or one in memory)."""
    parsed = make_url(async_url(url))
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def backup(source: Path, destination: Path) -> None:
    """Copy the database at ``source`` to ``destination``, readable by its owner only (it
    holds password hashes and encrypted tokens)."""
    if not source.is_file():
        raise FileNotFoundError(f"no database at {source}")
    # Not read-only: a reader of a database in WAL mode may need to make its shared-memory file.
    with _connected(str(source)) as reading:
        _copy_checked(reading, destination)


def restore(backup_file: Path, database: Path) -> Path | None:
    """Replace the database at ``database`` with the copy at ``backup_file``; the database
    that was there, if any, is kept as ``<name>.before-restore``, whose path is answered."""
    with _connected(f"file:{backup_file}?mode=ro", uri=True) as reading:
        _check(reading, backup_file)
        kept = None
        if database.exists() and database.stat().st_size > 0:
            kept = database.with_name(database.name + ".before-restore")
            with _connected(str(database)) as old:
                _copy_checked(old, kept)
        database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not database.exists():
            os.close(os.open(database, os.O_CREAT | os.O_WRONLY, 0o600))
        # Through a connection to the database itself, not a file copy: its write-ahead log
        # and the other connections' view of it stay consistent.
        with _connected(str(database)) as target:
            reading.backup(target, pages=PAGES_PER_STEP)
            # The heartbeats in the copy are of processes of its time, none of which runs on
            # it now: left, they would look like workers (and make the next restore wait).
            with contextlib.suppress(sqlite3.OperationalError):  # a copy from before them
                target.execute("DELETE FROM worker_heartbeats")
                target.commit()
        return kept


def workers_seen_since(database: Path, since: datetime) -> list[str]:
    """The workers whose heartbeat in ``database`` is newer than ``since``: processes using
    it now."""
    if not database.exists():
        return []
    with _connected(str(database)) as reading:
        try:
            rows = reading.execute("SELECT name, last_seen FROM worker_heartbeats").fetchall()
        except sqlite3.OperationalError:  # a database from before heartbeats: none running
            return []
    return [name for name, seen in rows if _utc(seen) > since]


def _copy_checked(reading: sqlite3.Connection, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY, 0o600))
    try:
        with _connected(str(partial)) as writing:
            reading.backup(writing, pages=PAGES_PER_STEP)
            # A copy is one file, whatever journal its source has.
            writing.execute("PRAGMA journal_mode=DELETE")
            _check(writing, destination)
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)


def _check(connection: sqlite3.Connection, path: Path) -> None:
    try:
        (verdict,) = connection.execute("PRAGMA quick_check").fetchone()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as failed:
        raise NotABackup(f"{path} is not an SQLite database ({failed})") from None
    if verdict != "ok":
        raise NotABackup(f"{path} is damaged: {verdict}")
    if not {"alembic_version", "publications"} <= tables:
        raise NotABackup(f"{path} is not an Autopost database (it has no publications table)")


@contextmanager
def _connected(database: str, uri: bool = False) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(database, uri=uri, timeout=30.0)) as connection:
        yield connection


def _utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
