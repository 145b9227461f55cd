"""Exactly once when things go wrong, with the production shape: PostgreSQL, Redis, an API
process and separate worker processes, against `autopost sandbox`."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import dramatiq
import pytest
import redis
from dramatiq.brokers.redis import RedisBroker

from tests.e2e.conftest import (
    AUTOPOST,
    IG_TOKEN,
    Api,
    Sandbox,
    autopost_env,
    create_admin,
    soon,
)
from tests.e2e.processes import Process, free_port, wait_until
from tests.postgres import create_database, drop_database

REDIS_URL = "redis://127.0.0.1:6379/9"


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
            env={**__import__("os").environ, **self.env},
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


@pytest.fixture
def deploy(tmp_path: Path, sandbox: Sandbox) -> Iterator[Callable[..., Deployment]]:
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    database = create_database("autopost_e2e")
    deployments: list[Deployment] = []

    def make(**overrides: str | None) -> Deployment:
        """``None`` for a setting leaves it at Autopost's default."""
        settings = {
            "AUTOPOST_DATABASE_URL": database,
            "AUTOPOST_BROKER_URL": REDIS_URL,
            "AUTOPOST_PUBLISH_LEASE_SECONDS": "3",
            "AUTOPOST_OVERDUE_GRACE_SECONDS": "1",
            "AUTOPOST_SWEEP_INTERVAL_SECONDS": "0.5",
            "AUTOPOST_HTTP_TIMEOUT_SECONDS": "2",
            # A lost answer to media_publish is asked about after this: quick, for the tests.
            "AUTOPOST_PUBLISH_SETTLE_SECONDS": "3",
        }
        chosen = {k: v for k, v in {**settings, **overrides}.items() if v is not None}
        env = autopost_env(tmp_path, sandbox, **chosen)
        for name in (k for k, v in overrides.items() if v is None):
            env.pop(name, None)
        deployment = Deployment(tmp_path, sandbox, env)
        deployments.append(deployment)
        deployment.start_api()
        return deployment

    yield make
    for deployment in deployments:
        logs = deployment.logs()
        deployment.stop()
        assert IG_TOKEN not in logs, "an access token reached a log"
    drop_database(database)
    client.flushdb()


def publishes_of(sandbox: Sandbox, caption: str) -> list[dict[str, object]]:
    return [e for e in sandbox.published() if e["caption"] == caption]


def test_a_worker_killed_mid_publish_leaves_the_post_published_once(
    deploy: Callable[..., Deployment], sandbox: Sandbox
) -> None:
    deployment = deploy()
    first = deployment.start_worker("worker-a")
    # Instagram publishes at once but holds its answer: the worker dies waiting for it.
    sandbox.fault(method="POST", path_suffix="media_publish", action="delay_after", seconds=30)
    post = deployment.api.schedule(soon(1), caption="killed mid-publish")
    wait_until(lambda: publishes_of(sandbox, "killed mid-publish"), 30, "Instagram to publish")
    first.kill()
    assert deployment.api.post(post["id"])["status"] == "processing"

    deployment.start_worker("worker-b")
    done = deployment.api.wait_for_status(post["id"], "published")

    (event,) = publishes_of(sandbox, "killed mid-publish")
    assert done["remote_id"] == event["media_id"]


def test_messages_delivered_several_times_to_two_workers_publish_once(
    deploy: Callable[..., Deployment], sandbox: Sandbox
) -> None:
    deployment = deploy()
    deployment.start_worker("worker-a")
    deployment.start_worker("worker-b")
    due = soon(2)
    post = deployment.api.schedule(due, caption="delivered thrice")

    broker = RedisBroker(url=REDIS_URL)  # type: ignore[no-untyped-call]
    for delay in (None, 1_500, 2_000, 2_000):
        duplicate: dramatiq.Message[None] = dramatiq.Message(
            queue_name="publications",
            actor_name="publish_publication",
            args=(post["id"], 1),
            kwargs={},
            options={},
        )
        broker.enqueue(duplicate, delay=delay)
    broker.close()

    deployment.api.wait_for_status(post["id"], "published")
    assert len(publishes_of(sandbox, "delivered thrice")) == 1


def test_a_timeout_after_instagram_did_the_work_is_not_published_again(
    deploy: Callable[..., Deployment], sandbox: Sandbox
) -> None:
    deployment = deploy(AUTOPOST_HTTP_TIMEOUT_SECONDS="1")
    deployment.start_worker("worker-a")
    sandbox.fault(method="POST", path_suffix="media_publish", action="delay_after", seconds=2.5)
    post = deployment.api.schedule(soon(1), caption="answer lost")

    done = deployment.api.wait_for_status(post["id"], "published")

    (event,) = publishes_of(sandbox, "answer lost")
    assert done["remote_id"] == event["media_id"]
    assert done["attempts"] == 2, "the second attempt found it published"


DEFAULT_LEASES: dict[str, str | None] = {
    # The defaults, not the fixture's quicker ones: recovery in seconds as shipped.
    "AUTOPOST_PUBLISH_LEASE_SECONDS": None,
    "AUTOPOST_OVERDUE_GRACE_SECONDS": None,
    "AUTOPOST_SWEEP_INTERVAL_SECONDS": None,
}


def test_a_worker_killed_holding_its_posts_gives_them_back_within_seconds(
    deploy: Callable[..., Deployment], sandbox: Sandbox
) -> None:
    """Worker A makes 12 posts ready and holds their due-second messages; it dies before
    their time. Worker B publishes every one, once, a few seconds late at most."""
    deployment = deploy(**DEFAULT_LEASES)
    first = deployment.start_worker("worker-a")
    due = soon(8)
    posts = [deployment.api.schedule(due, caption=f"held {n}") for n in range(12)]
    wait_until(
        lambda: len([r for r in sandbox.requests() if r["path"].endswith("/media")]) >= 12,
        30,
        "worker A to make every post ready",
    )
    first.kill()
    deployment.start_worker("worker-b")
    for post in posts:
        deployment.api.wait_for_status(post["id"], "published", timeout=60)
    for n in range(12):
        (event,) = publishes_of(sandbox, f"held {n}")
        late = datetime.fromisoformat(str(event["published_at"])) - due
        assert late < timedelta(seconds=15), f"post {n} published {late} late"


def test_a_live_worker_keeps_its_claim_through_a_call_longer_than_its_lease(
    deploy: Callable[..., Deployment], sandbox: Sandbox
) -> None:
    """Instagram takes three leases to answer media_publish; the claim is renewed meanwhile,
    so the second worker never takes the post over and Instagram is asked once."""
    deployment = deploy(AUTOPOST_HTTP_TIMEOUT_SECONDS="30")
    deployment.start_worker("worker-a")
    deployment.start_worker("worker-b")
    # Instagram takes 9 s before it publishes: taken over meanwhile, the post would be
    # published by the second worker too.
    sandbox.fault(method="POST", path_suffix="media_publish", action="delay_before", seconds=9)
    post = deployment.api.schedule(soon(1), caption="slow answer")
    deployment.api.wait_for_status(post["id"], "published", timeout=60)
    calls = [r for r in sandbox.requests() if r["path"].endswith("/media_publish")]
    assert len(calls) == 1, calls
    assert len(publishes_of(sandbox, "slow answer")) == 1
