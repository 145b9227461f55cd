"""The actors. Thin: JSON-simple arguments, straight to a use case."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import dramatiq
from dramatiq.asyncio import get_event_loop_thread

from autopost.adapters.scheduling.broker import PUBLICATIONS_QUEUE, PUBLISH_ACTOR
from autopost.adapters.scheduling.in_flight import InFlight

PublishHandler = Callable[[int, int], Awaitable[None]]


def declare_actors(
    broker: dramatiq.Broker, publish: PublishHandler, in_flight: InFlight
) -> dramatiq.Actor[Any, Any]:
    def publish_publication(publication_id: int, version: int) -> None:
        # Idempotent: a stale or duplicate message finds another version and does nothing.
        # Started on the event loop, not waited for: see in_flight.py.
        loop_thread = get_event_loop_thread()
        if loop_thread is None:
            raise RuntimeError("the worker's event loop is not running")
        in_flight.submit(
            loop_thread.loop,
            lambda: publish(publication_id, version),
            f"publication {publication_id} v{version}",
        )

    declare = dramatiq.actor(
        broker=broker,
        actor_name=PUBLISH_ACTOR,
        queue_name=PUBLICATIONS_QUEUE,
        # Platform errors are retried by the use case with the database as the record;
        # these retries only cover a message the worker could not start (it was stopping).
        max_retries=3,
        min_backoff=1_000,
        max_backoff=30_000,
    )
    return declare(publish_publication)
