"""The broker probe with real brokers: the in-process one, Redis and RabbitMQ on loopback."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Iterator

import dramatiq
import pytest
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from tests.ci_requirements import unavailable

from autopost.adapters.scheduling.broker import create_broker
from autopost.adapters.scheduling.broker_probe import DramatiqBrokerProbe

pytestmark = pytest.mark.integration

REDIS_URL = "redis://127.0.0.1:6379/10"
RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/"


def answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1.0)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def send(broker: dramatiq.Broker, queue: str, count: int, delay_ms: int | None = None) -> None:
    for number in range(count):
        message = dramatiq.Message(
            queue_name=queue, actor_name="probe_test", args=(number,), kwargs={}, options={}
        )
        broker.enqueue(message, delay=delay_ms)


@pytest.fixture
def queue() -> str:
    # A queue of the test's own: other tests (and other workers) use "publications".
    return f"probe_{secrets.token_hex(4)}"


async def test_the_embedded_broker_counts_what_it_holds_in_its_own_process(queue: str) -> None:
    broker = StubBroker()
    broker.declare_queue(queue)
    send(broker, queue, 2)
    send(broker, queue, 1, delay_ms=60_000)
    state = await DramatiqBrokerProbe(broker, queue=queue).state()
    assert (state.kind, state.reachable, state.waiting) == ("embedded", True, 3)


async def test_the_embedded_broker_of_another_process_cannot_be_counted() -> None:
    state = await DramatiqBrokerProbe(create_broker(None), own_process=False).state()
    assert (state.kind, state.reachable, state.waiting) == ("embedded", True, None)


@pytest.fixture
def redis_broker(queue: str) -> Iterator[RedisBroker]:
    if not answers(6379):
        unavailable("no Redis answers at 127.0.0.1:6379")
    broker = RedisBroker(url=REDIS_URL)  # type: ignore[no-untyped-call]
    broker.declare_queue(queue)
    try:
        yield broker
    finally:
        broker.flush(queue)
        broker.close()


async def test_redis_counts_messages_waiting_and_delayed(
    redis_broker: RedisBroker, queue: str
) -> None:
    send(redis_broker, queue, 3)
    send(redis_broker, queue, 2, delay_ms=60_000)
    state = await DramatiqBrokerProbe(redis_broker, queue=queue).state()
    assert (state.kind, state.reachable, state.waiting, state.error) == ("redis", True, 5, None)


async def test_redis_that_does_not_answer_is_said_so() -> None:
    state = await DramatiqBrokerProbe(create_broker("redis://:s3cret-pw@127.0.0.1:1/0")).state()
    assert (state.kind, state.reachable, state.waiting) == ("redis", False, None)
    assert state.error and "s3cret-pw" not in state.error


@pytest.fixture
def rabbitmq_broker(queue: str) -> Iterator[dramatiq.Broker]:
    try:
        from dramatiq.brokers.rabbitmq import RabbitmqBroker
    except ImportError:
        unavailable("pika is not installed (dramatiq[rabbitmq])")
    if not answers(5672):
        unavailable("no RabbitMQ answers at 127.0.0.1:5672")
    broker = RabbitmqBroker(url=RABBITMQ_URL)
    broker.declare_queue(queue)
    try:
        yield broker
    finally:
        for name in (queue, f"{queue}.DQ", f"{queue}.XQ"):
            broker.channel.queue_delete(name)
        broker.close()


async def test_rabbitmq_counts_messages_waiting_and_delayed(
    rabbitmq_broker: dramatiq.Broker, queue: str
) -> None:
    send(rabbitmq_broker, queue, 2)
    send(rabbitmq_broker, queue, 1, delay_ms=60_000)
    state = await DramatiqBrokerProbe(rabbitmq_broker, queue=queue).state()
    assert (state.kind, state.reachable, state.waiting, state.error) == ("rabbitmq", True, 3, None)


async def test_rabbitmq_that_does_not_answer_is_said_so() -> None:
    pytest.importorskip("pika")
    broker = create_broker("amqp://guest:s3cret-pw@127.0.0.1:1/")
    state = await DramatiqBrokerProbe(broker).state()
    assert (state.kind, state.reachable) == ("rabbitmq", False)
    assert state.error and "s3cret-pw" not in state.error
