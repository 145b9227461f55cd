"""The measured syncs of one account: first, re-syncs with nothing changed, a full re-sync;
through ``autopost instagram sync`` (a process of its own) or ``POST /api/sync/`` (inside the
running ``autopost serve``)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from benchmarks.machine import service_cpu_seconds
from benchmarks.sync_process import (
    MachineLoad,
    cpu_seconds,
    measuring_machine,
    own_cpu_seconds,
    run_autopost,
    wait_for_quiet,
    watching_memory,
)
from benchmarks.sync_stack import SyncStack

STARTUP_RUNS = 3


@dataclass
class Costs:
    """CPU time spent during a measured sync by the sandbox, the database server and this
    benchmark, and by any other program on the machine (which makes the figures noisy)."""

    sandbox: float = 0.0
    database: float = 0.0
    benchmark: float = 0.0
    load: MachineLoad = field(default_factory=MachineLoad)

    def figures(self, syncing_process_cpu: float) -> dict[str, float]:
        ours = syncing_process_cpu + self.sandbox + self.database + self.benchmark
        return {
            "cpu_seconds": round(syncing_process_cpu, 2),
            "sandbox_cpu_seconds": round(self.sandbox, 2),
            "database_cpu_seconds": round(self.database, 2),
            "other_programs_cpu_seconds": self.load.others(ours),
        }


@contextmanager
def accounting(stack: SyncStack) -> Iterator[Costs]:
    def database_cpu() -> float:
        # SQLite runs inside the syncing process; PostgreSQL in its own server processes.
        return service_cpu_seconds(("postgres",)) if stack.db == "postgresql" else 0.0

    costs = Costs()
    sandbox, database, own = cpu_seconds(stack.sandbox.popen.pid), database_cpu(), own_cpu_seconds()
    with measuring_machine() as costs.load:
        yield costs
    costs.sandbox = cpu_seconds(stack.sandbox.popen.pid) - sandbox
    costs.database = database_cpu() - database
    costs.benchmark = own_cpu_seconds() - own


def cli_syncs(
    stack: SyncStack, credential: int, media: int, resyncs: int, quiet_wait: float
) -> dict[str, Any]:
    def sync(name: str, *flags: str) -> dict[str, Any]:
        with accounting(stack) as costs:
            run = run_autopost(
                ["instagram", "sync", "--credential", str(credential), *flags],
                stack.env,
                stack.work_dir,
                stack.work_dir / f"cli-{name}.log",
            )
        if run.exit_code != 0:
            raise RuntimeError(f"autopost instagram sync {flags} failed:\n{run.output[-3000:]}")
        return {
            "seconds": round(run.seconds, 3),
            **costs.figures(run.cpu_seconds),
            "peak_rss_mib": round(run.peak_rss_mib, 1),
            "report": run.output.strip().splitlines()[-1],
        }

    # What any ``autopost`` command costs before it does anything: starting Python and
    # importing Autopost. The first run only warms the bytecode cache and the page cache.
    wait_for_quiet(quiet_wait)
    startup = [
        run_autopost(["--help"], stack.env, stack.work_dir, stack.work_dir / "cli-help.log")
        for _ in range(1 + STARTUP_RUNS)
    ][1:]
    first = sync("first")
    _expect(first["report"], f"{media} media read", f"{media} new or changed")
    again = [sync(f"resync-{n}") for n in range(resyncs)]
    for run in again:
        _expect(run["report"], " 0 new or changed")
    full = sync("full", "--full")
    _expect(full["report"], f"{media} media read", "0 marked deleted")
    startup_seconds = statistics.median(r.seconds for r in startup)
    resync_seconds = statistics.median(r["seconds"] for r in again)
    return {
        "startup": {
            "seconds": round(startup_seconds, 3),
            "cpu_seconds": round(statistics.median(r.cpu_seconds for r in startup), 3),
            "peak_rss_mib": round(max(r.peak_rss_mib for r in startup), 1),
        },
        "first": first
        | {
            "media_per_s": round(media / first["seconds"], 1),
            "media_per_s_after_startup": round(media / (first["seconds"] - startup_seconds), 1),
        },
        "resync": {"runs": again, "median_seconds": round(resync_seconds, 3)},
        "resync_speedup": round(first["seconds"] / resync_seconds, 1),
        "full": full | {"media_per_s": round(media / full["seconds"], 1)},
    }


def http_syncs(
    stack: SyncStack,
    api: httpx.Client,
    credential: int,
    media: int,
    resyncs: int,
    quiet_wait: float,
) -> dict[str, Any]:
    serve_pid = stack.serve.popen.pid

    def sync(full: bool) -> dict[str, Any]:
        serve_cpu = cpu_seconds(serve_pid)
        with accounting(stack) as costs, watching_memory(serve_pid) as memory:
            began = time.perf_counter()
            answer = api.post("/api/sync/", json={"credential": credential, "full": full})
            seconds = time.perf_counter() - began
        answer.raise_for_status()
        return {
            "seconds": round(seconds, 3),
            **costs.figures(cpu_seconds(serve_pid) - serve_cpu),
            "rss_before_mib": round(memory.before_mib, 1),
            "peak_rss_mib": round(memory.peak_mib, 1),
            "peak_is_high_water_mark": memory.hwm_reset,
            "report": answer.json(),
        }

    wait_for_quiet(quiet_wait)
    first = sync(full=False)
    if (first["report"]["seen"], first["report"]["new_or_changed"]) != (media, media):
        raise RuntimeError(f"the first sync did not bring every media: {first['report']}")
    again = [sync(full=False) for _ in range(resyncs)]
    if any(run["report"]["new_or_changed"] for run in again):
        raise RuntimeError(f"a re-sync with nothing changed found changes: {again}")
    full = sync(full=True)
    if (full["report"]["seen"], full["report"]["deleted"]) != (media, 0):
        raise RuntimeError(f"the full re-sync went wrong: {full['report']}")
    resync_seconds = statistics.median(r["seconds"] for r in again)
    return {
        "first": first | {"media_per_s": round(media / first["seconds"], 1)},
        "resync": {"runs": again, "median_seconds": round(resync_seconds, 4)},
        "resync_speedup": round(first["seconds"] / resync_seconds, 1),
        "full": full | {"media_per_s": round(media / full["seconds"], 1)},
    }


def _expect(report: str, *parts: str) -> None:
    for part in parts:
        if part not in report:
            raise RuntimeError(f"expected {part!r} in the sync's report: {report!r}")
