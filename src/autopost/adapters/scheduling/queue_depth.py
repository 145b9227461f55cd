"""How many messages the broker holds for publishing, where it can say cheaply."""

from __future__ import annotations

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.common import dq_name

from autopost.adapters.scheduling.broker import PUBLICATIONS_QUEUE


def queue_depth(broker: dramatiq.Broker) -> dict[str, int] | None:
    """``ready``: due and waiting for a worker (or taken and not yet acknowledged);
    ``delayed``: waiting for their time. None for a broker that cannot say."""
    if isinstance(broker, StubBroker):
        return {
            "ready": broker.queues[PUBLICATIONS_QUEUE].qsize(),
            "delayed": broker.queues[dq_name(PUBLICATIONS_QUEUE)].qsize(),
        }
    if isinstance(broker, RedisBroker):
        # The messages themselves are kept in a hash per queue: two HLENs, one round trip.
        prefix = f"{broker.namespace}:"
        pipe = broker.client.pipeline(transaction=False)
        pipe.hlen(f"{prefix}{PUBLICATIONS_QUEUE}.msgs")
        pipe.hlen(f"{prefix}{dq_name(PUBLICATIONS_QUEUE)}.msgs")
        ready, delayed = pipe.execute()
        return {"ready": int(ready), "delayed": int(delayed)}
    counts = getattr(broker, "get_queue_message_counts", None)
    if counts is not None:  # RabbitMQ: the counts its (idempotent) declarations answer
        ready, delayed, _dead = counts(PUBLICATIONS_QUEUE)
        return {"ready": int(ready), "delayed": int(delayed)}
    return None
