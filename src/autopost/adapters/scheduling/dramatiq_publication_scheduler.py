from __future__ import annotations

from datetime import datetime

import dramatiq

from autopost.adapters.scheduling.broker import PUBLICATIONS_QUEUE, PUBLISH_ACTOR
from autopost.application.ports.clock import Clock


class DramatiqPublicationScheduler:
    """Sends the message with the broker's own delay, so that it is delivered at its due
    second rather than at the next poll of a periodic job."""

    def __init__(self, broker: dramatiq.Broker, clock: Clock) -> None:
        self._broker = broker
        self._clock = clock

    def enqueue(self, publication_id: int, version: int, at: datetime) -> None:
        delay_ms = int((at - self._clock.now()).total_seconds() * 1000)
        message: dramatiq.Message[None] = dramatiq.Message(
            queue_name=PUBLICATIONS_QUEUE,
            actor_name=PUBLISH_ACTOR,
            args=(publication_id, version),
            kwargs={},
            options={},
        )
        self._broker.enqueue(message, delay=delay_ms if delay_ms > 0 else None)
