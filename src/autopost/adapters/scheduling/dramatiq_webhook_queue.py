"""Webhook messages on the broker's webhooks queue: events to hand on, deliveries to try."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import dramatiq

from autopost.adapters.scheduling.broker import RELAY_ACTOR, WEBHOOK_DELIVER_ACTOR, WEBHOOKS_QUEUE
from autopost.application.ports.clock import Clock


def _send(broker: dramatiq.Broker, actor: str, args: tuple[object, ...], delay_ms: int) -> None:
    message: dramatiq.Message[None] = dramatiq.Message(
        queue_name=WEBHOOKS_QUEUE, actor_name=actor, args=args, kwargs={}, options={}
    )
    broker.enqueue(message, delay=delay_ms if delay_ms > 0 else None)


class DramatiqWebhookQueue:
    def __init__(self, broker: dramatiq.Broker, clock: Clock) -> None:
        self._broker = broker
        self._clock = clock

    def deliver(self, delivery_id: int, at: datetime | None = None) -> None:
        delay = 0 if at is None else int((at - self._clock.now()).total_seconds() * 1000)
        _send(self._broker, WEBHOOK_DELIVER_ACTOR, (delivery_id,), delay)


class DramatiqEventRelay:
    """``broker``: None for a command that runs without one (the sweep of the next worker
    hands its events on)."""

    def __init__(self, broker: dramatiq.Broker | None) -> None:
        self._broker = broker

    def relay(self, event_ids: Sequence[str]) -> None:
        if self._broker is not None and event_ids:
            _send(self._broker, RELAY_ACTOR, (list(event_ids),), 0)
