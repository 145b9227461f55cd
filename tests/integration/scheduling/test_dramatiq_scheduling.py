"""The Dramatiq adapter with real brokers: the in-process one and Redis on loopback."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
import redis
from dramatiq.asyncio import get_event_loop_thread

from autopost.adapters.scheduling.actors import declare_actors
from autopost.adapters.scheduling.broker import create_broker
from autopost.adapters.scheduling.dramatiq_publication_scheduler import (
    DramatiqPublicationScheduler,
)
from autopost.adapters.scheduling.in_flight import InFlight
from autopost.adapters.scheduling.worker_runtime import (
    SWITCH_INTERVAL_S,
    PeriodicJob,
    WorkerRuntime,
)
from autopost.adapters.security.system_clock import SystemClock

pytestmark = pytest.mark.integration

# A Redis database of this module's own: the tests empty it.
REDIS_URL = "redis://127.0.0.1:6379/14"


class Received:
    def __init__(self) -> None:
        self.messages: list[tuple[int, int, datetime]] = []
        self.sweeps = 0
        self.event = threading.Event()
        self.swept_thrice = threading.Event()

    async def publish(self, publication_id: int, version: int) -> None:
        self.messages.append((publication_id, version, datetime.now(UTC)))
        self.event.set()

    async def sweep(self) -> None:
        self.sweeps += 1
        if self.sweeps >= 3:
            self.swept_thrice.set()


@pytest.fixture(params=["in-process", "redis"])
def broker_url(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "in-process":
        yield ""
        return
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield REDIS_URL
    client.flushdb()


@pytest.fixture
def running(broker_url: str) -> Iterator[tuple[DramatiqPublicationScheduler, Received]]:
    broker = create_broker(broker_url)
    received = Received()
    in_flight = InFlight(limit=10)
    declare_actors(broker, received.publish, in_flight)
    runtime = WorkerRuntime(
        broker, [PeriodicJob("sweep", received.sweep, 0.05)], worker_threads=2, in_flight=in_flight
    )
    runtime.start()
    try:
        yield DramatiqPublicationScheduler(broker, SystemClock()), received
    finally:
        runtime.stop()
        broker.close()


def test_a_message_arrives_at_its_due_time_not_before(
    running: tuple[DramatiqPublicationScheduler, Received],
) -> None:
    scheduler, received = running
    due = datetime.now(UTC) + timedelta(seconds=1)
    scheduler.enqueue(7, 3, due)
    assert received.event.wait(10), "the message never arrived"
    ((publication_id, version, at),) = received.messages
    assert (publication_id, version) == (7, 3)
    assert due <= at < due + timedelta(seconds=5), at - due


def test_a_message_already_due_is_delivered_at_once(
    running: tuple[DramatiqPublicationScheduler, Received],
) -> None:
    scheduler, received = running
    sent = datetime.now(UTC)
    scheduler.enqueue(8, 1, sent - timedelta(minutes=5))
    assert received.event.wait(10)
    assert received.messages[0][2] - sent < timedelta(seconds=5)


def test_a_running_worker_takes_turns_on_the_interpreter_lock_every_millisecond(
    broker_url: str,
) -> None:
    before = sys.getswitchinterval()
    runtime = WorkerRuntime(create_broker(broker_url), [], worker_threads=2, in_flight=InFlight(1))
    runtime.start()
    try:
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
    finally:
        runtime.stop()
    assert sys.getswitchinterval() == before


def test_the_worker_runs_the_sweep_periodically(
    running: tuple[DramatiqPublicationScheduler, Received],
) -> None:
    _, received = running
    assert received.swept_thrice.wait(10)


class Waiting:
    """Publications that wait (for a platform, say) until the test lets them go."""

    def __init__(self) -> None:
        self.started = 0
        self.ended = 0
        self.all_started = threading.Event()
        self.expected = 0
        self.total = 0
        self.all_ended = threading.Event()
        self.release: asyncio.Event | None = None

    async def publish(self, publication_id: int, version: int) -> None:
        if self.release is None:
            self.release = asyncio.Event()
        self.started += 1
        if self.started >= self.expected:
            self.all_started.set()
        await self.release.wait()
        self.ended += 1
        if self.ended >= self.total:
            self.all_ended.set()


def test_a_worker_carries_many_publications_at_once_with_few_threads(broker_url: str) -> None:
    """Two threads, thirty publications waiting at once: the threads only start them."""
    broker = create_broker(broker_url)
    waiting = Waiting()
    waiting.expected = waiting.total = 30
    in_flight = InFlight(limit=30)
    declare_actors(broker, waiting.publish, in_flight)
    runtime = WorkerRuntime(broker, [], worker_threads=2, in_flight=in_flight)
    runtime.start()
    scheduler = DramatiqPublicationScheduler(broker, SystemClock())
    try:
        for n in range(30):
            scheduler.enqueue(n + 1, 1, datetime.now(UTC))
        assert waiting.all_started.wait(10), f"only {waiting.started} started"
        assert in_flight.running == 30
        assert waiting.release is not None
        loop = runtime_loop()
        loop.call_soon_threadsafe(waiting.release.set)
        assert in_flight.wait_idle(10)
        assert waiting.ended == 30
    finally:
        runtime.stop()
        broker.close()


def test_no_more_than_the_limit_are_in_flight(broker_url: str) -> None:
    broker = create_broker(broker_url)
    waiting = Waiting()
    waiting.expected, waiting.total = 5, 12
    in_flight = InFlight(limit=5)
    declare_actors(broker, waiting.publish, in_flight)
    runtime = WorkerRuntime(broker, [], worker_threads=4, in_flight=in_flight)
    runtime.start()
    scheduler = DramatiqPublicationScheduler(broker, SystemClock())
    try:
        for n in range(12):
            scheduler.enqueue(n + 1, 1, datetime.now(UTC))
        assert waiting.all_started.wait(10)
        # The threads that took more messages wait for a place; none starts a sixth.
        assert not in_flight.wait_idle(0.3)
        assert (waiting.started, in_flight.running) == (5, 5)
        assert waiting.release is not None
        runtime_loop().call_soon_threadsafe(waiting.release.set)
        assert waiting.all_ended.wait(10), f"{waiting.ended} of 12 ended"
    finally:
        runtime.stop()
        broker.close()


def runtime_loop() -> asyncio.AbstractEventLoop:
    loop_thread = get_event_loop_thread()
    assert loop_thread is not None
    return loop_thread.loop


class Stoppable:
    """Publications that take ``seconds`` each, noting how each ended, and a hand-back that
    notes what was still running when it was prepared and when it gave back."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.running: set[int] = set()
        self.ended: list[int] = []
        self.cancelled: list[int] = []
        self.started = threading.Event()
        self.prepared_with: set[int] | None = None
        self.given_back_with: set[int] | None = None

    async def publish(self, publication_id: int, version: int) -> None:
        self.running.add(publication_id)
        self.started.set()
        try:
            await asyncio.sleep(self.seconds)
            self.ended.append(publication_id)
        except asyncio.CancelledError:
            self.cancelled.append(publication_id)
            raise
        finally:
            self.running.discard(publication_id)

    def hand_back(self) -> Callable[[], Awaitable[None]]:
        self.prepared_with = set(self.running)

        async def give_back() -> None:
            self.given_back_with = set(self.running)

        return give_back


def stopped_after(seconds: float, grace: float) -> tuple[Stoppable, float]:
    broker = create_broker("")
    work = Stoppable(seconds)
    in_flight = InFlight(limit=5)
    declare_actors(broker, work.publish, in_flight)
    runtime = WorkerRuntime(
        broker,
        [],
        worker_threads=2,
        in_flight=in_flight,
        stop_grace=grace,
        hand_back=work.hand_back,
    )
    runtime.start()
    try:
        DramatiqPublicationScheduler(broker, SystemClock()).enqueue(1, 1, datetime.now(UTC))
        assert work.started.wait(10)
    finally:
        began = time.monotonic()
        runtime.stop()
        took = time.monotonic() - began
        broker.close()
    return work, took


def test_a_stop_lets_the_publications_in_flight_end_within_the_grace_period() -> None:
    work, took = stopped_after(seconds=0.5, grace=5)
    assert work.ended == [1]
    assert work.prepared_with is None, "nothing to hand back"
    assert took < 2


def test_a_stop_cancels_what_outlives_the_grace_period_then_hands_its_claims_back() -> None:
    work, took = stopped_after(seconds=60, grace=0.5)
    assert work.cancelled == [1]
    assert work.prepared_with == {1}, "prepared while the work still held its claims"
    assert work.given_back_with == set(), "given back once the work had ended"
    assert 0.5 <= took < 3
