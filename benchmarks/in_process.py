"""What the in-process benchmarks (``publish_path``, ``create_path``) share: a sandbox in its
own process and a fresh database, and the CPU and wall time of the part they measure."""

from __future__ import annotations

import cProfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.processes import Process, free_port

from autopost.entrypoints.settings import Settings
from benchmarks.autopost_stack import fresh_postgres_database

SECRET_KEY = "benchmark-secret-key-not-for-production"  # noqa: S105 - loopback only


@dataclass(frozen=True)
class Bench:
    work_dir: Path
    sandbox_url: str
    database_url: str  # a SQLite file in work_dir, or a fresh PostgreSQL database

    def settings(self) -> Settings:
        """Autopost's settings for a container in this process: this database, the sandbox as
        Instagram's Graph API, no broker."""
        return Settings(
            var_dir=self.work_dir,
            database_url=self.database_url,
            broker_url="",
            secret_key=SECRET_KEY,
            instagram_graph_url=f"{self.sandbox_url}/v24.0",
        )


@contextmanager
def sandbox_and_database(postgres: bool) -> Iterator[Bench]:
    """``autopost sandbox`` on a free port, and a database, both gone afterwards."""
    with ExitStack() as cleanup:
        work_dir = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="autopost-")))
        database_url = f"sqlite:///{work_dir / 'autopost.db'}"
        if postgres:
            database_url = cleanup.enter_context(fresh_postgres_database())
        port = free_port()
        sandbox = Process("sandbox", ["sandbox", "--port", str(port)], {}, work_dir)
        cleanup.callback(sandbox.stop)
        sandbox_url = f"http://127.0.0.1:{port}"
        sandbox.wait_http(f"{sandbox_url}/_sandbox/instagram/published")
        yield Bench(work_dir, sandbox_url, database_url)


@dataclass
class Spent:
    wall: float = 0.0
    cpu: float = 0.0  # this process's


@contextmanager
def spent(profile: str | None) -> Iterator[Spent]:
    """The wall and CPU time of the block, known once it ends; with ``profile``, cProfile's
    statistics of it are written to that file."""
    profiler = cProfile.Profile() if profile else None
    measured = Spent()
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    yield measured
    if profiler is not None:
        profiler.disable()
    measured.wall, measured.cpu = time.perf_counter() - wall, time.process_time() - cpu
    if profiler is not None and profile:
        profiler.dump_stats(profile)
