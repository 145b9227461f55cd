"""A stop in the middle of a burst: SIGTERM, exit status 0 within the grace period, a restart,
and every post published once. For `autopost serve` on its own (the embedded worker) and for
`autopost worker` beside another worker, on Redis and on RabbitMQ."""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.e2e.conftest import Api, Sandbox, StartServer, autopost_env, soon
from tests.e2e.deployment import BROKERS, Deploy, deployments
from tests.e2e.processes import Process, free_port, wait_until

POSTS = 30
GRACE = 2.0
# Past the grace period: the cancelled work's end and the process's own exit.
EXIT_MARGIN = 3.0


def burst(api: Api, caption: str, over: float) -> list[int]:
    """POSTS photos due one after the other over ``over`` seconds, the first in 2 s."""
    first = soon(2)
    step = timedelta(seconds=over / POSTS)
    return [api.schedule(first + n * step, caption=f"{caption} {n}")["id"] for n in range(POSTS)]


def published(sandbox: Sandbox, caption: str) -> Counter[str]:
    return Counter(
        str(e["caption"]) for e in sandbox.published() if str(e["caption"]).startswith(caption)
    )


def stop_mid_burst(process: Process, sandbox: Sandbox, caption: str) -> float:
    """SIGTERM once the burst's first posts are out; how long the process took to exit, which
    it must have done with status 0."""
    wait_until(lambda: published(sandbox, caption), 30, "the burst to begin")
    process.popen.terminate()
    began = time.monotonic()
    try:
        status = process.popen.wait(timeout=GRACE + 20)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"{process.name} did not exit:\n{process.log()[-3000:]}") from None
    took = time.monotonic() - began
    assert status == 0, f"{process.name} exited with {status}:\n{process.log()[-3000:]}"
    assert len(published(sandbox, caption)) < POSTS, "stopped after the burst, not in it"
    return took


def assert_each_published_once(api: Api, sandbox: Sandbox, caption: str, ids: list[int]) -> None:
    for post_id in ids:
        api.wait_for_status(post_id, "published", timeout=60)
    counts = published(sandbox, caption)
    assert set(counts) == {f"{caption} {n}" for n in range(POSTS)}
    assert max(counts.values()) == 1, [c for c, n in counts.items() if n > 1]


def test_serve_stopped_mid_burst_finishes_what_it_holds_and_exits_0(
    start_server: StartServer, sandbox: Sandbox, tmp_path: Path
) -> None:
    """The embedded worker finishes the publications in flight within the grace period; the
    rest is published by the restarted process, none twice."""
    sandbox.http.put("/_sandbox/latency", json={"ms": 300, "jitter_ms": 100}).raise_for_status()
    settings = {
        "AUTOPOST_STOP_GRACE_SECONDS": str(GRACE),
        # Everything at the posts' time: containers are made then, not minutes before.
        "AUTOPOST_PREPARE_AHEAD_SECONDS": "0",
    }
    port = free_port()
    api, serve = start_server(port, **settings)
    serve_env = autopost_env(tmp_path, sandbox, **settings)
    ids = burst(api, "embedded", over=4)

    took = stop_mid_burst(serve, sandbox, "embedded")

    assert took < GRACE + EXIT_MARGIN, f"took {took:.1f}s to stop"
    assert "still in flight" not in serve.log(), "the grace period let every one end"
    again = Process("serve-again", ["serve", "--port", str(port)], serve_env, tmp_path)
    try:
        again.wait_http(f"http://127.0.0.1:{port}/health/")
        assert_each_published_once(api, sandbox, "embedded", ids)
    finally:
        again.stop()


@pytest.fixture(params=BROKERS.values(), ids=BROKERS.keys())
def deploy(request: pytest.FixtureRequest, tmp_path: Path, sandbox: Sandbox) -> Iterator[Deploy]:
    with deployments(tmp_path, sandbox, request.param) as make:
        yield make


def test_a_worker_stopped_mid_burst_hands_back_what_outlives_the_grace_period(
    deploy: Deploy, sandbox: Sandbox
) -> None:
    """Instagram takes 1.5 s to make a container and 1.5 s to publish: when worker A's grace
    period is over, it still holds posts at both steps. Those making their container are
    handed back to worker B at once; those being published keep their claims (Instagram may
    have published them) until the lease runs out, and are then asked about, not sent again."""
    sandbox.http.put(
        "/_sandbox/latency",
        json={"ms": 100, "endpoints": {"media": 1500, "media_publish": 1500}},
    ).raise_for_status()
    deployment = deploy(
        AUTOPOST_STOP_GRACE_SECONDS=str(GRACE / 2),
        AUTOPOST_PREPARE_AHEAD_SECONDS="0",
        # Past media_publish's 1.5 s: a request still on its way is never sent again.
        AUTOPOST_PUBLISH_SETTLE_SECONDS="4",
    )
    first = deployment.start_worker("worker-a")
    deployment.start_worker("worker-b")
    ids = burst(deployment.api, "scaled", over=5)

    took = stop_mid_burst(first, sandbox, "scaled")

    assert took < GRACE / 2 + EXIT_MARGIN, f"took {took:.1f}s to stop"
    assert "still in flight after" in first.log(), "worker A held nothing past its grace"
    deployment.start_worker("worker-a-again")
    assert_each_published_once(deployment.api, sandbox, "scaled", ids)
