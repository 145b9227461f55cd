"""The sweep (``DispatchDue``) timed through the real container, as ``autopost worker`` runs it,
and the plan its database follows for the statement it sends."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.scheduling.broker import create_broker
from autopost.entrypoints.container import Container, opened_container
from autopost.entrypoints.settings import Settings
from benchmarks.lateness_report import percentile

# The statement ``needing_dispatch`` sends, told from every other.
SWEEP_MARK = "ORDER BY publications.next_run_at"


@asynccontextmanager
async def worker_container(
    database_url: str, broker_url: str, var_dir: Path
) -> AsyncIterator[Container]:
    """The container a worker builds: the same settings, the same broker."""
    settings = Settings(
        var_dir=var_dir,
        database_url=database_url,
        broker_url=broker_url,
        secret_key="benchmark-secret-key-not-for-production",  # noqa: S106
    )
    async with opened_container(settings, create_broker(broker_url or None)) as container:
        yield container


async def timed_sweeps(container: Container, runs: int) -> dict[str, Any]:
    """``runs`` sweeps one after another: the seconds each took, what each handed over, and
    the plan of the last one's statement."""
    engine: AsyncEngine = container.infrastructure.engine()
    seconds: list[float] = []
    sent: list[int] = []
    with captured(engine) as statements:
        for _ in range(runs):
            started = time.perf_counter()
            sent.append(await container.publishing().dispatch_due().execute())
            seconds.append(time.perf_counter() - started)
    ordered = sorted(seconds)
    return {
        "runs": runs,
        "handed_over": sent,
        "first_ms": round(seconds[0] * 1000, 2),
        "p50_ms": round(percentile(ordered, 0.5) * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        "plan": await explained(engine, *statements[-1]),
    }


@contextmanager
def captured(engine: AsyncEngine) -> Iterator[list[tuple[str, Any]]]:
    """The sweep statements sent on ``engine`` while inside, with their parameters."""
    sent: list[tuple[str, Any]] = []

    def record(*args: Any) -> None:
        if SWEEP_MARK in args[2]:
            sent.append((args[2], args[3]))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def explained(engine: AsyncEngine, statement: str, parameters: Any) -> dict[str, Any]:
    """The plan of ``statement`` run again: its text, and on PostgreSQL what was read."""
    async with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            plan = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            return {"text": [str(row[-1]) for row in plan]}
        lines = await connection.exec_driver_sql(
            f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters
        )
        found = (
            await connection.exec_driver_sql(
                f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {statement}", parameters
            )
        ).scalar_one()
    tree = (json.loads(found) if isinstance(found, str) else found)[0]
    return {
        "text": [str(row[0]) for row in lines],
        "execution_ms": tree["Execution Time"],
        "nodes": list(_nodes(tree["Plan"])),
    }


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield {
        "node": node["Node Type"],
        "index": node.get("Index Name"),
        "rows": node.get("Actual Rows"),
        "removed_by_filter": node.get("Rows Removed by Filter", 0),
        "buffers": node.get("Shared Hit Blocks", 0) + node.get("Shared Read Blocks", 0),
    }
    for child in node.get("Plans", []):
        yield from _nodes(child)
