"""The production shape, for end-to-end tests: PostgreSQL, a broker (Redis or RabbitMQ), an API
process and separate worker processes, against `autopost sandbox`."""

from __future__ import annotations

import fcntl
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import redis
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from pika.exceptions import AMQPConnectionError

from autopost.adapters.scheduling.broker import PUBLICATIONS_QUEUE
from tests.ci_requirements import unavailable
from tests.e2e.conftest import IG_TOKEN, Api, Sandbox, autopost_env, create_admin
from tests.e2e.processes import AUTOPOST, Process, free_port, wait_until
from tests.postgres import create_database, drop_database

REDIS_URL = "redis://127.0.0.1:6379/9"
RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"
BROKERS = {"redis": REDIS_URL, "rabbitmq": RABBITMQ_URL}


def purge(broker_url: str) -> None:
    """Leaves the broker's queues empty: no test sees another's messages. Redis: this test
    database; RabbitMQ: Autopost's queues (with their delay and dead-letter queues)."""
    if broker_url.startswith("redis"):
        try:
            redis.Redis.from_url(broker_url).flushdb()
        except redis.ConnectionError:
            unavailable("Redis at 127.0.0.1:6379 (scripts/test.sh starts it)")
        return
    broker = RabbitmqBroker(url=broker_url)
    try:
        broker.declare_queue(PUBLICATIONS_QUEUE)
        broker.flush_all()
    except AMQPConnectionError:
        unavailable("RabbitMQ at 127.0.0.1:5672, guest/guest (scripts/test.sh starts it)")
    finally:
        broker.close()


class Deployment:
    def __init__(self, tmp_path: Path, sandbox: Sandbox, env: dict[str, str]) -> None:
        self.tmp_path = tmp_path
        self.sandbox = sandbox
        self.env = env
        self.processes: list[Process] = []
        self.api: Api

    def start_api(self) -> None:
        subprocess.run(
            [*AUTOPOST, "migrate"],
            env={**os.environ, **self.env},
            cwd=self.tmp_path,
            check=True,
            capture_output=True,
            timeout=60,
        )
        create_admin(self.env, self.tmp_path)
        port = free_port()
        process = Process("serve", ["serve", "--port", str(port)], self.env, self.tmp_path)
        self.processes.append(process)
        process.wait_http(f"http://127.0.0.1:{port}/health/")
        self.api = Api(f"http://127.0.0.1:{port}")
        self.api.login()

    def start_worker(self, name: str) -> Process:
        process = Process(name, ["worker"], self.env, self.tmp_path)
        self.processes.append(process)
        wait_until(lambda: "worker started" in process.log(), 30, f"{name} to start")
        return process

    def logs(self) -> str:
        return "\n".join(p.log() for p in self.processes)

    def stop(self) -> None:
        for process in self.processes:
            process.stop()


Deploy = Callable[..., Deployment]

# Quicker than the defaults, for the tests: leases, sweeps, a lost answer asked about.
QUICK = {
    "AUTOPOST_PUBLISH_LEASE_SECONDS": "3",
    "AUTOPOST_OVERDUE_GRACE_SECONDS": "1",
    "AUTOPOST_SWEEP_INTERVAL_SECONDS": "0.5",
    "AUTOPOST_HTTP_TIMEOUT_SECONDS": "2",
    # A lost answer to media_publish is asked about after this: quick, for the tests.
    "AUTOPOST_PUBLISH_SETTLE_SECONDS": "3",
}


@contextmanager
def deployments(tmp_path: Path, sandbox: Sandbox, broker_url: str) -> Iterator[Deploy]:
    """Makes deployments on a new PostgreSQL database and the broker given, emptied first;
    stops them after, and checks that no access token reached their logs."""
    with _broker_to_itself(broker_url):
        yield from _deployments(tmp_path, sandbox, broker_url)


@contextmanager
def _broker_to_itself(broker_url: str) -> Iterator[None]:
    """Test processes running side by side (pytest-xdist) share this Redis database and
    RabbitMQ's queues, and each deployment empties them: one deployment at a time uses a broker
    on this machine. A lock file held while it does; the lock goes with the process."""
    name = "redis" if broker_url.startswith("redis") else "rabbitmq"
    lock = Path(tempfile.gettempdir()) / f"autopost-tests-{name}.lock"
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)


def _deployments(tmp_path: Path, sandbox: Sandbox, broker_url: str) -> Iterator[Deploy]:
    purge(broker_url)
    database = create_database("autopost_e2e")
    made: list[Deployment] = []

    def make(**overrides: str | None) -> Deployment:
        """``None`` for a setting leaves it at Autopost's default."""
        settings = {"AUTOPOST_DATABASE_URL": database, "AUTOPOST_BROKER_URL": broker_url, **QUICK}
        chosen = {k: v for k, v in {**settings, **overrides}.items() if v is not None}
        env = autopost_env(tmp_path, sandbox, **chosen)
        for name in (k for k, v in overrides.items() if v is None):
            env.pop(name, None)
        deployment = Deployment(tmp_path, sandbox, env)
        made.append(deployment)
        deployment.start_api()
        return deployment

    try:
        yield make
    finally:
        for deployment in made:
            logs = deployment.logs()
            deployment.stop()
            assert IG_TOKEN not in logs, "an access token reached a log"
        drop_database(database)
        purge(broker_url)
