"""The real ``autopost`` processes a benchmark measures: the sandbox, the API and, in scaled
mode, separate workers over PostgreSQL and Redis. Loopback only."""

from __future__ import annotations

import asyncio
import itertools
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
import redis
from tests.e2e.processes import AUTOPOST, Process, free_port

POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
ADMIN = {"username": "bench", "password": "benchmark passphrase"}


@dataclass(frozen=True)
class StackOptions:
    mode: str  # "embedded" or "scaled"
    workers: int
    worker_threads: int | None
    redis_db: int
    # Another tree's ``src`` to measure instead of the installed one (a release, a branch).
    autopost_src: Path | None = None
    prepare_ahead: float | None = None
    # Every platform call answered after this long (``autopost sandbox --delay-ms``).
    platform_delay_ms: float = 0.0
    # AUTOPOST_WORKER_CONCURRENCY: publications a worker carries at once.
    worker_concurrency: int | None = None
    # AUTOPOST_DATABASE_POOL_SIZE: connections each process holds to PostgreSQL at most.
    database_pool_size: int | None = None
    # `autopost serve` processes (scaled mode), each on its own port; the benchmark's client
    # spreads its requests over them as a load balancer would (``RoundRobin``).
    api_processes: int = 1


@dataclass
class Stack:
    sandbox_url: str
    api_url: str  # the first API process's
    env: dict[str, str]
    processes: list[Process] = field(default_factory=list)
    database_url: str = ""
    broker_url: str = ""
    api_urls: list[str] = field(default_factory=list)  # every API process's

    def api_transport(self, limits: httpx.Limits) -> httpx.AsyncBaseTransport:
        """A client's transport to the API: its requests spread over every API process."""
        return RoundRobin(self.api_urls, limits)

    def cpu_seconds(self) -> dict[str, float]:
        """User + system CPU time so far of each process, from /proc (Linux)."""
        return {p.name: process_cpu_seconds(p.popen.pid) for p in self.processes}

    def warnings(self) -> dict[str, int]:
        """How many WARNING or worse lines each process has logged."""
        counted = ("WARNING", "ERROR", "CRITICAL", "Traceback")
        return {
            p.name: sum(1 for line in p.log().splitlines() if any(w in line for w in counted))
            for p in self.processes
        }


@contextmanager
def running_stack(options: StackOptions, work_dir: Path) -> Iterator[Stack]:
    with ExitStack() as cleanup:
        sandbox_port = free_port()
        source = {"PYTHONPATH": str(options.autopost_src.resolve())} if options.autopost_src else {}
        sandbox_args = ["sandbox", "--port", str(sandbox_port)]
        if options.platform_delay_ms:  # not passed otherwise: an older --autopost-src lacks it
            sandbox_args += ["--delay-ms", f"{options.platform_delay_ms:g}"]
        sandbox = Process("sandbox", sandbox_args, source, work_dir)
        cleanup.callback(sandbox.stop)
        sandbox_url = f"http://127.0.0.1:{sandbox_port}"
        sandbox.wait_http(f"{sandbox_url}/_sandbox/instagram/settings")

        env = {
            # Settings of the developer's shell must not leak into a measurement.
            **{name: "" for name in os.environ if name.startswith("AUTOPOST_")},
            "AUTOPOST_VAR_DIR": str(work_dir / "var"),
            "AUTOPOST_SECRET_KEY": "benchmark-secret-key-not-for-production",
            "AUTOPOST_INSTAGRAM_GRAPH_URL": f"{sandbox_url}/v24.0",
            "AUTOPOST_LOG_LEVEL": "INFO",  # the default, and what says a worker has started
            **source,
        }
        if options.worker_threads is not None:
            env["AUTOPOST_WORKER_THREADS"] = str(options.worker_threads)
        if options.worker_concurrency is not None:
            env["AUTOPOST_WORKER_CONCURRENCY"] = str(options.worker_concurrency)
        if options.database_pool_size is not None:
            env["AUTOPOST_DATABASE_POOL_SIZE"] = str(options.database_pool_size)
        if options.prepare_ahead is not None:
            env["AUTOPOST_PREPARE_AHEAD_SECONDS"] = str(options.prepare_ahead)
        stack = Stack(sandbox_url=sandbox_url, api_url="", env=env, processes=[sandbox])
        if options.mode == "scaled":
            stack.database_url = cleanup.enter_context(fresh_postgres_database())
            stack.broker_url = cleanup.enter_context(flushed_redis(options.redis_db))
            env["AUTOPOST_DATABASE_URL"] = stack.database_url
            env["AUTOPOST_BROKER_URL"] = stack.broker_url
            run_command(["migrate"], env, work_dir)
        serve, stack.api_url = start_api(env, work_dir, cleanup)
        stack.processes.append(serve)
        stack.api_urls.append(stack.api_url)
        for number in range(2, options.api_processes + 1):
            more, url = start_serve(env, work_dir, cleanup, f"serve-{number}")
            stack.processes.append(more)
            stack.api_urls.append(url)
        if options.mode == "scaled":
            for number in range(1, options.workers + 1):
                worker = Process(f"worker-{number}", ["worker"], env, work_dir)
                cleanup.callback(worker.stop)
                stack.processes.append(worker)
            _wait_for_workers(stack)
        yield stack


def start_api(env: dict[str, str], work_dir: Path, cleanup: ExitStack) -> tuple[Process, str]:
    """An administrator, then `autopost serve` answering on a free port: the process and
    its address."""
    run_command(
        [
            "createsuperuser",
            "--username",
            ADMIN["username"],
            "--email",
            "bench@example.com",
            "--password",
            ADMIN["password"],
        ],
        env,
        work_dir,
    )
    return start_serve(env, work_dir, cleanup, "serve")


def start_serve(
    env: dict[str, str], work_dir: Path, cleanup: ExitStack, name: str
) -> tuple[Process, str]:
    """`autopost serve` answering on a free port: the process and its address."""
    api_port = free_port()
    serve = Process(name, ["serve", "--port", str(api_port)], env, work_dir)
    cleanup.callback(serve.stop)
    api_url = f"http://127.0.0.1:{api_port}"
    serve.wait_http(f"{api_url}/health/")
    return serve, api_url


class RoundRobin(httpx.AsyncBaseTransport):
    """Each request to the next of ``urls`` in turn (their ports on loopback), as a load
    balancer in front of several API processes sends them."""

    def __init__(self, urls: list[str], limits: httpx.Limits) -> None:
        self._ports = [httpx.URL(url).port for url in urls]
        self._next = itertools.cycle(range(len(urls)))
        self._transport = httpx.AsyncHTTPTransport(limits=limits)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(port=self._ports[next(self._next)])
        return await self._transport.handle_async_request(request)

    async def aclose(self) -> None:
        await self._transport.aclose()


def run_command(args: list[str], env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run(
        [*AUTOPOST, *args],
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"autopost {args[0]} failed:\n{done.stderr[-3000:]}")


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    name = f"autopost_bench_{os.getpid()}_{int(time.time())}"

    async def admin(statement: str) -> None:
        connection = await asyncpg.connect(POSTGRES_ADMIN_URL)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def flushed_redis(db: int) -> Iterator[str]:
    url = f"redis://127.0.0.1:6379/{db}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()


def _wait_for_workers(stack: Stack) -> None:
    """A worker logs "worker started" once its consumers run."""
    deadline = time.monotonic() + 60
    workers = [p for p in stack.processes if p.name.startswith("worker-")]
    while not all("worker started" in w.log() for w in workers):
        for worker in workers:
            if worker.popen.poll() is not None:
                raise RuntimeError(f"{worker.name} exited early:\n{worker.log()[-3000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError("the workers did not start within 60 s")
        time.sleep(0.1)


def process_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime and stime are fields 14 and 15 of stat; after the ")" they are at 11 and 12.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def source_revision(src: Path) -> dict[str, Any]:
    """The commit of the measured source, and whether it had uncommitted changes."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(src), *args], capture_output=True, text=True, timeout=30
            )
        except OSError:
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    changes = git("status", "--porcelain", "--", ".")
    return {
        "src": str(src.resolve()),
        "commit": commit,
        "uncommitted_changes": bool(changes) if commit else None,
    }
