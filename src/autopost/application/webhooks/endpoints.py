"""Registering, listing, changing and removing webhook endpoints, for Publishers and
Administrators. The signing secret is made here and shown once, in the answer to creating."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from attrs import frozen

from autopost.application.access import Actor
from autopost.application.ports.clock import Clock
from autopost.application.ports.host_resolver import HostResolver
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.webhooks.addresses import check_url
from autopost.application.webhooks.policy import WebhookPolicy
from autopost.domain.audit import AuditEntry
from autopost.domain.errors import NotFound, PermissionDenied, ValidationFailed
from autopost.domain.events import EventType
from autopost.domain.webhook_addresses import AddressRefused
from autopost.domain.webhook_signing import new_secret
from autopost.domain.webhooks import WebhookEndpoint, may_manage_webhooks

WEBHOOK = "webhook"


@frozen
class CreatedWebhook:
    endpoint: WebhookEndpoint
    secret: str  # shown once: this answer is the only one that holds it


def authorize_webhooks(actor: Actor) -> None:
    if not may_manage_webhooks(actor.permissions):
        raise PermissionDenied()


def checked_events(events: Sequence[str]) -> list[str]:
    known = {t.value for t in EventType}
    unknown = [e for e in events if e not in known]
    if unknown:
        raise ValidationFailed(
            {"events": [f"Unknown event type(s): {', '.join(unknown)}. Known: {sorted(known)}."]}
        )
    return sorted(set(events))


class WebhookUseCase:
    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        box: SecretBox,
        resolver: HostResolver,
        policy: WebhookPolicy,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._box = box
        self._resolver = resolver
        self._policy = policy

    async def _checked_url(self, url: str) -> str:
        try:
            await check_url(url, self._resolver, allow_private=self._policy.allow_private)
        except AddressRefused as refused:
            raise ValidationFailed({"url": [str(refused)]}) from refused
        return url.strip()


async def audit(
    uow: UnitOfWork,
    actor: Actor | None,
    action: str,
    endpoint_id: int | None,
    at: datetime,
    summary: str,
) -> None:
    """An entry about an endpoint in the audit log (None: Autopost acted on its own)."""
    await uow.audit.add(
        AuditEntry(
            at=at,
            action=action,
            resource=WEBHOOK,
            resource_id=str(endpoint_id),
            actor_id=actor.user_id if actor else None,
            actor_name=actor.username if actor else "",
            summary=summary,
        )
    )


async def endpoint_of(uow: UnitOfWork, endpoint_id: int) -> WebhookEndpoint:
    endpoint = await uow.webhooks.get(endpoint_id)
    if endpoint is None:
        raise NotFound(WEBHOOK, endpoint_id)
    return endpoint


class CreateWebhook(WebhookUseCase):
    async def execute(
        self, actor: Actor, url: str, events: Sequence[str], description: str = ""
    ) -> CreatedWebhook:
        authorize_webhooks(actor)
        wanted = checked_events(events)
        url = await self._checked_url(url)
        secret = new_secret()
        now = self._clock.now()
        endpoint = WebhookEndpoint(
            url=url,
            secret=self._box.seal(secret),
            created_at=now,
            owner_id=actor.user_id,
            events=wanted,
            description=description.strip()[:200],
            updated_at=now,
        )
        async with self._uow as uow:
            await uow.webhooks.add(endpoint)
            await audit(uow, actor, "created", endpoint.id, now, url)
            await uow.commit()
        return CreatedWebhook(endpoint, secret)


class ListWebhooks(WebhookUseCase):
    async def execute(self, actor: Actor) -> Sequence[WebhookEndpoint]:
        authorize_webhooks(actor)
        async with self._uow as uow:
            return await uow.webhooks.list()


class GetWebhook(WebhookUseCase):
    async def execute(self, actor: Actor, endpoint_id: int) -> WebhookEndpoint:
        authorize_webhooks(actor)
        async with self._uow as uow:
            return await endpoint_of(uow, endpoint_id)


class ChangeWebhook(WebhookUseCase):
    async def execute(
        self,
        actor: Actor,
        endpoint_id: int,
        *,
        url: str | None = None,
        events: Sequence[str] | None = None,
        enabled: bool | None = None,
    ) -> WebhookEndpoint:
        authorize_webhooks(actor)
        wanted = checked_events(events) if events is not None else None
        if url is not None:
            url = await self._checked_url(url)
        now = self._clock.now()
        async with self._uow as uow:
            endpoint = await endpoint_of(uow, endpoint_id)
            endpoint.change(now=now, url=url, events=wanted, enabled=enabled)
            what = ", ".join(
                name
                for name, value in (("url", url), ("events", wanted), ("enabled", enabled))
                if value is not None
            )
            await audit(uow, actor, "changed", endpoint_id, now, what)
            await uow.commit()
            return endpoint


class DeleteWebhook(WebhookUseCase):
    async def execute(self, actor: Actor, endpoint_id: int) -> None:
        authorize_webhooks(actor)
        now = self._clock.now()
        async with self._uow as uow:
            endpoint = await endpoint_of(uow, endpoint_id)
            await uow.webhooks.delete(endpoint)
            await audit(uow, actor, "deleted", endpoint_id, now, endpoint.url)
            await uow.commit()
