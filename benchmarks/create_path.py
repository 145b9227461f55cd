"""The CPU cost of scheduling one post through the API, in one process, without a network.

``publish_lateness`` measures scheduling from outside (a load generator, uvicorn, the broker
and the worker sharing the machine); this measures what the application itself spends on one
``POST /api/v1/posts/``: the ASGI app called in process by httpx's ASGI transport, against the
real container and database, ``C`` requests in flight on one event loop, so that a change to
the create path can be judged in seconds.

1. An administrator signs in for a token, and ``--accounts`` sandbox Instagram accounts are
   connected through the API (``autopost sandbox`` in its own process).
2. N photo posts are scheduled an hour ahead with ``POST /api/v1/posts/``, ``C`` at a time.
3. Printed: wall time and this process's CPU time per create (the ASGI client's share
   included, about a tenth), and the creates per second that CPU time allows on one core.

    .venv/bin/python -m benchmarks.create_path --posts 2000
    .venv/bin/python -m benchmarks.create_path --postgres
    .venv/bin/python -m benchmarks.create_path --profile create.prof   # where step 2's CPU goes

Nothing is published: the broker is the in-process one and no worker consumes it, so what a
create hands to the worker (its event) is counted but not what the worker does with it.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from tests.e2e.processes import Process, free_port

from autopost.adapters.http.app import create_app
from autopost.adapters.persistence.migrate import upgrade_database_async
from autopost.adapters.scheduling.broker import create_broker
from autopost.entrypoints.container import build_container, close_resources, open_resources
from autopost.entrypoints.settings import Settings
from benchmarks.autopost_stack import fresh_postgres_database
from benchmarks.machine import reference_ms
from benchmarks.post_load import PHOTO_URL, connect_accounts, log_in

SECRET_KEY = "benchmark-secret-key-not-for-production"  # noqa: S105 - loopback only
PASSWORD = "a long enough passphrase"  # noqa: S105 - a throwaway administrator


async def _create_all(
    api: httpx.AsyncClient, accounts: list[str], count: int, in_flight: int, offset: int
) -> list[float]:
    limit = asyncio.Semaphore(in_flight)
    due = (datetime.now(UTC) + timedelta(hours=1)).replace(microsecond=0)
    request_seconds: list[float] = []

    async def one(number: int) -> None:
        body = {
            "user_id": accounts[number % len(accounts)],
            "content_type": "Photo",
            "url": PHOTO_URL,
            "caption": f"create {offset + number}",
            "date_pub": (due + timedelta(seconds=number % 600)).isoformat(),
        }
        async with limit:
            sent = time.perf_counter()
            answer = await api.post("/api/v1/posts/", json=body)
            request_seconds.append(time.perf_counter() - sent)
        if answer.status_code != 201:
            raise RuntimeError(f"create {number} failed: {answer.status_code} {answer.text}")

    await asyncio.gather(*(one(number) for number in range(count)))
    return request_seconds


async def measure(
    args: argparse.Namespace, work_dir: Path, sandbox_url: str, database_url: str
) -> None:
    settings = Settings(
        var_dir=work_dir,
        database_url=database_url,
        broker_url="",
        secret_key=SECRET_KEY,
        instagram_graph_url=f"{sandbox_url}/v24.0",
    )
    container = build_container(settings, create_broker(None))
    await open_resources(container)
    try:
        await upgrade_database_async(container.infrastructure.engine())
        await container.people.create_superuser().execute("bench", "bench@example.com", PASSWORD)
        transport = httpx.ASGITransport(app=create_app(container))
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://autopost.test") as api,
            httpx.AsyncClient(base_url=sandbox_url) as sandbox,
        ):
            await log_in(api, "bench", PASSWORD)
            accounts = await connect_accounts(sandbox, api, args.accounts)
            await _create_all(api, accounts, args.in_flight * 5, args.in_flight, -(10**6))  # warm

            profiler = cProfile.Profile() if args.profile else None
            wall, cpu = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            seconds = await _create_all(api, accounts, args.posts, args.in_flight, 0)
            if profiler is not None:
                profiler.disable()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if profiler is not None:
                profiler.dump_stats(args.profile)
        seconds.sort()
        print(f"database        {database_url.partition(':')[0]}")
        print(f"creates         {args.posts}, {args.in_flight} in flight")
        print(f"wall            {wall:.2f} s ({args.posts / wall:.0f} per second)")
        print(
            f"request p50/p99 {seconds[len(seconds) // 2] * 1000:.1f} ms / "
            f"{seconds[int(len(seconds) * 0.99)] * 1000:.1f} ms"
        )
        print(f"CPU             {1000 * cpu / args.posts:.2f} ms per create")
        print(f"CPU allows      {args.posts / cpu:.0f} per second on one core")
        print(f"machine         {reference_ms():.1f} ms for the reference Python (machine.py)")
    finally:
        await close_resources(container)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--accounts", type=int, default=50, help="as publish_lateness connects")
    parser.add_argument("--in-flight", type=int, default=20, help="requests at once")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument(
        "--profile", metavar="FILE", help="write cProfile statistics of the creates here"
    )
    args = parser.parse_args()
    with ExitStack() as cleanup:
        work_dir = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="autopost-")))
        database_url = f"sqlite:///{work_dir / 'autopost.db'}"
        if args.postgres:
            database_url = cleanup.enter_context(fresh_postgres_database())
        port = free_port()
        sandbox = Process("sandbox", ["sandbox", "--port", str(port)], {}, work_dir)
        try:
            sandbox_url = f"http://127.0.0.1:{port}"
            sandbox.wait_http(f"{sandbox_url}/_sandbox/instagram/published")
            asyncio.run(measure(args, work_dir, sandbox_url, database_url))
        finally:
            sandbox.stop()


if __name__ == "__main__":
    main()
