"""The processes the sync benchmark measures: ``autopost sandbox`` and an embedded
``autopost serve`` (in-process worker) over SQLite or PostgreSQL, on loopback, in a fresh
work directory. The periodic sync is switched off so that only the measured syncs run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.processes import Process, free_port

from benchmarks.autopost_stack import fresh_postgres_database, run_command, start_api

SECRET_KEY = "sync-benchmark-secret-key-not-for-production"  # noqa: S105 - loopback only


@dataclass(frozen=True)
class SyncStack:
    db: str  # "sqlite" or "postgresql"
    sandbox: Process
    serve: Process
    sandbox_url: str
    api_url: str
    env: dict[str, str]  # what every ``autopost`` command of this run is given
    work_dir: Path


@contextmanager
def running_sync_stack(db: str, work_dir: Path) -> Iterator[SyncStack]:
    with ExitStack() as cleanup:
        # Measured as installed, with compiled bytecode, even where the shell says not to
        # write any (PYTHONDONTWRITEBYTECODE): a command would otherwise compile every module
        # it imports, each time. Kept in the work dir, out of the source tree.
        python = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(work_dir / "pycache")}
        sandbox_port = free_port()
        sandbox = Process("sandbox", ["sandbox", "--port", str(sandbox_port)], python, work_dir)
        cleanup.callback(sandbox.stop)
        sandbox_url = f"http://127.0.0.1:{sandbox_port}"
        sandbox.wait_http(f"{sandbox_url}/_sandbox/instagram/settings")
        env = {
            # Settings of the developer's shell must not leak into a measurement.
            **{name: "" for name in os.environ if name.startswith("AUTOPOST_")},
            "AUTOPOST_VAR_DIR": str(work_dir / "var"),
            "AUTOPOST_SECRET_KEY": SECRET_KEY,
            "AUTOPOST_INSTAGRAM_GRAPH_URL": f"{sandbox_url}/v24.0",
            "AUTOPOST_INSTAGRAM_SYNC_INTERVAL_SECONDS": "0",
            "AUTOPOST_LOG_LEVEL": "INFO",
            **python,
        }
        if db == "postgresql":
            env["AUTOPOST_DATABASE_URL"] = cleanup.enter_context(fresh_postgres_database())
            run_command(["migrate"], env, work_dir)
        serve, api_url = start_api(env, work_dir, cleanup)
        yield SyncStack(db, sandbox, serve, sandbox_url, api_url, env, work_dir)
