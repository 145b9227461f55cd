"""Webhook endpoints and the deliveries of events to them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from autopost.domain.webhooks import WebhookDelivery, WebhookEndpoint


class WebhookEndpointRepository(Protocol):
    async def add(self, endpoint: WebhookEndpoint) -> None: ...

    async def get(self, endpoint_id: int) -> WebhookEndpoint | None: ...

    async def list(self) -> Sequence[WebhookEndpoint]:
        """Every endpoint, oldest first."""
        ...

    async def enabled(self) -> Sequence[WebhookEndpoint]: ...

    async def delete(self, endpoint: WebhookEndpoint) -> None:
        """Its deliveries go with it."""
        ...


class WebhookDeliveryRepository(Protocol):
    async def add(self, delivery: WebhookDelivery) -> None: ...

    async def get(self, delivery_id: int) -> WebhookDelivery | None:
        """A change saved by the commit fails it with ``ConcurrentUpdate`` when another
        transaction changed the delivery meanwhile."""
        ...

    async def of_endpoint(self, endpoint_id: int, limit: int) -> Sequence[WebhookDelivery]:
        """Newest first."""
        ...

    async def ahead_of(self, delivery: WebhookDelivery) -> WebhookDelivery | None:
        """The first earlier delivery about the same subject to the same endpoint still to
        be delivered, which this one waits for; None when it waits for none."""
        ...

    async def next_of_subject(self, delivery: WebhookDelivery) -> WebhookDelivery | None:
        """The delivery about the same subject to the same endpoint that comes next, still
        to be delivered."""
        ...

    async def due(self, now: datetime, limit: int) -> Sequence[WebhookDelivery]:
        """Pending deliveries to enabled endpoints whose time has come, oldest first (those
        waiting behind an earlier one included: the caller asks ``ahead_of``)."""
        ...
