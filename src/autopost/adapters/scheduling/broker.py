"""The one place the broker is configured; actors are declared on what it returns."""

from __future__ import annotations

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

PUBLICATIONS_QUEUE = "publications"
PUBLISH_ACTOR = "publish_publication"
# Notifications by Telegram and e-mail: their own queue and messages, never in publishing's way.
NOTIFICATIONS_QUEUE = "notifications"
DELIVER_ACTOR = "deliver_notification"
# Webhooks have a queue of their own: a slow receiver never holds a publication back.
WEBHOOKS_QUEUE = "webhooks"
RELAY_ACTOR = "relay_events"
WEBHOOK_DELIVER_ACTOR = "deliver_webhook"
HEARTBEAT_TIMEOUT_MS = 15_000


def create_broker(url: str | None) -> dramatiq.Broker:
    """Redis (``redis://…``) or RabbitMQ (``amqp://…``) when a URL is given; otherwise an
    in-process broker, for the single-process embedded mode."""
    broker: dramatiq.Broker
    if not url:
        broker = StubBroker()
    elif url.startswith(("redis://", "rediss://", "unix://")):
        # A worker that stops beating is declared dead after this long and what it held is
        # given back; the sweep does so sooner for what is overdue (a few seconds).
        broker = RedisBroker(url=url, heartbeat_timeout=HEARTBEAT_TIMEOUT_MS)  # type: ignore[no-untyped-call]
    elif url.startswith(("amqp://", "amqps://")):
        try:
            from dramatiq.brokers.rabbitmq import RabbitmqBroker
        except ImportError as missing:
            raise RuntimeError(
                "RabbitMQ needs the pika package: pip install 'dramatiq[rabbitmq]'"
            ) from missing
        broker = RabbitmqBroker(url=url)
    else:
        raise ValueError("AUTOPOST_BROKER_URL must be a redis:// or amqp:// URL, or empty")
    # No AsyncIO middleware: the worker runs an event loop of its own (worker_runtime.py), which
    # the middleware would replace, and stop before the publications in flight have ended.
    broker.declare_queue(PUBLICATIONS_QUEUE)
    broker.declare_queue(NOTIFICATIONS_QUEUE)
    broker.declare_queue(WEBHOOKS_QUEUE)
    return broker
