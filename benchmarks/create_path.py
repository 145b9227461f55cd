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
from datetime import UTC, datetime, timedelta

import httpx

from autopost.adapters.http.app import create_app
from autopost.adapters.persistence.migrate import upgrade_database_async
from autopost.adapters.scheduling.broker import create_broker
from autopost.entrypoints.container import build_container, close_resources, open_resources
from benchmarks.in_process import Bench, sandbox_and_database, spent
from benchmarks.machine import reference_ms
from benchmarks.post_load import connect_accounts, log_in, schedule_posts

PASSWORD = "a long enough passphrase"  # noqa: S105 - a throwaway administrator


def _plan(count: int, offset: int) -> list[tuple[str, datetime]]:
    """``count`` captions, due an hour ahead over ten minutes."""
    due = (datetime.now(UTC) + timedelta(hours=1)).replace(microsecond=0)
    return [(f"create {offset + n}", due + timedelta(seconds=n % 600)) for n in range(count)]


async def measure(args: argparse.Namespace, bench: Bench) -> None:
    container = build_container(bench.settings(), create_broker(None))
    await open_resources(container)
    try:
        await upgrade_database_async(container.infrastructure.engine())
        await container.people.create_superuser().execute("bench", "bench@example.com", PASSWORD)
        transport = httpx.ASGITransport(app=create_app(container))
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://autopost.test") as api,
            httpx.AsyncClient(base_url=bench.sandbox_url) as sandbox,
        ):
            await log_in(api, "bench", PASSWORD)
            accounts = await connect_accounts(sandbox, api, args.accounts)
            warm_up = _plan(args.in_flight * 5, -(10**6))
            await schedule_posts(api, accounts, warm_up, args.in_flight)

            with spent(args.profile) as measured:
                run = await schedule_posts(api, accounts, _plan(args.posts, 0), args.in_flight)
        wall, cpu = measured.wall, measured.cpu
        seconds = sorted(run.request_seconds)
        print(f"database        {bench.database_url.partition(':')[0]}")
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
    with sandbox_and_database(args.postgres) as bench:
        asyncio.run(measure(args, bench))


if __name__ == "__main__":
    main()
