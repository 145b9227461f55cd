"""The queue depth each broker can tell, as /metrics shows it."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import redis
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import AsyncIO
from tests.ci_requirements import unavailable
from tests.fakes import FakeClock

from autopost.adapters.scheduling.broker import PUBLICATIONS_QUEUE, create_broker
from autopost.adapters.scheduling.dramatiq_publication_scheduler import (
    DramatiqPublicationScheduler,
)
from autopost.adapters.scheduling.queue_depth import queue_depth

pytestmark = pytest.mark.integration

REDIS_URL = "redis://127.0.0.1:6379/15"


def send(broker: StubBroker | RedisBroker, *delays: timedelta) -> None:
    clock = FakeClock()
    scheduler = DramatiqPublicationScheduler(broker, clock)
    for n, delay in enumerate(delays, start=1):
        scheduler.enqueue(n, 1, clock.now() + delay)


def test_the_in_process_broker_tells_ready_and_delayed() -> None:
    broker = create_broker(None)
    send(broker, timedelta(0), timedelta(hours=1), timedelta(hours=2))
    assert queue_depth(broker) == {"ready": 1, "delayed": 2}


def test_redis_tells_ready_and_delayed() -> None:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        unavailable("Redis at 127.0.0.1:6379")
    # A namespace of its own: other tests share the database.
    broker = RedisBroker(url=REDIS_URL, namespace=f"depth-{uuid.uuid4().hex}")  # type: ignore[no-untyped-call]
    broker.add_middleware(AsyncIO())
    broker.declare_queue(PUBLICATIONS_QUEUE)
    try:
        send(broker, timedelta(0), timedelta(0), timedelta(hours=1))
        assert queue_depth(broker) == {"ready": 2, "delayed": 1}
    finally:
        broker.flush_all()
        broker.close()
