"""Webhook endpoints and their deliveries, mapped onto their tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import webhook_deliveries, webhook_endpoints
from autopost.domain.webhooks import DeliveryStatus, WebhookDelivery, WebhookEndpoint

_d = webhook_deliveries.c


class SqlaWebhookEndpointRepository(SessionRepository):
    async def add(self, endpoint: WebhookEndpoint) -> None:
        await self._add(endpoint)

    async def get(self, endpoint_id: int) -> WebhookEndpoint | None:
        return await self._get(WebhookEndpoint, endpoint_id)

    async def list(self) -> Sequence[WebhookEndpoint]:
        return await self._all(select(WebhookEndpoint).order_by(webhook_endpoints.c.id))

    async def enabled(self) -> Sequence[WebhookEndpoint]:
        return await self._all(
            select(WebhookEndpoint)
            .where(webhook_endpoints.c.enabled.is_(True))
            .order_by(webhook_endpoints.c.id)
        )

    async def delete(self, endpoint: WebhookEndpoint) -> None:
        await self._delete(endpoint)


class SqlaWebhookDeliveryRepository(SessionRepository):
    async def add(self, delivery: WebhookDelivery) -> None:
        await self._add(delivery)

    async def get(self, delivery_id: int) -> WebhookDelivery | None:
        return await self._get(WebhookDelivery, delivery_id)

    async def of_endpoint(self, endpoint_id: int, limit: int) -> Sequence[WebhookDelivery]:
        return await self._all(
            select(WebhookDelivery)
            .where(_d.endpoint_id == endpoint_id)
            .order_by(_d.sequence.desc(), _d.id.desc())
            .limit(limit)
        )

    async def ahead_of(self, delivery: WebhookDelivery) -> WebhookDelivery | None:
        if delivery.subject is None:
            return None
        return await self._first(
            select(WebhookDelivery)
            .where(
                _d.endpoint_id == delivery.endpoint_id,
                _d.subject == delivery.subject,
                _d.status == DeliveryStatus.PENDING,
                (_d.sequence < delivery.sequence)
                | ((_d.sequence == delivery.sequence) & (_d.id < delivery.id)),
            )
            .order_by(_d.sequence, _d.id)
            .limit(1)
        )

    async def next_of_subject(self, delivery: WebhookDelivery) -> WebhookDelivery | None:
        if delivery.subject is None:
            return None
        return await self._first(
            select(WebhookDelivery)
            .where(
                _d.endpoint_id == delivery.endpoint_id,
                _d.subject == delivery.subject,
                _d.status == DeliveryStatus.PENDING,
                _d.id != delivery.id,
            )
            .order_by(_d.sequence, _d.id)
            .limit(1)
        )

    async def due(self, now: datetime, limit: int) -> Sequence[WebhookDelivery]:
        endpoint = aliased(webhook_endpoints)
        return await self._all(
            select(WebhookDelivery)
            .join(endpoint, endpoint.c.id == _d.endpoint_id)
            .where(
                _d.status == DeliveryStatus.PENDING,
                _d.next_try_at <= now,
                endpoint.c.enabled.is_(True),
            )
            .order_by(_d.sequence, _d.id)
            .limit(limit)
        )
