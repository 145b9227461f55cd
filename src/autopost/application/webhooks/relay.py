"""Handing recorded events on to the webhooks: one delivery per endpoint that wants each,
written in one transaction with the mark that the event was handed on (so two relays of the
same event, the message's and the sweep's, make its deliveries once)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.ports.webhook_queue import WebhookQueue
from autopost.application.webhooks.policy import WebhookPolicy
from autopost.domain.webhooks import deliveries_of

log = logging.getLogger(__name__)


class RelayEvents:
    def __init__(
        self, uow: UnitOfWork, queue: WebhookQueue, clock: Clock, policy: WebhookPolicy
    ) -> None:
        self._uow = uow
        self._queue = queue
        self._clock = clock
        self._policy = policy

    async def execute(self, event_ids: Sequence[str] | None = None) -> int:
        """Hands on these events (None: every one not yet handed on); how many."""
        now = self._clock.now()
        async with self._uow as uow:
            batch = await uow.events.to_relay(self._policy.batch, event_ids)
            if not batch:
                return 0
            endpoints = await uow.webhooks.enabled()
            made = []
            relayed = 0
            for seq, event in batch:
                if not await uow.events.mark_relayed(seq, now):
                    continue  # handed on meanwhile by another relay
                relayed += 1
                for delivery in deliveries_of(event, seq, endpoints, now):
                    await uow.deliveries.add(delivery)
                    made.append(delivery)
            queue = self._queue

            async def send() -> None:
                for delivery in made:
                    assert delivery.id is not None
                    queue.deliver(delivery.id)

            uow.after_commit(send)
            await uow.commit()
        log.debug("handed on %d event(s), %d deliveries", relayed, len(made))
        return relayed
