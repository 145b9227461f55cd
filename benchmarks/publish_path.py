"""The CPU cost of one publication at its due second, in one process, without the broker.

``publish_lateness`` measures the whole deployment from outside; this measures the part of
it that runs at the due second, alone, so that a change to that path can be judged in
seconds and without the noise of the other processes: the use case that the actor calls
(``PublishPublication.execute``) against the real database and ``autopost sandbox`` over
loopback.

1. N Instagram photo posts are scheduled through the use case, due 120 s ahead, over a few
   sandbox accounts, and made ready (container created, its status asked) as a worker does
   ahead of their time.
2. The clock is then moved to their due second and every publication is executed, ``C`` at a
   time on one event loop, as a worker runs them (``C`` is ``AUTOPOST_WORKER_CONCURRENCY``'s
   default unless ``--concurrency`` says otherwise).
3. Printed: wall time and this process's CPU time per publication for step 2, and the
   publications per second that CPU time allows.

    .venv/bin/python -m benchmarks.publish_path --posts 1000
    .venv/bin/python -m benchmarks.publish_path --postgres
    .venv/bin/python -m benchmarks.publish_path --profile path.prof   # where step 2's CPU goes

The sandbox runs in its own process and is not counted. The database is a fresh SQLite file
in a temporary directory, or with ``--postgres`` a fresh database on 127.0.0.1:5432, dropped
after.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime, timedelta

import httpx
from dependency_injector import providers
from sqlalchemy import text

from autopost.adapters.persistence.migrate import upgrade_database_async
from autopost.adapters.scheduling.broker import create_broker
from autopost.application.access import Actor
from autopost.application.integrations.credentials import ConnectAccount
from autopost.application.posting.posts import SchedulePost
from autopost.domain.access import Role
from autopost.domain.post import ContentType, InstagramContent, Platform
from autopost.entrypoints.container import (
    Container,
    build_container,
    close_resources,
    open_resources,
)
from autopost.entrypoints.settings import Settings
from benchmarks.in_process import Bench, sandbox_and_database, spent
from benchmarks.machine import reference_ms
from benchmarks.post_load import sandbox_account

PHOTO_URL = "https://cdn.example.com/bench.jpg"
LEAD = timedelta(seconds=120)


class MovableClock:
    """The system clock, plus an offset the benchmark moves to the posts' due second."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


async def _accounts(sandbox_url: str, count: int) -> list[tuple[str, str]]:
    async with httpx.AsyncClient(base_url=sandbox_url) as sandbox:
        made = [await sandbox_account(sandbox, f"path_{number}") for number in range(count)]
    return [(account["ig_user_id"], account["access_token"]) for account in made]


async def _publications(container: Container) -> list[tuple[int, int]]:
    async with container.infrastructure.engine().connect() as connection:
        rows = await connection.execute(text("SELECT id, version FROM publications ORDER BY id"))
        return [(int(row[0]), int(row[1])) for row in rows]


async def _run_all(container: Container, work: list[tuple[int, int]], concurrency: int) -> None:
    limit = asyncio.Semaphore(concurrency)

    async def one(publication_id: int, version: int) -> None:
        async with limit:
            await container.publishing.publish().execute(publication_id, version)

    await asyncio.gather(*(one(*item) for item in work))


async def measure(args: argparse.Namespace, bench: Bench) -> None:
    container = build_container(bench.settings(), create_broker(None))
    if args.transport == "httpx":
        # httpx's own transport (anyio's network layer) instead of Autopost's asyncio one.
        plain = httpx.AsyncClient(
            timeout=httpx.Timeout(30.0, connect=10.0),
            limits=httpx.Limits(max_connections=220, max_keepalive_connections=200),
        )
        container.infrastructure.http_client.override(providers.Object(plain))
    clock = MovableClock()
    container.infrastructure.clock.override(providers.Object(clock))
    await open_resources(container)
    try:
        await upgrade_database_async(container.infrastructure.engine())
        admin = await container.people.create_superuser().execute(
            "bench", "bench@example.com", "a long enough passphrase"
        )
        actor = Actor.of(admin.id, [Role.ADMINISTRATORS], True, admin.username)
        credentials = [
            await container.integrations.save_credential().execute(
                actor, ConnectAccount(Platform.INSTAGRAM, ig_user_id, token, admin.id)
            )
            for ig_user_id, token in await _accounts(bench.sandbox_url, args.accounts)
        ]
        due = (clock.now() + LEAD).replace(microsecond=0)
        for number in range(args.posts):
            await container.posting.schedule_post().execute(
                actor,
                SchedulePost(
                    content=InstagramContent(
                        content_type=ContentType.PHOTO, url=PHOTO_URL, caption=f"path {number}"
                    ),
                    date_pub=due,
                    credential_id=credentials[number % len(credentials)].id,
                ),
            )
        await _run_all(container, await _publications(container), args.concurrency)  # ahead

        clock.offset = due - datetime.now(UTC)
        work = await _publications(container)
        with spent(args.profile) as measured:
            await _run_all(container, work, args.concurrency)
        wall, cpu = measured.wall, measured.cpu

        async with container.infrastructure.engine().connect() as connection:
            counted = await connection.execute(
                text("SELECT status, count(*) FROM publications GROUP BY status")
            )
            statuses = {str(status): int(count) for status, count in counted}
        print(f"database        {bench.database_url.partition(':')[0]}")
        print(f"transport       {args.transport}{' on uvloop' if args.uvloop else ''}")
        print(f"publications    {len(work)} at their due second, {args.concurrency} at a time")
        print(f"statuses        {statuses}")
        print(f"wall            {wall:.2f} s ({len(work) / wall:.0f} per second)")
        print(f"CPU             {1000 * cpu / len(work):.2f} ms per publication")
        print(f"CPU allows      {len(work) / cpu:.0f} per second on one core")
        print(f"machine         {reference_ms():.1f} ms for the reference Python (machine.py)")
    finally:
        await close_resources(container)
        if args.transport == "httpx":
            await plain.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--accounts", type=int, default=20, help="at most 100 posts each a day")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=Settings.model_fields["worker_concurrency"].default,
        help="publications in flight at once; the worker's default",
    )
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument(
        "--transport",
        choices=["asyncio", "httpx"],
        default="asyncio",
        help="Autopost's transport on asyncio streams, or httpx's own (anyio)",
    )
    parser.add_argument("--uvloop", action="store_true", help="run the event loop on uvloop")
    parser.add_argument(
        "--profile", metavar="FILE", help="write cProfile statistics of the due-second step here"
    )
    args = parser.parse_args()
    with sandbox_and_database(args.postgres) as bench:
        if args.uvloop:
            import uvloop  # a benchmark option: not one of Autopost's dependencies

            uvloop.install()
        asyncio.run(measure(args, bench))


if __name__ == "__main__":
    main()
