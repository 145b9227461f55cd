"""The actor that sends one notification. Thin: the delivery's id, straight to the use case,
which keeps the record and its own retries; a message given twice finds it sent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import dramatiq
from dramatiq.asyncio import get_event_loop_thread

from autopost.adapters.scheduling.broker import DELIVER_ACTOR, NOTIFICATIONS_QUEUE
from autopost.adapters.scheduling.in_flight import InFlight

DeliverHandler = Callable[[int], Awaitable[None]]


def declare_notification_actor(
    broker: dramatiq.Broker, deliver: DeliverHandler, in_flight: InFlight
) -> dramatiq.Actor[Any, Any]:
    """``in_flight``: the notifications' own places on the event loop, apart from the
    publications', so that a channel slow to answer never takes a publication's place."""

    def deliver_notification(delivery_id: int) -> None:
        loop_thread = get_event_loop_thread()
        if loop_thread is None:
            raise RuntimeError("the worker's event loop is not running")
        in_flight.submit(
            loop_thread.loop, lambda: deliver(delivery_id), f"notification {delivery_id}"
        )

    declare = dramatiq.actor(
        broker=broker,
        actor_name=DELIVER_ACTOR,
        queue_name=NOTIFICATIONS_QUEUE,
        max_retries=3,
        min_backoff=1_000,
        max_backoff=30_000,
    )
    return declare(deliver_notification)
