"""Handing recorded events on: to the people who chose to be told (``notify``: Telegram and
e-mail, ``NotifyPeople``), and to the webhooks, one delivery per endpoint that wants each,
written in one transaction with the mark that the event was handed on (so two relays of the
same event, the message's and the sweep's, make its deliveries once).

People are told first, before the mark: an event is told of again until it is marked, and
``NotifyPeople`` makes one message per event and person whatever it is handed twice; so a
relay that dies between the two loses no one's message. Their store has transactions of its
own, so this is done with no transaction of the relay's open."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.ports.webhook_queue import WebhookQueue
from autopost.application.webhooks.policy import WebhookPolicy
from autopost.domain.events import Event
from autopost.domain.webhooks import deliveries_of

log = logging.getLogger(__name__)


class RelayEvents:
    def __init__(
        self,
        uow: UnitOfWork,
        queue: WebhookQueue,
        clock: Clock,
        policy: WebhookPolicy,
        notify: Callable[[Event], Awaitable[object]] | None = None,
    ) -> None:
        self._uow = uow
        self._queue = queue
        self._clock = clock
        self._policy = policy
        self._notify = notify

    async def execute(self, event_ids: Sequence[str] | None = None) -> int:
        """Hands on these events (None: every one not yet handed on, a batch at a time), and
        with them the others waiting; how many."""
        async with self._uow as uow:
            batch = await uow.events.to_relay(self._policy.batch, event_ids)
            if batch and event_ids is not None:
                # Those that other commits recorded meanwhile go with these: a burst of changes
                # is handed on in a few transactions, and their own messages then find none.
                waiting = await uow.events.to_relay(self._policy.batch)
                batch = sorted(dict([*batch, *waiting]).items(), key=lambda item: item[0])
        if not batch:
            return 0
        if self._notify is not None:
            for _, event in batch:
                await self._notify(event)
        now = self._clock.now()
        async with self._uow as uow:
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
