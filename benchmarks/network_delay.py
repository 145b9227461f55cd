"""Workers behind a network delay: the delay relay (delay_relay.py) started in front of
PostgreSQL and Redis, the addresses the workers get instead, and the round trips measured
through it and without it."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg  # type: ignore[import-untyped]
import redis.asyncio
from tests.e2e.processes import free_port

from benchmarks.lateness_report import percentile


@dataclass(frozen=True)
class Relayed:
    database_url: str
    broker_url: str
    popen: subprocess.Popen[bytes] | None


def _moved(url: str, port: int) -> str:
    """``url`` with its host and port replaced by the relay's (its user, path, query kept)."""
    parts = urlsplit(url)
    user = parts.netloc.rpartition("@")[0]
    netloc = f"{user}@127.0.0.1:{port}" if user else f"127.0.0.1:{port}"
    return urlunsplit(parts._replace(netloc=netloc))


def _target(url: str, default_port: int) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or default_port}"


@contextmanager
def delayed(
    database_url: str, broker_url: str, delay_ms: float, log_dir: Path
) -> Iterator[Relayed]:
    """The relay, ``delay_ms`` each way, while inside; no relay and the same URLs for 0."""
    if not delay_ms:
        yield Relayed(database_url, broker_url, None)
        return
    database_port, broker_port = free_port(), free_port()
    routes = [
        f"127.0.0.1:{database_port}={_target(database_url, 5432)}",
        f"127.0.0.1:{broker_port}={_target(broker_url, 6379)}",
    ]
    command = [sys.executable, "-m", "benchmarks.delay_relay", "--delay-ms", f"{delay_ms:g}"]
    with (log_dir / f"relay-{delay_ms:g}ms.log").open("wb") as log:
        popen = subprocess.Popen(
            [*command, *(a for r in routes for a in ("--route", r))],
            stdout=subprocess.PIPE,
            stderr=log,
        )
    try:
        assert popen.stdout is not None
        if popen.stdout.readline().strip() != b"relaying":
            raise RuntimeError("the delay relay did not start")
        yield Relayed(_moved(database_url, database_port), _moved(broker_url, broker_port), popen)
    finally:
        popen.terminate()
        popen.wait(timeout=10)


def round_trips(database_url: str, broker_url: str, count: int = 50) -> dict[str, Any]:
    """Median milliseconds of a ``SELECT 1`` and of a Redis ``PING`` on an open connection."""

    async def measure() -> dict[str, Any]:
        connection = await asyncpg.connect(database_url)
        client = redis.asyncio.Redis.from_url(broker_url)
        try:
            await connection.fetchval("SELECT 1")
            await client.ping()
            database, broker = [], []
            for _ in range(count):
                started = time.perf_counter()
                await connection.fetchval("SELECT 1")
                database.append(time.perf_counter() - started)
                started = time.perf_counter()
                await client.ping()
                broker.append(time.perf_counter() - started)
        finally:
            await connection.close()
            await client.aclose()
        return {
            "postgres_select_1_p50_ms": round(percentile(sorted(database), 0.5) * 1000, 2),
            "redis_ping_p50_ms": round(percentile(sorted(broker), 0.5) * 1000, 2),
        }

    return asyncio.run(measure())
