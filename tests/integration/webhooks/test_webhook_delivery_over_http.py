"""Deliveries over real HTTP, from the real tables: the receiver (written with the
``standardwebhooks`` library) verifies each one; an event whose message was lost (a worker
killed between its commit and its message) is delivered by the sweep; a name resolving to
loopback is refused when private addresses are not allowed, at the time of the delivery."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from standardwebhooks import Webhook
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from tests.fake_webhooks import RecordingQueue
from tests.loopback_server import served_on_loopback

from autopost.adapters.persistence.engine import session_factory
from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork
from autopost.adapters.security.fernet_secret_box import FernetSecretBox
from autopost.adapters.security.system_clock import SystemClock
from autopost.adapters.webhooks.asyncio_host_resolver import AsyncioHostResolver
from autopost.adapters.webhooks.httpx_webhook_sender import HttpxWebhookSender
from autopost.application.access import Actor
from autopost.application.ports.event_relay import NoEventRelay
from autopost.application.ports.webhook_sender import ReceiverUnreachable
from autopost.application.webhooks.deliver import DeliverWebhook
from autopost.application.webhooks.endpoints import CreateWebhook
from autopost.application.webhooks.policy import WebhookPolicy
from autopost.application.webhooks.relay import RelayEvents
from autopost.application.webhooks.sweep import SweepWebhooks
from autopost.domain.access import Role
from autopost.domain.events import EventType, new_event
from autopost.domain.webhook_addresses import IpAddress
from autopost.domain.webhooks import DeliveryStatus

pytestmark = pytest.mark.integration

# A Publisher who is no stored user: an endpoint's owner may be gone.
PUBLISHER = Actor(None, frozenset({Role.PUBLISHERS}))


class Loopback:
    """Every name resolves to 127.0.0.1: a name that rebinds to this machine."""

    async def resolve(self, host: str, port: int) -> Sequence[IpAddress]:
        return [ipaddress.ip_address("127.0.0.1")]


def receiver(got: list[tuple[dict[str, str], bytes]]) -> Starlette:
    async def hook(request: Request) -> Response:
        got.append((dict(request.headers), await request.body()))
        return Response(status_code=204)

    return Starlette(routes=[Route("/hook", hook, methods=["POST"])])


async def test_an_event_whose_message_was_lost_is_delivered_signed_by_the_sweep(
    engine: AsyncEngine,
) -> None:
    # NoEventRelay: the worker died between the commit and the message.
    uow = lambda: SqlaUnitOfWork(session_factory(engine), NoEventRelay())  # noqa: E731
    clock, box = SystemClock(), FernetSecretBox("integration-secret-key")
    policy = WebhookPolicy(allow_private=True)
    got: list[tuple[dict[str, str], bytes]] = []
    queue = RecordingQueue()
    async with served_on_loopback(receiver(got)) as base, httpx.AsyncClient() as client:
        sender = HttpxWebhookSender(client, AsyncioHostResolver(), allow_private=True)
        created = await CreateWebhook(uow(), clock, box, AsyncioHostResolver(), policy).execute(
            PUBLISHER, f"{base}/hook", [EventType.PUBLICATION_PUBLISHED.value]
        )
        async with uow() as work:
            event = new_event(
                EventType.PUBLICATION_PUBLISHED,
                datetime.now(UTC),
                {"post_id": 1, "remote_id": "1789"},
                subject="post:1",
            )
            await work.events.add(event)
            await work.events.add(new_event(EventType.SYNC_COMPLETED, datetime.now(UTC), {}))
            await work.commit()
        relay = RelayEvents(uow(), queue, clock, policy)
        assert await SweepWebhooks(uow(), relay, queue, clock, policy).execute() == 1
        for delivery_id in queue.take():
            await DeliverWebhook(uow(), sender, box, clock, queue, policy).execute(delivery_id)
    ((headers, body),) = got
    payload = Webhook(created.secret).verify(body, headers)
    assert payload["type"] == "publication.published"
    assert payload["data"] == {"post_id": 1, "remote_id": "1789"}
    assert headers["webhook-id"] == event.id
    async with uow() as work:
        assert created.endpoint.id is not None
        (delivery,) = await work.deliveries.of_endpoint(created.endpoint.id, 10)
        assert delivery.status is DeliveryStatus.DELIVERED
        assert delivery.last_status_code == 204 and delivery.last_latency_ms is not None
        # The secret is sealed at rest.
        stored = await work.webhooks.get(created.endpoint.id)
        assert stored is not None and created.secret not in stored.secret


async def test_a_name_that_now_resolves_to_loopback_is_not_called() -> None:
    got: list[tuple[dict[str, str], bytes]] = []
    async with served_on_loopback(receiver(got)) as base, httpx.AsyncClient() as client:
        port = base.rsplit(":", 1)[1]
        sender = HttpxWebhookSender(client, Loopback(), allow_private=False)
        with pytest.raises(ReceiverUnreachable, match=r"127\.0\.0\.1"):
            await sender.post(f"https://hooks.example.com:{port}/hook", {}, b"{}")
        allowed = HttpxWebhookSender(client, Loopback(), allow_private=True)
        answer = await allowed.post(f"http://hooks.example.com:{port}/hook", {}, b"{}")
    assert answer.status_code == 204
    # Called at the checked address, with the URL's name as the Host.
    ((headers, _),) = got
    assert headers["host"] == f"hooks.example.com:{port}"
