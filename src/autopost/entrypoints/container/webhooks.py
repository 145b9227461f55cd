"""Webhooks: the endpoints people register, and the worker's relaying and deliveries."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from dependency_injector import containers, providers

from autopost.adapters.scheduling.dramatiq_webhook_queue import DramatiqWebhookQueue
from autopost.adapters.webhooks.asyncio_host_resolver import AsyncioHostResolver
from autopost.adapters.webhooks.httpx_webhook_sender import HttpxWebhookSender
from autopost.application.webhooks.deliver import DeliverWebhook
from autopost.application.webhooks.deliveries import ListDeliveries, ResendDelivery
from autopost.application.webhooks.endpoints import (
    ChangeWebhook,
    CreateWebhook,
    DeleteWebhook,
    GetWebhook,
    ListWebhooks,
)
from autopost.application.webhooks.policy import WebhookPolicy
from autopost.application.webhooks.relay import RelayEvents
from autopost.application.webhooks.sweep import SweepWebhooks
from autopost.entrypoints.settings import Settings


def webhook_policy(settings: Settings) -> WebhookPolicy:
    return WebhookPolicy(allow_private=settings.webhooks_allow_private)


async def webhook_http_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The receivers' own client, apart from the platforms': their timeout, no redirects."""
    client = httpx.AsyncClient(
        timeout=httpx.Timeout(settings.webhook_timeout_seconds),
        limits=httpx.Limits(max_connections=settings.webhook_concurrency),
        headers={"User-Agent": "Autopost-Webhooks/0.1"},
        follow_redirects=False,
        trust_env=False,
    )
    yield client
    await client.aclose()


class Webhooks(containers.DeclarativeContainer):
    infrastructure = providers.DependenciesContainer()
    # Telegram and e-mail: told of each event the relay hands on.
    notifications = providers.DependenciesContainer()
    settings = providers.Dependency(instance_of=Settings)
    uow = infrastructure.uow
    clock = infrastructure.clock
    box = infrastructure.secret_box

    policy = providers.Singleton(webhook_policy, settings)
    resolver = providers.Singleton(AsyncioHostResolver)
    http_client = providers.Resource(webhook_http_client, settings)
    sender = providers.Singleton(
        HttpxWebhookSender,
        http_client,
        resolver,
        allow_private=settings.provided.webhooks_allow_private,
    )
    queue = providers.Singleton(DramatiqWebhookQueue, infrastructure.broker, clock)

    create_webhook = providers.Factory(CreateWebhook, uow, clock, box, resolver, policy)
    list_webhooks = providers.Factory(ListWebhooks, uow, clock, box, resolver, policy)
    get_webhook = providers.Factory(GetWebhook, uow, clock, box, resolver, policy)
    change_webhook = providers.Factory(ChangeWebhook, uow, clock, box, resolver, policy)
    delete_webhook = providers.Factory(DeleteWebhook, uow, clock, box, resolver, policy)
    list_deliveries = providers.Factory(ListDeliveries, uow)
    resend_delivery = providers.Factory(ResendDelivery, uow, clock, queue)

    relay_events = providers.Factory(
        RelayEvents, uow, queue, clock, policy, notifications.notify_people.provided.execute
    )
    deliver = providers.Factory(DeliverWebhook, uow, sender, box, clock, queue, policy)
    sweep = providers.Factory(SweepWebhooks, uow, relay_events, queue, clock, policy)
