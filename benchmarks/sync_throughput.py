"""How fast Autopost pulls an Instagram account's media in, what memory that takes, how cheap
a re-sync with nothing changed is, and what a deep page of ``GET /api/posts/`` costs. Run on
demand from the repository's root::

    .venv/bin/python -m benchmarks.sync_throughput --db sqlite --media 10000 100000
    .venv/bin/python -m benchmarks.sync_throughput --db postgresql --media 100000

For each number of media it starts ``autopost sandbox`` and an embedded ``autopost serve``
in a fresh work directory (and, for PostgreSQL, a fresh database on 127.0.0.1:5432), seeds
two sandbox accounts with that many media each, syncs one with ``autopost instagram sync``
and the other with ``POST /api/sync/``, then walks and times ``GET /api/posts/``. It prints
a table and writes the figures to ``benchmarks/results/sync-<db>-<timestamp>.json``.
See docs/performance-sync.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from benchmarks.autopost_stack import ADMIN, source_revision
from benchmarks.machine import machine
from benchmarks.sync_listing import WALK_LIMIT, first_against_deep, walk_cursor_chain
from benchmarks.sync_phases import cli_syncs, http_syncs
from benchmarks.sync_process import measuring_machine, wait_for_quiet
from benchmarks.sync_report import print_table, targets
from benchmarks.sync_stack import SyncStack, running_sync_stack

RESULTS = Path(__file__).parent / "results"
INSTALLED_SRC = Path(__file__).parent.parent / "src"
DEMO_ACCOUNT = "17841400000000001"
DEMO_TOKEN = "sandbox-instagram-token"  # noqa: S105 - the sandbox's published demo token
# A sync of 100,000 media is one request; give it all the time it needs.
SYNC_TIMEOUT = httpx.Timeout(1800.0, connect=10.0)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--media", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--resyncs", type=int, default=5, help="re-syncs with nothing changed")
    parser.add_argument("--depth", type=int, default=50_000, help="rows before the deep page")
    parser.add_argument("--repeats", type=int, default=50, help="timed requests of each page")
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=60.0,
        help="seconds to wait, at most, for other programs to leave the CPUs before a measurement",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work dirs and their logs")
    return parser.parse_args(argv)


def measure(stack: SyncStack, media: int, args: argparse.Namespace) -> dict[str, Any]:
    with (
        httpx.Client(base_url=stack.api_url, timeout=SYNC_TIMEOUT) as api,
        httpx.Client(base_url=stack.sandbox_url, timeout=SYNC_TIMEOUT) as sandbox,
    ):
        login = api.post("/api/v1/api-token-auth/", json=ADMIN)
        login.raise_for_status()
        api.headers["Authorization"] = f"Token {login.json()['token']}"
        second = sandbox.post("/_sandbox/instagram/accounts", json={"username": "sync_bench"})
        second.raise_for_status()
        accounts = {
            "cli": (DEMO_ACCOUNT, DEMO_TOKEN),
            "http": (second.json()["ig_user_id"], second.json()["access_token"]),
        }
        credentials: dict[str, int] = {}
        seeding: dict[str, float] = {}
        for path, (account_id, token) in accounts.items():
            credentials[path] = _connect(api, account_id, token)
            began = time.perf_counter()
            seeded = sandbox.post(
                f"/_sandbox/instagram/accounts/{account_id}/media/seed", json={"count": media}
            )
            seeded.raise_for_status()
            seeding[path] = round(time.perf_counter() - began, 2)
        # The CLI syncs first, into an empty table: its first sync is the cleanest figure.
        cli = cli_syncs(stack, credentials["cli"], media, min(args.resyncs, 3), args.quiet_wait)
        http = http_syncs(stack, api, credentials["http"], media, args.resyncs, args.quiet_wait)
        total_rows = 2 * media
        depth = min(args.depth, total_rows - WALK_LIMIT)
        walk, cursor = walk_cursor_chain(api, depth)
        listing: dict[str, Any] = {"rows_listed": total_rows, "walk": walk}
        if cursor is not None:
            wait_for_quiet(args.quiet_wait)
            with measuring_machine() as load:
                listing["pages"] = first_against_deep(api, cursor, args.repeats)
            listing["pages"]["machine_busy_percent"] = load.busy_percent
    return {
        "media": media,
        "seed_seconds": seeding,
        "cli": cli,
        "http": http,
        "listing": listing,
        "warnings_logged": _warnings(stack),
    }


def _connect(api: httpx.Client, account_id: str, token: str) -> int:
    answer = api.post(
        "/api/v1/credentials/",
        json={"platform": "instagram", "account_id": account_id, "access_token": token},
    )
    if answer.status_code != 201:
        raise RuntimeError(f"connecting {account_id} failed: {answer.text}")
    return int(answer.json()["id"])


def _warnings(stack: SyncStack) -> dict[str, int]:
    counted = ("WARNING", "ERROR", "CRITICAL", "Traceback")
    return {
        process.name: sum(any(w in line for w in counted) for line in process.log().splitlines())
        for process in (stack.sandbox, stack.serve)
    }


def _source() -> dict[str, Any]:
    # ``git status`` would otherwise refresh the index, racing whoever commits meanwhile.
    os.environ["GIT_OPTIONAL_LOCKS"] = "0"
    return source_revision(INSTALLED_SRC)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.now(UTC)
    runs = []
    for media in args.media:
        work_dir = Path(tempfile.mkdtemp(prefix=f"autopost-sync-{args.db}-{media}-"))
        try:
            with running_sync_stack(args.db, work_dir) as stack:
                runs.append(measure(stack, media, args))
        finally:
            if args.keep:
                print(f"logs kept in {work_dir}", file=sys.stderr)
            else:
                shutil.rmtree(work_dir, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"sync-{args.db}-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    checks = targets(runs)
    result: dict[str, Any] = {
        "started": started.isoformat(),
        "config": {
            "db": args.db,
            "media": args.media,
            "resyncs": args.resyncs,
            "depth": args.depth,
            "repeats": args.repeats,
        },
        "machine": machine(),
        "source": _source(),
        "runs": runs,
        "targets": checks,
        "path": str(path),
    }
    path.write_text(json.dumps(result, indent=2) + "\n")
    print_table(result)
    return 0 if all(check["met"] for check in checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
