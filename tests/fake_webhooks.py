"""In-memory outbox, webhook endpoints and deliveries, for the unit tests and the features."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import attrs

from autopost.application.ports.webhook_sender import ReceiverAnswer, ReceiverUnreachable
from autopost.domain.events import Event
from autopost.domain.webhook_addresses import IpAddress
from autopost.domain.webhooks import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from tests.fake_accounts import Table

if TYPE_CHECKING:
    pass


class FakeEventOutbox(Table):
    """Committed events are ``store.rows["events"]`` in the order they were recorded (their
    place in it is their ``seq``); ``store.relayed`` holds those handed on."""

    async def add(self, event: Event) -> None:
        if event.key is not None and any(e.key == event.key for e in self._all()):
            return  # recorded before: ON CONFLICT DO NOTHING
        post_id = event.data.get("post_id")
        if event.owner_id is None and isinstance(post_id, int):
            post = self._uow.store.rows["posts"].get(post_id)
            pending = [e for t, e, _, _ in self._uow._tracked if t == "posts" and e.id == post_id]
            post = pending[-1] if pending else post
            if post is not None:
                event = attrs.evolve(event, owner_id=post.owner_id)
        self._uow.track(self._name, event, new=True)
        relay = self._uow.relay
        if relay is not None:
            ids = self._uow.recorded_events
            if not ids:

                async def send(batch: list[str] = ids) -> None:
                    relay.relay(list(batch))

                self._uow.after_commit(send)
            ids.append(event.id)

    def _committed(self) -> list[tuple[int, Event]]:
        self._uow.begin()
        return [(n, e) for n, e in enumerate(self._uow.store.rows["events"].values(), 1)]

    async def to_relay(
        self, limit: int, ids: Collection[str] | None = None
    ) -> Sequence[tuple[int, Event]]:
        relayed = self._uow.store.relayed
        found = [
            (seq, e)
            for seq, e in self._committed()
            if e.id not in relayed and (ids is None or e.id in ids)
        ]
        return found[:limit]

    async def mark_relayed(self, seq: int, now: datetime) -> bool:
        for n, event in self._committed():
            if n == seq:
                if event.id in self._uow.store.relayed:
                    return False
                self._uow.store.relayed[event.id] = now
                return True
        return False

    async def get(self, event_id: str) -> tuple[int, Event] | None:  # type: ignore[override]
        return next(((n, e) for n, e in self._committed() if e.id == event_id), None)

    async def since(self, after_seq: int, limit: int) -> Sequence[tuple[int, Event]]:
        return [(n, e) for n, e in self._committed() if n > after_seq][:limit]

    def recorded(self) -> list[Event]:
        """What is committed, in order."""
        return list(self._uow.store.rows["events"].values())


class FakeWebhookEndpoints(Table):
    async def list(self) -> Sequence[WebhookEndpoint]:
        return sorted(self._all(), key=lambda e: e.id)

    async def enabled(self) -> Sequence[WebhookEndpoint]:
        return [e for e in await self.list() if e.enabled]


class FakeWebhookDeliveries(Table):
    async def of_endpoint(self, endpoint_id: int, limit: int) -> Sequence[WebhookDelivery]:
        mine = [d for d in self._all() if d.endpoint_id == endpoint_id]
        return sorted(mine, key=lambda d: (d.sequence, d.id), reverse=True)[:limit]

    def _pending_of_subject(self, delivery: WebhookDelivery) -> list[WebhookDelivery]:
        return sorted(
            (
                d
                for d in self._all()
                if d.endpoint_id == delivery.endpoint_id
                and d.subject == delivery.subject
                and d.status is DeliveryStatus.PENDING
                and d.id != delivery.id
            ),
            key=lambda d: (d.sequence, d.id),
        )

    async def ahead_of(self, delivery: WebhookDelivery) -> WebhookDelivery | None:
        if delivery.subject is None:
            return None
        earlier = [
            d
            for d in self._pending_of_subject(delivery)
            if (d.sequence, d.id) < (delivery.sequence, delivery.id)
        ]
        return earlier[0] if earlier else None

    async def next_of_subject(self, delivery: WebhookDelivery) -> WebhookDelivery | None:
        if delivery.subject is None:
            return None
        following = self._pending_of_subject(delivery)
        return following[0] if following else None

    async def due(self, now: datetime, limit: int) -> Sequence[WebhookDelivery]:
        endpoints = self._uow.store.rows["webhooks"]
        found = [
            d
            for d in self._all()
            if d.status is DeliveryStatus.PENDING
            and d.next_try_at is not None
            and d.next_try_at <= now
            and endpoints.get(d.endpoint_id) is not None
            and endpoints[d.endpoint_id].enabled
        ]
        return sorted(found, key=lambda d: (d.sequence, d.id))[:limit]


@dataclass
class RecordingRelay:
    relayed: list[list[str]] = field(default_factory=list)

    def relay(self, event_ids: Sequence[str]) -> None:
        self.relayed.append(list(event_ids))


@dataclass
class RecordingQueue:
    """The webhook deliveries asked for, in order: (delivery id, when)."""

    sent: list[tuple[int, datetime | None]] = field(default_factory=list)

    def deliver(self, delivery_id: int, at: datetime | None = None) -> None:
        self.sent.append((delivery_id, at))

    def take(self) -> list[int]:
        taken = [d for d, _ in self.sent]
        self.sent.clear()
        return taken


@dataclass
class Received:
    url: str
    headers: Mapping[str, str]
    body: bytes


@dataclass
class FakeReceiver:
    """A receiver that answers ``status`` (or is down: unreachable) and keeps what it got."""

    status: int = 200
    down: bool = False
    got: list[Received] = field(default_factory=list)
    tries: int = 0

    async def post(self, url: str, headers: Mapping[str, str], body: bytes) -> ReceiverAnswer:
        self.tries += 1
        if self.down:
            raise ReceiverUnreachable("Connection refused.", latency_ms=1)
        if 200 <= self.status < 300:
            self.got.append(Received(url, dict(headers), body))
        return ReceiverAnswer(self.status, latency_ms=3)


@dataclass
class FakeResolver:
    """Host names and what they resolve to; any other resolves to a public address."""

    names: dict[str, list[IpAddress]] = field(default_factory=dict)

    async def resolve(self, host: str, port: int) -> Sequence[IpAddress]:
        import ipaddress

        return self.names.get(host, [ipaddress.ip_address("93.184.216.34")])


ZERO = timedelta(0)
