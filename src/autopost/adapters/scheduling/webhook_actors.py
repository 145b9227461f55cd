"""The webhooks' actors: thin, on their own queue, never holding a worker thread.

Each message only starts its work on the worker's event loop and returns; at most
``concurrency`` deliveries, and one relay, are under way at once, the others wait on the loop
for their turn, not in a worker thread (which the publications need). A message is done with
once started: what a dead worker held is sent again by the webhooks' sweep (the database is
the record).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import dramatiq
from dramatiq.asyncio import get_event_loop_thread

from autopost.adapters.scheduling.broker import RELAY_ACTOR, WEBHOOK_DELIVER_ACTOR, WEBHOOKS_QUEUE

log = logging.getLogger(__name__)

RelayHandler = Callable[[list[str]], Awaitable[None]]
DeliverHandler = Callable[[int], Awaitable[None]]


class _OnLoop:
    def __init__(self, concurrency: int) -> None:
        self._concurrency = concurrency
        self._places: asyncio.Semaphore | None = None

    def start(self, work: Callable[[], Awaitable[None]], what: str) -> None:
        loop_thread = get_event_loop_thread()
        if loop_thread is None:
            raise RuntimeError("the worker's event loop is not running")
        asyncio.run_coroutine_threadsafe(self._run(work, what), loop_thread.loop)

    async def _run(self, work: Callable[[], Awaitable[None]], what: str) -> None:
        if self._places is None:  # made on the loop it is used on
            self._places = asyncio.Semaphore(self._concurrency)
        async with self._places:
            try:
                await work()
            except Exception:
                log.exception("%s ended with an error; the webhooks' sweep tries again", what)


def declare_webhook_actors(
    broker: dramatiq.Broker, relay: RelayHandler, deliver: DeliverHandler, concurrency: int
) -> tuple[dramatiq.Actor[Any, Any], dramatiq.Actor[Any, Any]]:
    on_loop = _OnLoop(concurrency)
    # One relay at a time in a worker: a relay hands on every event waiting with its own, so
    # two at once would take the same batch and tell the people of each event twice; one
    # after the other, the next finds its events handed on already, at the cost of one read.
    relays = _OnLoop(1)

    def relay_events(event_ids: list[str]) -> None:
        relays.start(lambda: relay(event_ids), f"events {event_ids}")

    def deliver_webhook(delivery_id: int) -> None:
        on_loop.start(lambda: deliver(delivery_id), f"webhook delivery {delivery_id}")

    options: dict[str, Any] = {
        "broker": broker,
        "queue_name": WEBHOOKS_QUEUE,
        "max_retries": 3,
        "min_backoff": 1_000,
        "max_backoff": 30_000,
    }
    return (
        dramatiq.actor(actor_name=RELAY_ACTOR, **options)(relay_events),
        dramatiq.actor(actor_name=WEBHOOK_DELIVER_ACTOR, **options)(deliver_webhook),
    )
