"""Sizing: what a million scheduled posts cost Autopost in the scaled deployment. Run on demand
from the repository's root (PostgreSQL at 127.0.0.1:5432, Redis at 127.0.0.1:6379)::

    .venv/bin/python -m benchmarks.sizing                          # 1,000,000 posts, ~20 min
    .venv/bin/python -m benchmarks.sizing --posts 100000 --checkpoints 10000
    .venv/bin/python -m benchmarks.sizing --posts 100000 --checkpoints --history 1000000 \
        --workers --burst-posts 0                                  # the sweep and a history

In a throwaway PostgreSQL database and Redis database of its own (both dropped or flushed after)
it starts ``autopost sandbox`` (every platform call answered after ``--platform-delay-ms``) and
``autopost serve``, connects ``--accounts`` Instagram accounts and schedules ``--sample`` posts
through the API over the next ``--months``; the rest of ``--posts`` are stored in bulk (Core
INSERTs, ``--batch`` posts a transaction) as copies of the API's rows (see sizing_rows.py).
At each ``--checkpoints`` size and at the end it measures:

1. the database's size per post (tables and indexes) and the time seeding took;
2. the sweep (``DispatchDue`` through the worker's container) timed per run, and the
   ``EXPLAIN (ANALYZE, BUFFERS)`` of its statement;

then, on the full database: the API's scheduling requests; the memory (VmRSS) of ``serve`` and
an ``autopost worker`` when started and after some sweeps, and what Redis holds; and, for each
of ``--workers``, a busy minute: ``--busy-posts`` posts due within ``--busy-window`` seconds
(stored like the others, handed to Redis by a timed sweep), published by that many worker
processes: lateness behind ``date_pub`` from the sandbox's publish records, duplicates,
missing, publications per second and the CPU each process used; then the same with
``--burst-posts`` posts due at the same second. ``--history`` adds that many posts stored as
published over the past year, measured like a checkpoint. Load averages of the machine
are recorded with every phase. Writes ``benchmarks/results/sizing-<timestamp>.json``. See
docs/performance.md ("Sizing").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine
from tests.e2e.processes import Process

from autopost.adapters.persistence.engine import create_engine
from autopost.adapters.persistence.tables import credentials
from benchmarks.autopost_stack import (
    ADMIN,
    Stack,
    StackOptions,
    process_cpu_seconds,
    running_stack,
    source_revision,
)
from benchmarks.lateness_report import lateness_summary, request_summary, throughput_summary
from benchmarks.machine import machine, machine_cpu_ticks, service_cpu_seconds
from benchmarks.network_delay import delayed, round_trips
from benchmarks.post_load import (
    Scheduled,
    log_in,
    sandbox_account,
    schedule_posts,
    wait_for_publication,
)
from benchmarks.sizing_memory import broker_contents, rss_kib
from benchmarks.sizing_rows import (
    Planned,
    Template,
    api_rows,
    differing_columns,
    mark_published,
    seed_posts,
    spread,
    storage,
    template_of,
    vacuum_analyze,
)
from benchmarks.sizing_sweep import timed_sweeps, worker_container

RESULTS = Path(__file__).parent / "results"
INSTALLED_SRC = Path(__file__).parent.parent / "src"
# The bulk starts this far ahead: beyond the sweep's horizon (10 min) for the whole run.
FIRST_BULK_DUE = timedelta(hours=1)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split(". Run on demand")[0])
    parser.add_argument("--posts", type=int, default=1_000_000, help="posts stored in all")
    parser.add_argument(
        "--checkpoints",
        type=int,
        nargs="*",
        default=[100_000],
        help="sizes at which size and sweep are measured on the way (the end always is)",
    )
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=1000, help="posts made through the API")
    parser.add_argument("--months", type=int, default=12, help="how far ahead posts are due")
    parser.add_argument("--batch", type=int, default=5000, help="posts per bulk transaction")
    parser.add_argument("--sweep-runs", type=int, default=20)
    parser.add_argument(
        "--history",
        type=int,
        default=0,
        help="then this many more posts, stored as published over the past year, and measured",
    )
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2, 4])
    parser.add_argument("--busy-posts", type=int, default=300)
    parser.add_argument("--busy-window", type=float, default=60.0)
    parser.add_argument("--busy-lead", type=float, default=60.0, help="s to the first due time")
    parser.add_argument(
        "--burst-posts",
        type=int,
        default=1000,
        help="then, for each of --workers, this many posts due at the same second (0: none)",
    )
    parser.add_argument(
        "--network-delay-ms",
        type=float,
        nargs="*",
        default=[0.0],
        help="the busy rounds again for each: the workers reach PostgreSQL and Redis through a "
        "relay that adds this delay each way (delay_relay.py)",
    )
    parser.add_argument(
        "--database-pool-size", type=int, default=None, help="AUTOPOST_DATABASE_POOL_SIZE"
    )
    parser.add_argument("--platform-delay-ms", type=float, default=200.0)
    parser.add_argument("--in-flight", type=int, default=20, help="concurrent API requests")
    parser.add_argument("--idle-seconds", type=float, default=10.0, help="workers left idle")
    parser.add_argument("--redis-db", type=int, default=13, help="flushed before and after")
    parser.add_argument("--keep", action="store_true", help="keep the work dir and its logs")
    return parser.parse_args(argv)


async def seed_and_sweep(stack: Stack, args: argparse.Namespace) -> dict[str, Any]:
    """Accounts and the API's sample, then the bulk up to each checkpoint, measured there."""
    timeout = httpx.Timeout(60.0)
    async with (
        httpx.AsyncClient(base_url=stack.api_url, timeout=timeout) as api,
        httpx.AsyncClient(base_url=stack.sandbox_url, timeout=timeout) as sandbox,
    ):
        await log_in(api, ADMIN["username"], ADMIN["password"])
        started = time.perf_counter()
        accounts = await connect_many(sandbox, api, args.accounts, args.in_flight)
        connecting = time.perf_counter() - started
        start, span = datetime.now(UTC) + FIRST_BULK_DUE, timedelta(days=30.5 * args.months)
        dues = spread(start, span, args.sample)
        plan = [(f"sizing sample {n}", due) for n, due in enumerate(dues)]
        sample = await schedule_posts(api, accounts, plan, args.in_flight)
    engine = create_engine(stack.database_url)
    try:
        rows = await api_rows(engine, [p.post_id for p in sample.posts])
        differing = differing_columns(rows)
        if any(differing.values()):
            raise RuntimeError(f"API-made posts differ outside the copied columns: {differing}")
        template = template_of(rows)
        account_ids = await credential_ids(engine)
        sizes = sorted({*(c for c in args.checkpoints if args.sample < c < args.posts), args.posts})
        stored, checkpoints = args.sample, []
        for number, size in enumerate(sizes):
            dues = spread(start, span, size - stored, offset=(number + 1) / (len(sizes) + 1))
            _, seconds = await seed_posts(
                engine, template, account_ids, dues, f"sizing {number}", args.batch
            )
            stored = size
            checkpoints.append(await measure_size(stack, engine, size, seconds, len(dues), args))
        if args.history:
            checkpoints.append(await with_history(stack, engine, template, account_ids, args))
        scheduling = await api_scheduling(stack, accounts, start + span / 3, args)
    finally:
        await engine.dispose()
    return {
        "accounts": {"count": len(accounts), "connect_s": round(connecting, 1)},
        "sample_through_api": request_summary(
            sample.request_seconds, sample.started, sample.finished
        ),
        "rows_copied_from_api_post": {name: rows[name][0] for name in rows},
        "checkpoints": checkpoints,
        "api_scheduling_at_full_size": scheduling,
        "template": template,
        "account_ids": account_ids,
    }


async def measure_size(
    stack: Stack, engine: AsyncEngine, size: int, seconds: float, seeded: int, args: Any
) -> dict[str, Any]:
    started = time.perf_counter()
    await vacuum_analyze(engine)
    vacuumed = time.perf_counter() - started
    async with worker_container(stack.database_url, stack.broker_url, Path(".")) as container:
        sweeps = await timed_sweeps(container, args.sweep_runs)
    found: dict[str, Any] = {
        "posts": size,
        "seed": {
            "posts": seeded,
            "seconds": round(seconds, 1),
            "posts_per_second": round(seeded / seconds) if seconds else None,
        },
        "vacuum_analyze_s": round(vacuumed, 1),
        "storage": await storage(engine, size),
        "sweep": sweeps,
        "load_average": os.getloadavg(),
    }
    print(
        f"{size} posts: seeded {seeded} in {seconds:.0f} s, "
        f"{found['storage']['database_bytes_per_post']} B/post, sweep p50 "
        f"{sweeps['p50_ms']} ms, load {found['load_average'][0]:.2f}",
        flush=True,
    )
    return found


async def with_history(
    stack: Stack,
    engine: AsyncEngine,
    template: Template,
    account_ids: list[int],
    args: argparse.Namespace,
) -> dict[str, Any]:
    """``--history`` more posts, published over the past year; measured as a checkpoint."""
    year = timedelta(days=365)
    dues = spread(datetime.now(UTC) - year, year - timedelta(hours=1), args.history)
    planned, seconds = await seed_posts(
        engine, template, account_ids, dues, "sizing history", args.batch
    )
    await mark_published(engine, planned, timedelta(seconds=120))
    found = await measure_size(stack, engine, args.posts + args.history, seconds, len(dues), args)
    return found | {"published": args.history}


async def api_scheduling(
    stack: Stack, accounts: list[str], due: datetime, args: argparse.Namespace
) -> dict[str, Any]:
    """Scheduling requests answered with every post already stored."""
    async with httpx.AsyncClient(base_url=stack.api_url, timeout=httpx.Timeout(60.0)) as api:
        await log_in(api, ADMIN["username"], ADMIN["password"])
        plan = [(f"sizing late {n}", due + timedelta(minutes=n)) for n in range(200)]
        run = await schedule_posts(api, accounts, plan, args.in_flight)
    return request_summary(run.request_seconds, run.started, run.finished) | {
        "load_average": os.getloadavg()
    }


async def connect_many(
    sandbox: httpx.AsyncClient, api: httpx.AsyncClient, count: int, in_flight: int
) -> list[str]:
    """``count`` new sandbox accounts connected through the API, ``in_flight`` at a time."""
    limit = asyncio.Semaphore(in_flight)

    async def one(number: int) -> str:
        async with limit:
            account = await sandbox_account(sandbox, f"sizing_{number}")
            connected = await api.post(
                "/api/v1/credentials/",
                json={"account_id": account["ig_user_id"], "access_token": account["access_token"]},
            )
        if connected.status_code != 201:
            raise RuntimeError(f"connecting an account failed: {connected.text}")
        return str(account["ig_user_id"])

    return list(await asyncio.gather(*(one(n) for n in range(count))))


async def credential_ids(engine: AsyncEngine) -> list[int]:
    async with engine.connect() as connection:
        return list((await connection.execute(select(credentials.c.id).order_by("id"))).scalars())


def idle_memory(stack: Stack, args: argparse.Namespace, work_dir: Path) -> dict[str, Any]:
    """``serve`` and one worker on the full database with nothing due: when the worker has
    started and after ``--idle-seconds`` of sweeps."""
    serve = next(p for p in stack.processes if p.name == "serve")
    workers = start_workers(stack, 1, work_dir, "idle")
    try:
        started = {p.name: rss_kib(p.popen.pid) for p in (serve, *workers)}
        time.sleep(args.idle_seconds)  # sweeps every 2 s meanwhile: nothing to wait on
        after = {p.name: rss_kib(p.popen.pid) for p in (serve, *workers)}
        broker = broker_contents(stack.broker_url)
    finally:
        stop_workers(stack, workers)
    return {
        "rss_kib_started": started,
        "rss_kib_after_idle": after,
        "idle_seconds": args.idle_seconds,
        "broker": broker,
        "load_average": os.getloadavg(),
    }


def busy_minute(
    stack: Stack,
    args: argparse.Namespace,
    work_dir: Path,
    seeded: dict[str, Any],
    workers: int,
    load: tuple[int, float, int],
    env: dict[str, str],
) -> dict[str, Any]:
    """``load``: (posts, the seconds their due times span, the round's number); the workers
    started with ``env``."""
    posts, window, round_number = load
    template: Template = seeded["template"]
    ids: list[int] = seeded["account_ids"]
    # Each round on other accounts: none nears Instagram's 100 posts a day.
    shift = (round_number * 997) % len(ids)
    accounts = ids[shift:] + ids[:shift]
    first_due = datetime.now(UTC) + timedelta(seconds=args.busy_lead)
    dues = spread(first_due, timedelta(seconds=window), posts)
    planned, dispatch = asyncio.run(
        _store_and_dispatch(stack, template, accounts, dues, f"busy {round_number}", args)
    )
    cpu_before, ticks_before = _cpu(stack), machine_cpu_ticks()
    running = start_workers(stack, workers, work_dir, f"r{round_number}", env)
    try:
        events = asyncio.run(_published(stack, planned, dues[-1] + timedelta(seconds=180)))
        cpu_after, ticks_after = _cpu(stack), machine_cpu_ticks()
        rss = {p.name: rss_kib(p.popen.pid) for p in stack.processes if p.name != "sandbox"}
        warnings = stack.warnings()
    finally:
        stop_workers(stack, running)
    scheduled = [Scheduled(p.caption, p.due, p.post_id) for p in planned]
    statuses = asyncio.run(_statuses(stack, [p.post_id for p in planned]))
    cpu = {name: round(cpu_after[name] - cpu_before.get(name, 0.0), 2) for name in cpu_after}
    busy = (ticks_after[0] - ticks_before[0]) / os.sysconf("SC_CLK_TCK")
    wall = (ticks_after[1] - ticks_before[1]) / os.sysconf("SC_CLK_TCK") / (os.cpu_count() or 1)
    result: dict[str, Any] = {
        "workers": workers,
        "description": f"{posts} posts due over {window:g} s",
        "dispatch_sweep": dispatch,
        "lateness": lateness_summary(scheduled, events),
        "throughput": throughput_summary(scheduled, events),
        "statuses": statuses,
        "cpu_seconds": cpu,
        "machine_cpu_seconds_busy": round(busy, 1),
        "wall_seconds": round(wall, 1),
        "rss_kib_after": rss,
        "warnings_logged": warnings,
        "load_average": os.getloadavg(),
    }
    late = result["lateness"]
    print(
        f"{result['description']}, {workers} worker(s): "
        f"{late['published']}/{late['posts']} published, "
        f"{late['duplicates']} duplicates, p50 {late.get('p50_s', 0):.3f} s, p99 "
        f"{late.get('p99_s', 0):.3f} s, max {late.get('max_s', 0):.3f} s, "
        f"load {result['load_average'][0]:.2f}",
        flush=True,
    )
    return result


async def _store_and_dispatch(
    stack: Stack,
    template: Template,
    accounts: list[int],
    dues: list[datetime],
    prefix: str,
    args: argparse.Namespace,
) -> tuple[list[Planned], dict[str, Any]]:
    """The busy minute's posts stored as long ago, then the sweep that hands them to Redis,
    and a few after it (the steady state while they wait)."""
    engine = create_engine(stack.database_url)
    try:
        planned, _ = await seed_posts(engine, template, accounts, dues, prefix, args.batch)
    finally:
        await engine.dispose()
    async with worker_container(stack.database_url, stack.broker_url, Path(".")) as container:
        handing = await timed_sweeps(container, 1)
        steady = await timed_sweeps(container, args.sweep_runs)
    return planned, {"handing_over": handing, "after": steady}


async def _published(stack: Stack, planned: list[Planned], deadline: datetime) -> Any:
    async with httpx.AsyncClient(base_url=stack.sandbox_url, timeout=60.0) as sandbox:
        captions = {p.caption for p in planned}
        return await wait_for_publication(sandbox, captions, deadline, poll_seconds=1.0)


async def _statuses(stack: Stack, post_ids: list[int]) -> dict[str, int]:
    engine = create_engine(stack.database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text(
                    "SELECT status, count(*) FROM publications WHERE post_id = ANY(:ids) "
                    "GROUP BY status"
                ),
                {"ids": post_ids},
            )
            return {str(status): int(n) for status, n in rows}
    finally:
        await engine.dispose()


def busy_rounds(
    stack: Stack, args: argparse.Namespace, work_dir: Path, seeded: dict[str, Any]
) -> list[dict[str, Any]]:
    """Each load with each number of ``--workers``, for each ``--network-delay-ms``."""
    loads = [(args.busy_posts, args.busy_window)]
    if args.burst_posts:
        loads.append((args.burst_posts, 0.0))
    rounds: list[dict[str, Any]] = []
    for delay in args.network_delay_ms:
        with delayed(stack.database_url, stack.broker_url, delay, work_dir) as relayed:
            trips = round_trips(relayed.database_url, relayed.broker_url)
            env = stack.env | {
                "AUTOPOST_DATABASE_URL": relayed.database_url,
                "AUTOPOST_BROKER_URL": relayed.broker_url,
            }
            print(f"network delay {delay:g} ms each way: round trips {trips}", flush=True)
            for load in loads:
                for workers in args.workers:
                    relay_before = process_cpu_seconds(relayed.popen.pid) if relayed.popen else 0
                    found = busy_minute(
                        stack, args, work_dir, seeded, workers, (*load, len(rounds)), env
                    )
                    relay_after = process_cpu_seconds(relayed.popen.pid) if relayed.popen else 0
                    rounds.append(
                        found
                        | {
                            "network_delay_ms": delay,
                            "round_trips": trips,
                            "relay_cpu_seconds": round(relay_after - relay_before, 2),
                        }
                    )
    return rounds


def start_workers(
    stack: Stack, count: int, work_dir: Path, tag: str, env: dict[str, str] | None = None
) -> list[Process]:
    started = [
        Process(f"worker-{tag}-{n}", ["worker"], env or stack.env, work_dir) for n in range(count)
    ]
    stack.processes.extend(started)
    deadline = time.monotonic() + 60
    while not all("worker started" in w.log() for w in started):
        if any(w.popen.poll() is not None for w in started) or time.monotonic() > deadline:
            stop_workers(stack, started)
            raise RuntimeError("a worker did not start:\n" + started[0].log()[-3000:])
        time.sleep(0.1)
    return started


def stop_workers(stack: Stack, workers: list[Process]) -> None:
    for worker in workers:
        worker.stop()
        stack.processes.remove(worker)


def _cpu(stack: Stack) -> dict[str, float]:
    return stack.cpu_seconds() | {
        "postgres": service_cpu_seconds(("postgres",)),
        "redis": service_cpu_seconds(("redis-server",)),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    options = StackOptions(
        mode="scaled",
        workers=0,  # started here, phase by phase
        worker_threads=None,
        redis_db=args.redis_db,
        database_pool_size=args.database_pool_size,
        platform_delay_ms=args.platform_delay_ms,
    )
    work_dir = Path(tempfile.mkdtemp(prefix="autopost-sizing-"))
    started = datetime.now(UTC)
    try:
        with running_stack(options, work_dir) as stack:
            seeded = asyncio.run(seed_and_sweep(stack, args))
            memory = idle_memory(stack, args, work_dir)
            rounds = busy_rounds(stack, args, work_dir, seeded)
    finally:
        if args.keep:
            print(f"logs kept in {work_dir}", file=sys.stderr)
        else:
            shutil.rmtree(work_dir, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"sizing-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    seeded.pop("template")
    seeded.pop("account_ids")
    result = {
        "started": started.isoformat(),
        "finished": datetime.now(UTC).isoformat(),
        "config": {k: v for k, v in vars(args).items() if k != "keep"},
        "machine": machine(),
        "source": source_revision(INSTALLED_SRC),
        **seeded,
        "memory": memory,
        "rounds": rounds,
    }
    path.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(f"result: {path}")
    bad = [r for r in rounds if r["lateness"]["duplicates"] or r["lateness"]["missing"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
