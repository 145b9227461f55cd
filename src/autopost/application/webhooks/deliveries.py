"""An endpoint's deliveries, to look at, and one sent again by hand."""

from __future__ import annotations

from collections.abc import Sequence

from autopost.application.access import Actor
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.ports.webhook_queue import WebhookQueue
from autopost.application.webhooks.endpoints import audit, authorize_webhooks, endpoint_of
from autopost.domain.errors import NotFound
from autopost.domain.webhooks import WebhookDelivery

DELIVERIES_SHOWN = 100


class ListDeliveries:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self, actor: Actor, endpoint_id: int, limit: int = DELIVERIES_SHOWN
    ) -> Sequence[WebhookDelivery]:
        """Newest first."""
        authorize_webhooks(actor)
        async with self._uow as uow:
            await endpoint_of(uow, endpoint_id)
            return await uow.deliveries.of_endpoint(endpoint_id, limit)


class ResendDelivery:
    """The same event to the same endpoint once more, as a new delivery (same webhook-id:
    a receiver that already has it may ignore it), tried at once and then as any other."""

    def __init__(self, uow: UnitOfWork, clock: Clock, queue: WebhookQueue) -> None:
        self._uow = uow
        self._clock = clock
        self._queue = queue

    async def execute(self, actor: Actor, endpoint_id: int, delivery_id: int) -> WebhookDelivery:
        authorize_webhooks(actor)
        now = self._clock.now()
        async with self._uow as uow:
            await endpoint_of(uow, endpoint_id)
            sent = await uow.deliveries.get(delivery_id)
            if sent is None or sent.endpoint_id != endpoint_id:
                raise NotFound("delivery", delivery_id)
            again = WebhookDelivery(
                endpoint_id=endpoint_id,
                event_id=sent.event_id,
                event_type=sent.event_type,
                sequence=sent.sequence,
                created_at=now,
                subject=sent.subject,
                next_try_at=now,
            )
            await uow.deliveries.add(again)
            await audit(uow, actor, "resent", endpoint_id, now, f"event {sent.event_id}")
            queue = self._queue

            async def send() -> None:
                assert again.id is not None
                queue.deliver(again.id)

            uow.after_commit(send)
            await uow.commit()
            return again
