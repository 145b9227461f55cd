"""The actors. Thin: JSON-simple arguments, straight to a use case."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import dramatiq

from autopost.adapters.scheduling.broker import PUBLICATIONS_QUEUE, PUBLISH_ACTOR

PublishHandler = Callable[[int, int], Awaitable[None]]


def declare_actors(broker: dramatiq.Broker, publish: PublishHandler) -> dramatiq.Actor[Any, Any]:
    async def publish_publication(publication_id: int, version: int) -> None:
        # Idempotent: a stale or duplicate message finds another version and does nothing.
        await publish(publication_id, version)

    declare = dramatiq.actor(
        broker=broker,
        actor_name=PUBLISH_ACTOR,
        queue_name=PUBLICATIONS_QUEUE,
        # Platform errors are retried by the use case with the database as the record;
        # these retries only cover a crash of our own (the database briefly away, say).
        max_retries=3,
        min_backoff=1_000,
        max_backoff=30_000,
    )
    return declare(publish_publication)
