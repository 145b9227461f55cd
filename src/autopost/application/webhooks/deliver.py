"""Trying one delivery: signed, sent, recorded; retried later, or the next one about the
same subject let go. Runs in the worker, one message a delivery, apart from publishing."""

from __future__ import annotations

import json
import logging
from datetime import datetime

from autopost.application.ports.clock import Clock
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.ports.webhook_queue import WebhookQueue
from autopost.application.ports.webhook_sender import (
    ReceiverAnswer,
    ReceiverUnreachable,
    WebhookSender,
)
from autopost.application.webhooks.endpoints import audit
from autopost.application.webhooks.policy import WebhookPolicy
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.events import Event, EventType, new_event
from autopost.domain.webhook_addresses import AddressRefused, target_of
from autopost.domain.webhook_signing import headers
from autopost.domain.webhooks import (
    DeliveryStatus,
    WebhookDelivery,
    WebhookEndpoint,
)

log = logging.getLogger(__name__)


def body_of(event: Event) -> bytes:
    """The JSON body, compact: the bytes signed are the bytes sent."""
    return json.dumps(event.body(), separators=(",", ":"), ensure_ascii=False).encode()


class DeliverWebhook:
    def __init__(
        self,
        uow: UnitOfWork,
        sender: WebhookSender,
        box: SecretBox,
        clock: Clock,
        queue: WebhookQueue,
        policy: WebhookPolicy,
    ) -> None:
        self._uow = uow
        self._sender = sender
        self._box = box
        self._clock = clock
        self._queue = queue
        self._policy = policy

    async def execute(self, delivery_id: int) -> None:
        now = self._clock.now()
        async with self._uow as uow:
            delivery = await uow.deliveries.get(delivery_id)
            if delivery is None or not delivery.is_due(now):
                return  # done, or not yet: a message sent again, or early
            endpoint = await uow.webhooks.get(delivery.endpoint_id)
            if endpoint is None or not endpoint.enabled:
                return  # waits until the endpoint is enabled again (the sweep sends it then)
            ahead = await uow.deliveries.ahead_of(delivery)
            if ahead is not None:
                # In order: let go when the one ahead is delivered, or given up.
                delivery.next_try_at = max(ahead.next_try_at or now, now)
                await self._commit(uow)
                return
            found = await uow.events.get(delivery.event_id)
            if found is None:
                log.warning("delivery %s: its event is gone", delivery_id)
                return
            _, event = found
            delivery.claim(now, self._policy.lease)
            if not await self._commit(uow):
                return  # taken by another worker
            answer = await self._send(endpoint, event)
            after = self._clock.now()
            following = await self._record(uow, delivery, endpoint, answer, after)
            if await self._commit(uow):
                self._after(delivery, following)

    async def _send(
        self, endpoint: WebhookEndpoint, event: Event
    ) -> ReceiverAnswer | ReceiverUnreachable:
        body = body_of(event)
        timestamp = int(self._clock.now().timestamp())
        try:
            target_of(endpoint.url, allow_private=self._policy.allow_private)
            signed = headers(self._box.open(endpoint.secret), event.id, timestamp, body)
            return await self._sender.post(endpoint.url, signed, body)
        except AddressRefused as refused:
            return ReceiverUnreachable(str(refused))
        except ReceiverUnreachable as unreachable:
            return unreachable

    async def _record(
        self,
        uow: UnitOfWork,
        delivery: WebhookDelivery,
        endpoint: WebhookEndpoint,
        answer: ReceiverAnswer | ReceiverUnreachable,
        now: datetime,
    ) -> int | None:
        """Records the try; the delivery about the same subject let go by it, if any."""
        if isinstance(answer, ReceiverAnswer) and 200 <= answer.status_code < 300:
            delivery.succeeded(now, answer.status_code, answer.latency_ms)
            endpoint.answered(now)
        else:
            if isinstance(answer, ReceiverAnswer):
                status: int | None = answer.status_code
                error = f"The receiver answered HTTP {answer.status_code}."
                delivery.failed(now, error, status, answer.latency_ms, answer.retry_after)
            else:
                status = None
                delivery.failed(now, answer.message, None, answer.latency_ms)
            if endpoint.failed(now, status):
                await self._disabled(uow, endpoint, now)
        if delivery.status is not DeliveryStatus.PENDING:
            following = await uow.deliveries.next_of_subject(delivery)
            if following is not None:
                following.next_try_at = now
                return following.id
        return None

    async def _disabled(self, uow: UnitOfWork, endpoint: WebhookEndpoint, now: datetime) -> None:
        reason = endpoint.disabled_reason or ""
        log.warning("webhook %s disabled: %s", endpoint.id, reason)
        await audit(uow, None, "disabled", endpoint.id, now, reason)
        await uow.events.add(
            new_event(
                EventType.WEBHOOK_DISABLED,
                now,
                {"webhook_id": endpoint.id, "url": endpoint.url, "reason": reason},
                owner_id=endpoint.owner_id,
                subject=f"webhook:{endpoint.id}",
            )
        )

    def _after(self, delivery: WebhookDelivery, following: int | None) -> None:
        assert delivery.id is not None
        if delivery.status is DeliveryStatus.PENDING and delivery.next_try_at is not None:
            self._queue.deliver(delivery.id, delivery.next_try_at)
        if following is not None:
            self._queue.deliver(following)

    @staticmethod
    async def _commit(uow: UnitOfWork) -> bool:
        try:
            await uow.commit()
        except ConcurrentUpdate:
            return False
        return True
