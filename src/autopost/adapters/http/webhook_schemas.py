"""The webhook endpoints' request and answer bodies."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from autopost.domain.webhooks import WebhookDelivery, WebhookEndpoint


class WebhookIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    url: str = Field(min_length=1, max_length=2000)
    # None or empty: every event.
    events: list[str] = Field(default_factory=list)
    description: str = Field(default="", max_length=200)


class WebhookPatch(BaseModel):
    model_config = ConfigDict(extra="ignore")

    url: str | None = Field(default=None, min_length=1, max_length=2000)
    events: list[str] | None = None
    enabled: bool | None = None


class WebhookOut(BaseModel):
    """Never the secret: it is shown once, in the answer to creating (``WebhookCreated``)."""

    id: int
    url: str
    events: list[str]
    description: str
    enabled: bool
    disabled_reason: str | None
    failing_since: datetime | None
    owner: int | None
    created_at: datetime
    updated_at: datetime | None


class WebhookCreated(WebhookOut):
    secret: str


class DeliveryOut(BaseModel):
    id: int
    webhook: int
    event_id: str
    type: str
    subject: str | None
    status: str
    attempts: int
    last_attempt_at: datetime | None
    status_code: int | None
    latency_ms: int | None
    error: str | None
    next_try_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime


def webhook_out(endpoint: WebhookEndpoint) -> WebhookOut:
    assert endpoint.id is not None
    return WebhookOut(
        id=endpoint.id,
        url=endpoint.url,
        events=list(endpoint.events),
        description=endpoint.description,
        enabled=endpoint.enabled,
        disabled_reason=endpoint.disabled_reason,
        failing_since=endpoint.failing_since,
        owner=endpoint.owner_id,
        created_at=endpoint.created_at,
        updated_at=endpoint.updated_at,
    )


def delivery_out(delivery: WebhookDelivery) -> DeliveryOut:
    assert delivery.id is not None
    pending = delivery.status.value == "pending"
    return DeliveryOut(
        id=delivery.id,
        webhook=delivery.endpoint_id,
        event_id=delivery.event_id,
        type=delivery.event_type,
        subject=delivery.subject,
        status=delivery.status.value,
        attempts=delivery.attempts,
        last_attempt_at=delivery.last_attempt_at,
        status_code=delivery.last_status_code,
        latency_ms=delivery.last_latency_ms,
        error=delivery.last_error,
        next_try_at=delivery.next_try_at if pending else None,
        delivered_at=delivery.delivered_at,
        created_at=delivery.created_at,
    )
