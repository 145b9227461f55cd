"""The webhooks' actors start their work on the worker's event loop: relays one at a time (each
hands on every event waiting, so two at once would do the same batch twice), deliveries up to
the concurrency set."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator

import pytest
from dramatiq.asyncio import EventLoopThread, set_event_loop_thread
from dramatiq.brokers.stub import StubBroker

from autopost.adapters.scheduling.webhook_actors import declare_webhook_actors

pytestmark = pytest.mark.integration


class Held:
    """Work that, once started, waits to be let go: how many were under way at once."""

    def __init__(self) -> None:
        self.running = 0
        self.most = 0
        self.started = threading.Semaphore(0)
        self.ended = threading.Semaphore(0)
        self.go = asyncio.Event()  # bound to the loop that first waits on it

    async def work(self) -> None:
        self.running += 1
        self.most = max(self.most, self.running)
        self.started.release()
        await self.go.wait()
        self.running -= 1
        self.ended.release()


@pytest.fixture
def loop_thread() -> Iterator[EventLoopThread]:
    thread = EventLoopThread(logging.getLogger(__name__))
    thread.start()
    set_event_loop_thread(thread)
    try:
        yield thread
    finally:
        set_event_loop_thread(None)
        thread.stop()


def test_relays_run_one_at_a_time_and_deliveries_side_by_side(
    loop_thread: EventLoopThread,
) -> None:
    relays, deliveries = Held(), Held()

    async def relay(event_ids: list[str]) -> None:
        await relays.work()

    async def deliver(delivery_id: int) -> None:
        await deliveries.work()

    relay_actor, deliver_actor = declare_webhook_actors(StubBroker(), relay, deliver, 4)
    for n in range(4):
        relay_actor.fn([f"event-{n}"])
        deliver_actor.fn(n)
    for _ in range(4):
        assert deliveries.started.acquire(timeout=10), "four deliveries at once"
    assert relays.started.acquire(timeout=10)
    assert not relays.started.acquire(timeout=0.2), "a second relay waits for the first"
    loop_thread.loop.call_soon_threadsafe(relays.go.set)
    loop_thread.loop.call_soon_threadsafe(deliveries.go.set)
    for _ in range(4):
        assert relays.ended.acquire(timeout=10) and deliveries.ended.acquire(timeout=10)
    assert (relays.most, deliveries.most) == (1, 4)
