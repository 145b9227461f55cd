"""The webhooks' periodic sweep: what a lost message (a worker killed after a commit, a
broker restarted) left behind is handed on and sent."""

from __future__ import annotations

from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.ports.webhook_queue import WebhookQueue
from autopost.application.webhooks.policy import WebhookPolicy
from autopost.application.webhooks.relay import RelayEvents


class SweepWebhooks:
    def __init__(
        self,
        uow: UnitOfWork,
        relay: RelayEvents,
        queue: WebhookQueue,
        clock: Clock,
        policy: WebhookPolicy,
    ) -> None:
        self._uow = uow
        self._relay = relay
        self._queue = queue
        self._clock = clock
        self._policy = policy

    async def execute(self) -> int:
        """Hands on every event not yet handed on, then sends a message for each delivery
        whose time has come; how many messages."""
        while await self._relay.execute() >= self._policy.batch:
            pass
        async with self._uow as uow:
            due = await uow.deliveries.due(self._clock.now(), self._policy.batch)
        for delivery in due:
            assert delivery.id is not None
            self._queue.deliver(delivery.id)
        return len(due)
