"""Collecting insights for many media, and within Instagram's rate limits.

Two measurements, in one process, against `autopost sandbox` served in process (no network):

- **Throughput**: ``--accounts`` sandbox accounts of ``--media`` media each are synced, then
  the periodic job (``CollectEveryAccountsInsights``) collects every one: wall time, media per
  second, and Graph calls per media. The sandbox answers at once, so this is Autopost's own
  ceiling; a real Graph answer takes longer.
- **Within the limits**: one account of ``--media`` media, the sandbox holding it to
  ``--calls-per-hour`` calls in any hour (Meta's usage headers say how much is used, and a call
  past the limit is refused with code 80002). The job runs every hour of a clock the benchmark
  moves (Autopost's pauses move it too), until nothing is due: how many runs and hours that
  took, and how many calls Instagram refused for the rate limit (0: the usage headers were
  respected). Accounts' limits are their own, and accounts are collected at once, so 20
  accounts take about as many hours as one.

Run: ``python -m benchmarks.insights_collection [--accounts 20] [--media 500]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from dependency_injector import providers

from autopost.adapters.persistence.migrate import upgrade_database_async
from autopost.adapters.platforms.graph_errors import RATE_LIMITED
from autopost.adapters.scheduling.broker import create_broker
from autopost.application.access import SYSTEM
from autopost.application.integrations.credentials import ConnectAccount
from autopost.domain.platform import Platform
from autopost.entrypoints.container import (
    Container,
    build_container,
    close_resources,
    open_resources,
)
from autopost.entrypoints.settings import Settings
from autopost.sandbox.app import create_app

SANDBOX = "http://sandbox.bench"
START = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


class MovedClock:
    """A clock only the benchmark and the pauses move."""

    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


class ClockPause:
    """A pause that moves the clock on instead of waiting: one account at a time only."""

    def __init__(self, clock: MovedClock) -> None:
        self.clock = clock
        self.waited = timedelta(0)

    async def wait(self, delay: timedelta) -> None:
        self.clock.current += delay
        self.waited += delay


class Calls:
    """Every Graph answer: how many, to which kind of edge, and the rate-limit refusals."""

    def __init__(self) -> None:
        self.by_kind: Counter[str] = Counter()
        self.rate_limited = 0

    async def record(self, response: httpx.Response) -> None:
        path = response.request.url.path
        self.by_kind["insights" if path.endswith("/insights") else "other"] += 1
        if response.status_code == 429 or (
            response.status_code >= 400 and _code(response) in RATE_LIMITED
        ):
            self.rate_limited += 1


def _code(response: httpx.Response) -> int | None:
    try:
        error = response.json().get("error", {})
    except ValueError:
        return None
    code = error.get("code") if isinstance(error, dict) else None
    return code if isinstance(code, int) else None


@asynccontextmanager
async def stack(
    var_dir: Path, clock: MovedClock | None = None, pause: ClockPause | None = None
) -> AsyncIterator[tuple[Container, httpx.AsyncClient, Calls]]:
    """The container on a fresh SQLite file, its Graph calls answered by an in-process sandbox
    (on ``clock`` when given); and a client of the sandbox's control API."""
    sandbox = create_app(clock=clock) if clock is not None else create_app()
    database = var_dir / "autopost.db"
    settings = Settings(
        var_dir=var_dir,
        database_url=f"sqlite:///{database}",
        broker_url="",
        secret_key="benchmark-secret-key",  # noqa: S106 (a throwaway database)
        instagram_graph_url=f"{SANDBOX}/v24.0",
        instagram_login_graph_url=SANDBOX,
        insights_interval_seconds=0,
        instagram_sync_interval_seconds=0,
    )
    container = build_container(settings, create_broker(None))
    calls = Calls()
    graph = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sandbox),
        base_url=SANDBOX,
        event_hooks={"response": [calls.record]},
    )

    async def opened() -> AsyncIterator[httpx.AsyncClient]:
        yield graph
        await graph.aclose()

    container.infrastructure.http_client.override(providers.Resource(opened))
    if clock is not None:
        container.infrastructure.clock.override(providers.Object(clock))
    if pause is not None:
        container.infrastructure.pause.override(providers.Object(pause))
    await open_resources(container)
    await upgrade_database_async(container.infrastructure.engine())
    control = httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox), base_url=SANDBOX)
    try:
        yield container, control, calls
    finally:
        await control.aclose()
        await close_resources(container)


async def accounts_with_media(
    container: Container, control: httpx.AsyncClient, accounts: int, media: int
) -> list[int]:
    """Sandbox accounts, each seeded with ``media`` media, connected and synced."""
    ids = []
    for n in range(accounts):
        added = await control.post("/_sandbox/instagram/accounts", json={"username": f"bench{n}"})
        account = added.json()
        seeded = await control.post(
            f"/_sandbox/instagram/accounts/{account['ig_user_id']}/media/seed",
            json={"count": media, "carousel_every": 5},
        )
        assert seeded.status_code == 201, seeded.text
        connect = ConnectAccount(Platform.INSTAGRAM, account["ig_user_id"], account["access_token"])
        credential = await container.integrations().save_credential().execute(SYSTEM, connect)
        assert credential.id is not None
        report = (
            await container.instagram().sync_instagram().execute(SYSTEM, credential.id, full=True)
        )
        assert report.finished and report.seen == media
        ids.append(credential.id)
    return ids


async def throughput(accounts: int, media: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        async with stack(Path(folder)) as (container, control, calls):
            await accounts_with_media(container, control, accounts, media)
            calls.by_kind.clear()
            started, cpu = time.perf_counter(), time.process_time()
            collected = await container.insights().collect_every_accounts_insights().execute()
            seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    kept = sum(getattr(a.report, "kept", 0) for a in collected)
    total = accounts * media
    return {
        "accounts": accounts,
        "media": total,
        "kept": kept,
        "finished": all(a.finished for a in collected),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "media_per_second": round(total / seconds),
        "graph_calls": sum(calls.by_kind.values()),
        "graph_calls_per_media": round(sum(calls.by_kind.values()) / total, 3),
        "rate_limited": calls.rate_limited,
    }


async def within_limits(media: int, calls_per_hour: int) -> dict[str, Any]:
    clock = MovedClock(START)
    pause = ClockPause(clock)
    with tempfile.TemporaryDirectory() as folder:
        async with stack(Path(folder), clock, pause) as (container, control, calls):
            limits = {"account_call_limit": calls_per_hour}
            changed = await control.put("/_sandbox/instagram/settings", json=limits)
            assert changed.status_code == 200, changed.text
            (credential_id,) = await accounts_with_media(container, control, 1, media)
            clock.current += HOUR  # the sync's calls have left the window
            calls.by_kind.clear()
            runs = kept = 0
            first = clock.now()
            while True:
                runs += 1
                run_started = clock.now()
                report = (
                    await container.insights()
                    .collect_instagram_insights()
                    .execute(SYSTEM, credential_id)
                )
                kept += report.kept
                if report.finished:
                    break
                # The periodic job's next run, an hour after this one started.
                clock.current = max(clock.now(), run_started + HOUR)
                assert runs < 100, "no end in sight"
            hours = (clock.now() - first) / HOUR
    return {
        "media": media,
        "calls_per_hour_allowed": calls_per_hour,
        "kept": kept,
        "runs": runs,
        "hours": round(hours, 2),
        "paused_hours": round(pause.waited / HOUR, 2),
        "graph_calls": sum(calls.by_kind.values()),
        "rate_limited": calls.rate_limited,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=20)
    parser.add_argument("--media", type=int, default=500, help="media per account")
    parser.add_argument("--calls-per-hour", type=int, default=200)
    args = parser.parse_args()
    result = {
        "throughput": asyncio.run(throughput(args.accounts, args.media)),
        "within_limits": asyncio.run(within_limits(args.media, args.calls_per_hour)),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
