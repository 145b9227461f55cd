"""How late posts are when workers die in the middle of a burst, and that each is published
exactly once all the same. Run on demand from the repository's root::

    .venv/bin/python -m benchmarks.worker_kills                 # 150 posts over 20 s, 3 kills
    .venv/bin/python -m benchmarks.worker_kills --posts 300 --kills 5

The scaled deployment (PostgreSQL, Redis, ``autopost serve`` and ``--workers`` workers, the
shipped defaults for leases and the sweep) publishes ``--posts`` photo posts due evenly over
``--window`` seconds. While they come due, one worker after another is killed with SIGKILL
(``--kills`` of them, evenly over the window) and a new one is started in its place, as a
supervisor would. Printed: duplicates, missing, lateness percentiles. Exits with status 1 when
a post is published twice, never, or early. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from tests.e2e.processes import Process

from benchmarks.autopost_stack import ADMIN, Stack, StackOptions, running_stack
from benchmarks.lateness_report import lateness_summary, ms
from benchmarks.post_load import (
    connect_accounts,
    evenly_spread,
    log_in,
    schedule_posts,
    wait_for_publication,
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=150)
    parser.add_argument("--window", type=float, default=20.0, help="seconds their times span")
    parser.add_argument("--lead", type=float, default=40.0, help="seconds to the first due time")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--platform-delay-ms", type=float, default=0.0)
    parser.add_argument("--redis-db", type=int, default=12)
    parser.add_argument("--keep", action="store_true", help="keep the logs")
    return parser.parse_args()


async def run(args: argparse.Namespace, stack: Stack, work_dir: Path) -> int:
    timeout = httpx.Timeout(60.0)
    async with (
        httpx.AsyncClient(base_url=stack.api_url, timeout=timeout) as api,
        httpx.AsyncClient(base_url=stack.sandbox_url, timeout=timeout) as sandbox,
    ):
        await log_in(api, ADMIN["username"], ADMIN["password"])
        accounts = await connect_accounts(sandbox, api, max(2, args.posts // 50 + 1))
        first = datetime.now(UTC) + timedelta(seconds=args.lead)
        plan = evenly_spread(first, timedelta(seconds=args.window), args.posts, "killed")
        scheduled = await schedule_posts(api, accounts, plan, 20)
        posts = scheduled.posts
        kills = [
            first + timedelta(seconds=args.window * (n + 0.5) / args.kills)
            for n in range(args.kills)
        ]
        killer = asyncio.create_task(kill_and_replace(stack.processes, stack.env, work_dir, kills))
        captions = {p.caption for p in posts}
        deadline = max(p.due for p in posts) + timedelta(seconds=180)
        events = await wait_for_publication(sandbox, captions, deadline, poll_seconds=1.0)
        await killer
    summary = lateness_summary(posts, events)
    print(f"posts           {len(posts)} due over {args.window:g} s, {args.kills} worker(s) killed")
    for name in ("duplicates", "missing", "early"):
        print(f"{name:<15} {summary[name]}")
    for name in ("min", "p50", "p90", "p99", "max"):
        if f"{name}_s" in summary:
            print(f"lateness {name:<6} {ms(summary[f'{name}_s'])}")
    bad = summary["duplicates"] + summary["missing"] + summary["early"]
    return 1 if bad else 0


async def kill_and_replace(
    processes: list[Process], env: dict[str, str], work_dir: Path, moments: list[datetime]
) -> None:
    for number, moment in enumerate(moments, start=1):
        await asyncio.sleep(max(0.0, (moment - datetime.now(UTC)).total_seconds()))
        victim = next(
            p for p in processes if p.name.startswith("worker") and p.popen.poll() is None
        )
        victim.kill()
        print(f"killed {victim.name} at {datetime.now(UTC).time().isoformat('milliseconds')}")
        replacement = Process(f"worker-new-{number}", ["worker"], env, work_dir)
        processes.append(replacement)


def stop_replacements(processes: list[Process]) -> None:
    """The workers started here, which the stack's own clean-up does not know of: left
    running, they would take the next run's messages from Redis."""
    for process in processes:
        if process.name.startswith("worker-new"):
            process.kill()


def main() -> int:
    args = parse_args()
    work_dir = Path(tempfile.mkdtemp(prefix="autopost-kills-"))
    options = StackOptions(
        mode="scaled",
        workers=args.workers,
        worker_threads=None,
        redis_db=args.redis_db,
        platform_delay_ms=args.platform_delay_ms,
    )
    try:
        with running_stack(options, work_dir) as stack:
            try:
                return asyncio.run(run(args, stack, work_dir))
            finally:
                stop_replacements(stack.processes)
    finally:
        if args.keep:
            print(f"logs kept in {work_dir}", file=sys.stderr)
        else:
            shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
