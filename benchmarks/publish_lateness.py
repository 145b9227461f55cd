"""How late Autopost publishes behind ``date_pub`` under load, and how many publications per
second it sustains at saturation. Run on demand from the repository's root::

    .venv/bin/python -m benchmarks.publish_lateness --mode embedded
    .venv/bin/python -m benchmarks.publish_lateness --mode scaled --workers 2
    .venv/bin/python -m benchmarks.publish_lateness --platform-delay-ms 500  # a slow platform

It starts ``autopost sandbox`` (answering every platform call after ``--platform-delay-ms``)
and ``autopost serve`` (and, scaled, ``autopost worker``s over PostgreSQL and Redis on
127.0.0.1), schedules posts through the public API, reads when each one reached the sandbox's
``media_publish``, prints a table and writes the figures to
``benchmarks/results/<mode>-<timestamp>.json``. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from benchmarks.autopost_stack import (
    ADMIN,
    Stack,
    StackOptions,
    running_stack,
    source_revision,
)
from benchmarks.lateness_report import (
    lateness_samples,
    lateness_summary,
    print_table,
    request_summary,
    throughput_summary,
)
from benchmarks.machine import machine, machine_cpu_ticks, service_cpu_seconds
from benchmarks.post_load import (
    Scheduled,
    connect_accounts,
    containers_made,
    evenly_spread,
    log_in,
    post_statuses,
    schedule_posts,
    wait_for_publication,
)

RESULTS = Path(__file__).parent / "results"
INSTALLED_SRC = Path(__file__).parent.parent / "src"
# Instagram lets an account publish 100 posts in 24 hours; the sandbox enforces it, so the
# posts are spread over enough accounts to stay under it.
POSTS_PER_ACCOUNT = 90


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split(" Run on demand")[0])
    parser.add_argument("--mode", choices=["embedded", "scaled"], default="embedded")
    parser.add_argument("--phase", choices=["both", "lateness", "saturation"], default="both")
    parser.add_argument("--posts", type=int, default=1000, help="posts of the lateness phase")
    parser.add_argument("--window", type=float, default=10.0, help="seconds their due times span")
    parser.add_argument(
        "--lead", type=float, default=30.0, help="seconds from now to the first due time"
    )
    parser.add_argument(
        "--saturation-posts", type=int, default=2000, help="posts all due at the same second"
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes (scaled mode)")
    parser.add_argument(
        "--worker-threads", type=int, default=None, help="AUTOPOST_WORKER_THREADS (default: 8)"
    )
    parser.add_argument(
        "--worker-concurrency",
        type=int,
        default=None,
        help="AUTOPOST_WORKER_CONCURRENCY (default: 200)",
    )
    parser.add_argument(
        "--database-pool-size",
        type=int,
        default=None,
        help="AUTOPOST_DATABASE_POOL_SIZE (default: Autopost's, 10)",
    )
    parser.add_argument(
        "--api-processes",
        type=int,
        default=1,
        help="`autopost serve` processes (scaled mode), the requests spread over them",
    )
    parser.add_argument("--accounts", type=int, default=50, help="Instagram accounts posted to")
    parser.add_argument("--in-flight", type=int, default=20, help="concurrent scheduling requests")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds after the last due time to wait"
    )
    parser.add_argument("--redis-db", type=int, default=11, help="flushed before and after")
    parser.add_argument(
        "--autopost-src",
        type=Path,
        default=None,
        help="measure the autopost package under this src/ instead of the installed one",
    )
    parser.add_argument(
        "--prepare-ahead",
        type=float,
        default=None,
        help="AUTOPOST_PREPARE_AHEAD_SECONDS (default: Autopost's, 300); 0 prepares nothing ahead",
    )
    parser.add_argument(
        "--platform-delay-ms",
        type=float,
        default=0.0,
        help="the sandbox answers every platform call after this many ms (a slow platform)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work dir and its logs")
    return parser.parse_args(argv)


async def run_phases(stack: Stack, args: argparse.Namespace) -> dict[str, Any]:
    timeout = httpx.Timeout(60.0)
    limits = httpx.Limits(max_connections=args.in_flight, max_keepalive_connections=args.in_flight)
    async with (
        httpx.AsyncClient(
            base_url=stack.api_url, timeout=timeout, transport=stack.api_transport(limits)
        ) as api,
        httpx.AsyncClient(base_url=stack.sandbox_url, timeout=timeout) as sandbox,
    ):
        await log_in(api, ADMIN["username"], ADMIN["password"])
        total = (args.posts if args.phase != "saturation" else 0) + (
            args.saturation_posts if args.phase != "lateness" else 0
        )
        accounts = await connect_accounts(
            sandbox, api, max(args.accounts, math.ceil(total / POSTS_PER_ACCOUNT))
        )
        phases: dict[str, Any] = {}
        scheduling_rate: float | None = None
        if args.phase in ("both", "lateness"):
            first_due = datetime.now(UTC) + timedelta(seconds=args.lead)
            plan = evenly_spread(first_due, timedelta(seconds=args.window), args.posts, "bench")
            description = f"{args.posts} posts due evenly over {args.window:g} s"
            phases["lateness"] = await measure(stack, api, sandbox, accounts, plan, args)
            phases["lateness"]["description"] = description
            scheduling_rate = phases["lateness"]["scheduling"]["per_second"]
        if args.phase in ("both", "saturation"):
            await asyncio.sleep(2.0)  # let the permalink calls of the last phase finish
            lead = args.lead
            if scheduling_rate:  # scheduling must end before anything is due, and before
                # the posts are made ready when they are made ready ahead
                scheduling = 1.5 * args.saturation_posts / scheduling_rate
                lead = max(lead, scheduling + (args.prepare_ahead or 0.0) + 5)
            due = datetime.now(UTC) + timedelta(seconds=lead)
            plan = [(f"bench burst {n}", due) for n in range(args.saturation_posts)]
            description = f"{args.saturation_posts} posts all due at the same second"
            phases["saturation"] = await measure(stack, api, sandbox, accounts, plan, args)
            phases["saturation"]["description"] = description
        return {"accounts": len(accounts), "phases": phases}


async def measure(
    stack: Stack,
    api: httpx.AsyncClient,
    sandbox: httpx.AsyncClient,
    accounts: list[str],
    plan: list[tuple[str, datetime]],
    args: argparse.Namespace,
) -> dict[str, Any]:
    cpu_before = cpu_now(stack)
    run = await schedule_posts(api, accounts, plan, args.in_flight)
    cpu_scheduled = cpu_now(stack)
    machine_scheduled = machine_cpu_ticks()
    posts: list[Scheduled] = run.posts
    first_due = min(p.due for p in posts)
    deadline = max(p.due for p in posts) + timedelta(seconds=args.timeout)
    captions = {p.caption for p in posts}
    made_by_due = asyncio.create_task(_containers_made_at(sandbox, captions, first_due))
    events = await wait_for_publication(sandbox, captions, deadline, poll_seconds=1.0)
    cpu_after = cpu_now(stack)
    machine_after = machine_cpu_ticks()
    stored = await post_statuses(api, {p.post_id for p in posts})
    return {
        "scheduling": request_summary(run.request_seconds, run.started, run.finished),
        "scheduled_ahead_s": (first_due - run.finished).total_seconds(),
        # Made ready before their time, or still being made ready while the first are due.
        "containers_made_by_first_due": await made_by_due,
        "lateness": lateness_summary(posts, events),
        "samples": lateness_samples(posts, events),
        "throughput": throughput_summary(posts, events),
        "statuses": dict(Counter(p["status"] for p in stored)),
        "attempts_over_1": sum(1 for p in stored if p["attempts"] > 1),
        "errors": dict(Counter(p["error"] for p in stored if p["error"]).most_common(5)),
        "cpu_seconds_scheduling": _delta(cpu_scheduled, cpu_before),
        "cpu_seconds": _delta(cpu_after, cpu_scheduled),
        "machine_cpu_busy_percent": _busy_percent(machine_scheduled, machine_after),
        "autopost_cpu_ms_per_publication": _autopost_cpu_per_publication(
            _delta(cpu_after, cpu_scheduled), len({e["caption"] for e in events})
        ),
        # With the scheduling requests and the work done ahead of the due times.
        "autopost_cpu_ms_per_post_all_told": _autopost_cpu_per_publication(
            _delta(cpu_after, cpu_before), len({e["caption"] for e in events})
        ),
        "other_programs_cpu_seconds": _others(
            machine_scheduled, machine_after, _delta(cpu_after, cpu_scheduled)
        ),
        "warnings_logged": stack.warnings(),
    }


async def _containers_made_at(
    sandbox: httpx.AsyncClient, captions: set[str], moment: datetime
) -> int:
    await asyncio.sleep(max(0.0, (moment - datetime.now(UTC)).total_seconds()))
    return await containers_made(sandbox, captions)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    options = StackOptions(
        mode=args.mode,
        workers=args.workers if args.mode == "scaled" else 0,
        worker_threads=args.worker_threads,
        prepare_ahead=args.prepare_ahead,
        redis_db=args.redis_db,
        autopost_src=args.autopost_src,
        platform_delay_ms=args.platform_delay_ms,
        worker_concurrency=args.worker_concurrency,
        database_pool_size=args.database_pool_size,
        api_processes=args.api_processes if args.mode == "scaled" else 1,
    )
    work_dir = Path(tempfile.mkdtemp(prefix=f"autopost-bench-{args.mode}-"))
    started = datetime.now(UTC)
    try:
        with running_stack(options, work_dir) as stack:
            measured = asyncio.run(run_phases(stack, args))
    finally:
        if args.keep:
            print(f"logs kept in {work_dir}", file=sys.stderr)
        else:
            shutil.rmtree(work_dir, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{args.mode}-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    result = {
        "started": started.isoformat(),
        "config": {
            "mode": args.mode,
            "workers": options.workers or 1,
            "worker_threads": args.worker_threads,
            "worker_concurrency": args.worker_concurrency,
            "database_pool_size": args.database_pool_size,
            "prepare_ahead_s": args.prepare_ahead,
            "platform_delay_ms": args.platform_delay_ms,
            "posts": args.posts,
            "window_s": args.window,
            "lead_s": args.lead,
            "saturation_posts": args.saturation_posts,
            "in_flight": args.in_flight,
            "accounts": measured["accounts"],
        },
        "machine": machine(),
        "source": source_revision(args.autopost_src or INSTALLED_SRC),
        "phases": measured["phases"],
        "path": str(path),
    }
    path.write_text(json.dumps(result, indent=2) + "\n")
    print_table(result)
    return 0 if _all_good(measured["phases"]) else 1


def _all_good(phases: dict[str, Any]) -> bool:
    """Exactly once and never early; lateness itself is for the reader to judge."""
    return all(
        p["lateness"]["duplicates"] == 0
        and p["lateness"]["missing"] == 0
        and p["lateness"]["early"] == 0
        for p in phases.values()
    )


def cpu_now(stack: Stack) -> dict[str, float]:
    own = os.times()
    return stack.cpu_seconds() | {
        "postgres+redis": service_cpu_seconds(),
        "benchmark": own.user + own.system,
    }


def _autopost_cpu_per_publication(cpu: dict[str, float], published: int) -> float:
    """CPU time of the processes that publish (the API with its embedded worker, or the
    workers) per publication: what bounds throughput once a core is full."""
    used = sum(s for name, s in cpu.items() if name == "serve" or name.startswith("worker-"))
    return round(1000 * used / published, 1) if published else 0.0


def _others(before: tuple[int, int], after: tuple[int, int], ours: dict[str, float]) -> float:
    """Busy CPU time of the machine that none of the measured programs used: anything else
    running at the same time, which makes a run noisy."""
    busy = (after[0] - before[0]) / os.sysconf("SC_CLK_TCK")
    return round(max(0.0, busy - sum(ours.values())), 1)


def _busy_percent(before: tuple[int, int], after: tuple[int, int]) -> float:
    busy, total = after[0] - before[0], after[1] - before[1]
    return round(100 * busy / total, 1) if total else 0.0


def _delta(after: dict[str, float], before: dict[str, float]) -> dict[str, float]:
    return {name: round(after[name] - before.get(name, 0.0), 2) for name in after}


if __name__ == "__main__":
    sys.exit(main())
