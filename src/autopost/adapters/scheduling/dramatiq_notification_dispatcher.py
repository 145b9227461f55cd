from __future__ import annotations

from datetime import datetime

import dramatiq

from autopost.adapters.scheduling.broker import DELIVER_ACTOR, NOTIFICATIONS_QUEUE
from autopost.application.ports.clock import Clock


class DramatiqNotificationDispatcher:
    """One broker message per delivery, delayed to its try's time."""

    def __init__(self, broker: dramatiq.Broker, clock: Clock) -> None:
        self._broker = broker
        self._clock = clock

    def enqueue(self, delivery_id: int, at: datetime) -> None:
        delay_ms = int((at - self._clock.now()).total_seconds() * 1000)
        message: dramatiq.Message[None] = dramatiq.Message(
            queue_name=NOTIFICATIONS_QUEUE,
            actor_name=DELIVER_ACTOR,
            args=(delivery_id,),
            kwargs={},
            options={},
        )
        self._broker.enqueue(message, delay=delay_ms if delay_ms > 0 else None)
