"""The webhook endpoints' routes, and the events Autopost sends to them (the document's
``webhooks`` section: one entry per event type, with its payload and an example)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from autopost.adapters.http.answers.errors import Error
from autopost.adapters.http.openapi.operation import (
    INVALID,
    NO_CONTENT,
    NOT_FOUND,
    Operation,
    Reply,
    path_id,
    query,
)
from autopost.adapters.http.webhook_schemas import (
    DeliveryOut,
    WebhookCreated,
    WebhookIn,
    WebhookOut,
    WebhookPatch,
)
from autopost.domain.events import DESCRIPTIONS, PAYLOAD_VERSION, EventType

WEBHOOK_ID = path_id("webhook_id", "webhook")
NOT_ALLOWED = Reply("Only Publishers and Administrators manage webhooks.", Error)
_ANY = {403: NOT_ALLOWED}


WEBHOOK_OPERATIONS = (
    Operation(
        "get",
        "/api/v1/webhooks/",
        "list_webhooks",
        "List webhook endpoints",
        "webhooks",
        {200: Reply("Every endpoint (an array), without its secret.", list[WebhookOut]), **_ANY},
    ),
    Operation(
        "post",
        "/api/v1/webhooks/",
        "create_webhook",
        "Register a webhook endpoint",
        "webhooks",
        {
            201: Reply(
                "The endpoint, with its signing `secret` (`whsec_…`): shown this once.",
                WebhookCreated,
            ),
            400: INVALID,
            **_ANY,
        },
        body=WebhookIn,
        example={
            "url": "https://hooks.example.com/autopost",
            "events": ["publication.published", "publication.failed"],
        },
        description="The URL must be https and resolve to public addresses only (unless "
        "`AUTOPOST_WEBHOOKS_ALLOW_PRIVATE=true`). `events` empty: every event.",
    ),
    Operation(
        "get",
        "/api/v1/webhooks/{webhook_id}/",
        "get_webhook",
        "A webhook endpoint",
        "webhooks",
        {200: Reply("The endpoint, without its secret.", WebhookOut), 404: NOT_FOUND, **_ANY},
        params=(WEBHOOK_ID,),
    ),
    Operation(
        "patch",
        "/api/v1/webhooks/{webhook_id}/",
        "change_webhook",
        "Change a webhook endpoint",
        "webhooks",
        {
            200: Reply("The endpoint.", WebhookOut),
            400: INVALID,
            404: NOT_FOUND,
            **_ANY,
        },
        body=WebhookPatch,
        example={"enabled": True},
        params=(WEBHOOK_ID,),
        description="Enabled again, an endpoint gets the deliveries that waited meanwhile.",
    ),
    Operation(
        "delete",
        "/api/v1/webhooks/{webhook_id}/",
        "delete_webhook",
        "Remove a webhook endpoint",
        "webhooks",
        {204: NO_CONTENT, 404: NOT_FOUND, **_ANY},
        params=(WEBHOOK_ID,),
    ),
    Operation(
        "get",
        "/api/v1/webhooks/{webhook_id}/deliveries/",
        "list_webhook_deliveries",
        "An endpoint's deliveries",
        "webhooks",
        {
            200: Reply(
                "Newest first: attempts, last status code and latency, next try.",
                list[DeliveryOut],
            ),
            400: INVALID,
            404: NOT_FOUND,
            **_ANY,
        },
        params=(WEBHOOK_ID, query("limit", {"type": "integer", "minimum": 1, "maximum": 500})),
    ),
    Operation(
        "post",
        "/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/resend/",
        "resend_webhook_delivery",
        "Send a delivery again",
        "webhooks",
        {
            202: Reply("The new delivery of the same event, sent at once.", DeliveryOut),
            404: NOT_FOUND,
            **_ANY,
        },
        params=(WEBHOOK_ID, path_id("delivery_id", "delivery")),
    ),
)

_POST = {
    "post_id": 12,
    "publication_id": 31,
    "credential_id": 3,
    "platform": "instagram",
    "publish_at": "2030-01-01T09:00:00Z",
}
_ACCOUNT = {
    "credential_id": 3,
    "platform": "instagram",
    "account_id": "17841400000000000",
    "username": "acme",
}

# Each event's ``data``, as a receiver gets it.
EXAMPLES: Mapping[EventType, Mapping[str, Any]] = {
    EventType.POST_SCHEDULED: {
        "post_id": 12,
        "publications": [
            {
                "publication_id": 31,
                "credential_id": 3,
                "platform": "instagram",
                "publish_at": "2030-01-01T09:00:00Z",
            }
        ],
    },
    EventType.PUBLICATION_PUBLISHED: _POST
    | {
        "status": "published",
        "remote_id": "17895695668004550",
        "permalink": "https://www.instagram.com/p/C0xyz/",
        "published_at": "2030-01-01T09:00:00Z",
    },
    EventType.PUBLICATION_FAILED: _POST
    | {
        "status": "failed",
        "reason": "The media could not be fetched: the URL answered 404.",
        "advice": "Check that the media is at a public https address in a format the "
        "platform takes (edit the post if not), then press Retry.",
    },
    EventType.PUBLICATION_DEFERRED: _POST
    | {
        "status": "scheduled",
        "reason": "The account's publishing quota is spent; trying again when it has room.",
        "until": "2030-01-01T10:14:00Z",
    },
    EventType.PUBLICATION_AWAITING_APPROVAL: _POST | {"status": "awaiting_approval"},
    EventType.PUBLICATION_APPROVED: _POST | {"status": "scheduled"},
    EventType.PUBLICATION_RETURNED: _POST
    | {"status": "returned", "comment": "Use the square photo, please."},
    EventType.ACCOUNT_NEEDS_RECONNECT: _ACCOUNT
    | {"reason": "Error validating access token: reconnect the Instagram account."},
    EventType.ACCOUNT_TOKEN_EXPIRING: _ACCOUNT | {"expires_at": "2030-01-08T09:00:00Z"},
    EventType.SYNC_COMPLETED: {
        "credential_id": 3,
        "platform": "instagram",
        "pages": 1,
        "seen": 25,
        "new_or_changed": 2,
        "deleted": 0,
        "linked": 1,
        "full": False,
    },
    EventType.COMMENT_RECEIVED: {
        "credential_id": 3,
        "platform": "instagram",
        "media_id": "17895695668004550",
        "comment_ids": ["17858893269000001"],
        "count": 1,
    },
    EventType.WEBHOOK_DISABLED: {
        "webhook_id": 2,
        "url": "https://hooks.example.com/autopost",
        "reason": "Every delivery failed for 5 days.",
    },
}

_HEADERS = (
    ("webhook-id", "The event's id (`evt_…`): the same on every try; deduplicate on it."),
    ("webhook-timestamp", "When this try was sent, in seconds since the epoch."),
    (
        "webhook-signature",
        '`v1,` and the base64 HMAC-SHA256 of `"{webhook-id}.{webhook-timestamp}.{body}"`, keyed '
        "with the base64-decoded part of the secret after `whsec_`.",
    ),
)


def _value_schema(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int):
        return {"type": ["integer", "null"]}
    if isinstance(value, list):
        items = _value_schema(value[0]) if value else {}
        return {"type": "array", "items": items}
    if isinstance(value, dict):
        return {"type": "object", "properties": {k: _value_schema(v) for k, v in value.items()}}
    return {"type": ["string", "null"]}


def webhooks_section() -> dict[str, Any]:
    """OpenAPI 3.1's top-level ``webhooks``: what Autopost POSTs to an endpoint, per event."""
    section: dict[str, Any] = {}
    for event_type in EventType:
        data = EXAMPLES[event_type]
        section[event_type.value] = {
            "post": {
                "operationId": f"event_{event_type.value.replace('.', '_')}",
                "summary": DESCRIPTIONS[event_type],
                "tags": ["events"],
                "description": f"Payload version {PAYLOAD_VERSION}. Signed as the Standard "
                "Webhooks specification says; answer 2xx within 15 s, or it is tried again "
                "(5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h).",
                "parameters": [
                    {
                        "name": name,
                        "in": "header",
                        "required": True,
                        "description": text,
                        "schema": {"type": "string"},
                    }
                    for name, text in _HEADERS
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["type", "timestamp", "data"],
                                "properties": {
                                    "type": {"const": event_type.value},
                                    "timestamp": {"type": "string", "format": "date-time"},
                                    "data": _value_schema(dict(data)),
                                },
                            },
                            "example": {
                                "type": event_type.value,
                                "timestamp": "2030-01-01T09:00:01Z",
                                "data": dict(data),
                            },
                        }
                    },
                },
                "responses": {"200": {"description": "Received (any 2xx)."}},
            }
        }
    return section
