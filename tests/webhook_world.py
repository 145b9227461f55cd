"""The harness with webhooks: endpoints registered, events handed on and delivered by the
real use cases, to a fake receiver, with the harness's clock."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from autopost.application.access import Actor
from autopost.application.webhooks.deliver import DeliverWebhook
from autopost.application.webhooks.deliveries import ResendDelivery
from autopost.application.webhooks.endpoints import ChangeWebhook, CreatedWebhook, CreateWebhook
from autopost.application.webhooks.policy import WebhookPolicy
from autopost.application.webhooks.relay import RelayEvents
from autopost.application.webhooks.sweep import SweepWebhooks
from autopost.domain.access import Role
from autopost.domain.events import Event
from autopost.domain.webhooks import WebhookDelivery
from tests.fake_webhooks import FakeReceiver, FakeResolver, RecordingQueue
from tests.harness import Harness

PUBLISHER = Actor(7, frozenset({Role.PUBLISHERS}), username="pia")
HOOK = "https://hooks.example.com/autopost"


class WebhookWorld:
    def __init__(self, world: Harness | None = None) -> None:
        self.world = world or Harness()
        self.receiver = FakeReceiver()
        self.resolver = FakeResolver()
        self.queue = RecordingQueue()
        # (delivery id, when its message is due)
        self.messages: list[tuple[int, datetime]] = []
        self.policy = WebhookPolicy()

    @property
    def clock(self):  # type: ignore[no-untyped-def]
        return self.world.clock

    def _args(self) -> tuple[Any, ...]:
        return (self.world.uow(), self.world.clock, self.world.box, self.resolver, self.policy)

    async def register(self, events: list[str] | None = None, url: str = HOOK) -> CreatedWebhook:
        return await CreateWebhook(*self._args()).execute(PUBLISHER, url, events or [])

    async def set_enabled(self, endpoint_id: int, enabled: bool) -> None:
        await ChangeWebhook(*self._args()).execute(PUBLISHER, endpoint_id, enabled=enabled)

    def relay(self) -> RelayEvents:
        return RelayEvents(self.world.uow(), self.queue, self.world.clock, self.policy)

    def deliverer(self) -> DeliverWebhook:
        return DeliverWebhook(
            self.world.uow(),
            self.receiver,
            self.world.box,
            self.world.clock,
            self.queue,
            self.policy,
        )

    async def sweep(self) -> int:
        sweep = SweepWebhooks(
            self.world.uow(), self.relay(), self.queue, self.world.clock, self.policy
        )
        return await sweep.execute()

    async def resend(self, endpoint_id: int, delivery_id: int) -> WebhookDelivery:
        use_case = ResendDelivery(self.world.uow(), self.world.clock, self.queue)
        return await use_case.execute(PUBLISHER, endpoint_id, delivery_id)

    async def deliver_due(self) -> int:
        """Every message whose time has come, as the worker would run it."""
        now = self.world.clock.now()
        self.messages.extend((d, at or now) for d, at in self.queue.sent)
        self.queue.sent.clear()
        due = sorted((m for m in self.messages if m[1] <= now), key=lambda m: m[1])
        self.messages = [m for m in self.messages if m[1] > now]
        for delivery_id, _ in due:
            await self.deliverer().execute(delivery_id)
        return len(due)

    async def pump(self) -> None:
        """Hand on what was recorded and deliver what is due now, until nothing is left."""
        await self.sweep()
        while await self.deliver_due():
            pass

    def events(self) -> list[Event]:
        return list(self.world.store.rows["events"].values())

    def of_type(self, event_type: str) -> list[Event]:
        return [e for e in self.events() if e.type == event_type]

    def deliveries(self) -> list[WebhookDelivery]:
        return list(self.world.store.rows["deliveries"].values())

    def received(self) -> list[dict[str, Any]]:
        return [json.loads(r.body) for r in self.receiver.got]
