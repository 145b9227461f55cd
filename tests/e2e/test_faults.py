"""Exactly once when things go wrong, with the production shape: PostgreSQL, Redis (or
RabbitMQ), an API process and separate worker processes, against `autopost sandbox`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import dramatiq
import pytest
from dramatiq.brokers.redis import RedisBroker

from tests.e2e.conftest import Sandbox, soon
from tests.e2e.deployment import BROKERS, REDIS_URL, Deploy, deployments
from tests.e2e.processes import wait_until


@pytest.fixture
def broker_url() -> str:
    """Redis, unless a test asks for another broker (``BROKERS``)."""
    return REDIS_URL


@pytest.fixture
def deploy(tmp_path: Path, sandbox: Sandbox, broker_url: str) -> Iterator[Deploy]:
    with deployments(tmp_path, sandbox, broker_url) as make:
        yield make


def publishes_of(sandbox: Sandbox, caption: str) -> list[dict[str, object]]:
    return [e for e in sandbox.published() if e["caption"] == caption]


@pytest.mark.parametrize("broker_url", BROKERS.values(), ids=BROKERS.keys())
def test_a_worker_killed_mid_publish_leaves_the_post_published_once(
    deploy: Deploy, sandbox: Sandbox
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
    deploy: Deploy, sandbox: Sandbox
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
    deploy: Deploy, sandbox: Sandbox
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
    deploy: Deploy, sandbox: Sandbox
) -> None:
    """Worker A makes 12 posts ready and holds their due-second messages; it dies before
    their time. Worker B, started beside it once they are held, publishes every one, once, a
    few seconds late at most (B's own start-up is not part of the recovery measured)."""
    deployment = deploy(**DEFAULT_LEASES)
    first = deployment.start_worker("worker-a")
    due = soon(8)
    posts = [deployment.api.schedule(due, caption=f"held {n}") for n in range(12)]
    wait_until(
        lambda: len([r for r in sandbox.requests() if r["path"].endswith("/media")]) >= 12,
        30,
        "worker A to make every post ready",
    )
    deployment.start_worker("worker-b")
    first.kill()
    for post in posts:
        deployment.api.wait_for_status(post["id"], "published", timeout=60)
    for n in range(12):
        (event,) = publishes_of(sandbox, f"held {n}")
        late = datetime.fromisoformat(str(event["published_at"])) - due
        assert late < timedelta(seconds=15), f"post {n} published {late} late"


def test_a_live_worker_keeps_its_claim_through_a_call_longer_than_its_lease(
    deploy: Deploy, sandbox: Sandbox
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
