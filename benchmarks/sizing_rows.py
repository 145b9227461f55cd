"""Many posts stored in bulk, row for row as the API stores them, and what they take on disk.

The API schedules a sample; its rows (``posts``, ``publications``, the ``audit_log`` entry) are
the template every bulk row copies, only the columns that differ from one post to the next
(ids, times, caption, account) changed. ``differing_columns`` checks on the sample that no
other column differs between two posts the API made.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Interval, func, insert, literal, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from autopost.adapters.persistence.tables import audit_log, posts, publications
from autopost.domain.publication import PublicationStatus

# What the API writes differently for each post; everything else is the template's.
VARYING = {
    "posts": {"id", "caption", "created_at", "updated_at"},
    "publications": {
        "id",
        "post_id",
        "credential_id",
        "publish_at",
        "next_run_at",
        "created_at",
        "updated_at",
    },
    "audit_log": {"id", "at", "resource_id", "summary"},
}
TABLES = {"posts": posts, "publications": publications, "audit_log": audit_log}


@dataclass(frozen=True)
class Template:
    post: dict[str, Any]
    publication: dict[str, Any]
    audit: dict[str, Any]
    # publish_at - next_run_at: how far ahead of its time the API has work start.
    lead: timedelta


@dataclass(frozen=True)
class Planned:
    post_id: int
    caption: str
    due: datetime


async def api_rows(engine: AsyncEngine, post_ids: Sequence[int]) -> dict[str, list[dict[str, Any]]]:
    """The rows the API stored for these posts, table by table, in post id order."""
    ids = sorted(post_ids)
    async with engine.connect() as connection:
        found = {
            "posts": await _rows(connection, select(posts).where(posts.c.id.in_(ids))),
            "publications": await _rows(
                connection, select(publications).where(publications.c.post_id.in_(ids))
            ),
            "audit_log": await _rows(
                connection,
                select(audit_log).where(
                    audit_log.c.resource == "post",
                    audit_log.c.resource_id.in_([str(i) for i in ids]),
                ),
            ),
        }
    # Each table's rows in the order of their posts: row n of each is post n's.
    found["posts"].sort(key=lambda row: row["id"])
    found["publications"].sort(key=lambda row: row["post_id"])
    found["audit_log"].sort(key=lambda row: int(row["resource_id"]))
    for name, rows in found.items():
        if len(rows) != len(ids):
            raise RuntimeError(f"{len(ids)} posts made through the API, {len(rows)} {name} rows")
    return found


def template_of(rows: dict[str, list[dict[str, Any]]]) -> Template:
    post, publication, audit = (rows[name][0] for name in ("posts", "publications", "audit_log"))
    if audit["summary"] != f"for {publication['publish_at']}":
        raise RuntimeError(f"the audit summary is no longer 'for <time>': {audit['summary']!r}")
    lead = publication["publish_at"] - publication["next_run_at"]
    return Template(post, publication, audit, lead)


def differing_columns(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[str]]:
    """Per table, the columns outside ``VARYING`` whose values differ between API-made posts:
    empty lists when a bulk copy of the template is what the API would have stored."""
    return {
        name: sorted(
            {
                column
                for row in table_rows[1:]
                for column, value in row.items()
                if column not in VARYING[name] and value != table_rows[0][column]
            }
        )
        for name, table_rows in rows.items()
    }


def spread(start: datetime, span: timedelta, count: int, offset: float = 0.0) -> list[datetime]:
    """``count`` times evenly over ``span``; ``offset`` (0..1) shifts them by part of a step,
    so that several spreads over the same span interleave."""
    step = span / count
    return [start + step * (n + offset) for n in range(count)]


async def seed_posts(
    engine: AsyncEngine,
    template: Template,
    accounts: Sequence[int],
    dues: Sequence[datetime],
    prefix: str,
    batch: int = 5000,
) -> tuple[list[Planned], float]:
    """One post per due time, account after account, in Core INSERTs of ``batch`` posts a
    transaction: the posts and the seconds it took."""
    started = time.perf_counter()
    async with engine.connect() as connection:
        first_post = await _next_id(connection, posts)
        first_publication = await _next_id(connection, publications)
        first_audit = await _next_id(connection, audit_log)
    planned: list[Planned] = []
    for start in range(0, len(dues), batch):
        chunk = range(start, min(start + batch, len(dues)))
        now = datetime.now(template.post["created_at"].tzinfo)
        post_rows, publication_rows, audit_rows = [], [], []
        for n in chunk:
            post_id, caption, due = first_post + n, f"{prefix} {n}", dues[n]
            post_rows.append(_post(template, post_id, caption, now))
            publication_rows.append(
                _publication(template, first_publication + n, post_id, accounts, n, due, now)
            )
            audit_rows.append(_audit(template, first_audit + n, post_id, due, now))
            planned.append(Planned(post_id, caption, due))
        async with engine.begin() as connection:
            await connection.execute(insert(posts), post_rows)
            await connection.execute(insert(publications), publication_rows)
            await connection.execute(insert(audit_log), audit_rows)
    async with engine.begin() as connection:
        await _follow_sequences(connection)
    return planned, time.perf_counter() - started


def _post(template: Template, post_id: int, caption: str, now: datetime) -> dict[str, Any]:
    made = template.post | {"id": post_id, "caption": caption, "created_at": now}
    return made | {"updated_at": now if template.post["updated_at"] is not None else None}


def _publication(
    template: Template,
    publication_id: int,
    post_id: int,
    accounts: Sequence[int],
    n: int,
    due: datetime,
    now: datetime,
) -> dict[str, Any]:
    return template.publication | {
        "id": publication_id,
        "post_id": post_id,
        "credential_id": accounts[n % len(accounts)],
        "publish_at": due,
        "next_run_at": due - template.lead,
        "created_at": now,
        "updated_at": now if template.publication["updated_at"] is not None else None,
    }


def _audit(
    template: Template, audit_id: int, post_id: int, due: datetime, now: datetime
) -> dict[str, Any]:
    return template.audit | {
        "id": audit_id,
        "at": now,
        "resource_id": str(post_id),
        "summary": f"for {due}",
    }


async def mark_published(engine: AsyncEngine, planned: Sequence[Planned], lease: timedelta) -> None:
    """These posts as publishing leaves them: published at their time, their ``next_run_at``
    the end of the claim they were published under (``Publication.mark_published`` keeps
    it). A history for the sweep's index, written by one UPDATE, not by publishing."""
    first, last = planned[0].post_id, planned[-1].post_id
    column = publications.c
    async with engine.begin() as connection:
        await connection.execute(
            update(publications)
            .where(column.post_id.between(first, last))
            .values(
                status=PublicationStatus.PUBLISHED,
                version=column.version + 3,
                dispatched_version=column.version + 3,
                attempts=1,
                container_id=func.concat("c", column.id),
                container_ready=True,
                quota_reserved=True,
                publish_requested_at=column.publish_at,
                published_at=column.publish_at,
                remote_id=func.concat("m", column.id),
                permalink=func.concat("https://www.instagram.com/p/", column.id),
                next_run_at=column.publish_at + literal(lease, Interval()),
                updated_at=column.publish_at,
            )
        )


async def storage(engine: AsyncEngine, post_count: int) -> dict[str, Any]:
    """Bytes the database, and each of the three tables a post writes to with its indexes,
    take, and the whole per post."""
    async with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            pages = (await connection.exec_driver_sql("PRAGMA page_count")).scalar_one()
            size = (await connection.exec_driver_sql("PRAGMA page_size")).scalar_one()
            path = Path(make_url(str(engine.url)).database or "")
            wal = path.with_name(path.name + "-wal")
            database = pages * size
            return {
                "posts": post_count,
                "database_bytes": database,
                "wal_bytes": wal.stat().st_size if wal.exists() else 0,
                "database_bytes_per_post": round(database / post_count) if post_count else None,
            }
        tables: dict[str, Any] = {}
        for name in TABLES:
            row = (
                await connection.execute(
                    text(
                        "SELECT pg_relation_size(:t), pg_indexes_size(:t), "
                        "pg_total_relation_size(:t)"
                    ),
                    {"t": name},
                )
            ).one()
            indexes = await connection.execute(
                text(
                    "SELECT indexrelname, pg_relation_size(indexrelid) FROM pg_stat_user_indexes "
                    "WHERE relname = :t ORDER BY indexrelname"
                ),
                {"t": name},
            )
            tables[name] = {
                "heap_bytes": row[0],
                "indexes_bytes": row[1],
                "total_bytes": row[2],
                "indexes": {index: size for index, size in indexes},
            }
        database = (
            await connection.execute(text("SELECT pg_database_size(current_database())"))
        ).scalar_one()
    per_post = sum(t["total_bytes"] for t in tables.values())
    return {
        "posts": post_count,
        "database_bytes": database,
        "tables": tables,
        "post_bytes_per_post": round(per_post / post_count) if post_count else None,
        "database_bytes_per_post": round(database / post_count) if post_count else None,
    }


async def vacuum_analyze(engine: AsyncEngine) -> None:
    """What autovacuum does to a database that has lived a while: visibility map and the
    planner's statistics up to date."""
    statement = "ANALYZE" if engine.dialect.name == "sqlite" else "VACUUM ANALYZE"
    async with engine.connect() as connection:
        connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
        for name in TABLES if engine.dialect.name != "sqlite" else [""]:
            await connection.exec_driver_sql(f"{statement} {name}".strip())


async def count_posts(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(select(func.count()).select_from(posts))).scalar_one())


async def _rows(connection: AsyncConnection, statement: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in await connection.execute(statement)]


async def _next_id(connection: AsyncConnection, table: Any) -> int:
    return int((await connection.execute(select(func.max(table.c.id)))).scalar_one() or 0) + 1


async def _follow_sequences(connection: AsyncConnection) -> None:
    """The ids given here by hand are taken: the next row the API stores gets a later one.
    (SQLite's AUTOINCREMENT follows the largest id by itself.)"""
    if connection.dialect.name == "sqlite":
        return
    for table in TABLES.values():
        await connection.execute(
            select(func.setval(func.pg_get_serial_sequence(table.name, "id"), func.max(table.c.id)))
        )
