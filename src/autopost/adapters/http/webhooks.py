"""``/api/v1/webhooks/``: endpoints that receive Autopost's events, signed (Standard
Webhooks), for Publishers and Administrators; their deliveries, and one sent again."""

from __future__ import annotations

from typing import Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.request_body import path_id, query_int, read
from autopost.adapters.http.services import ServicesOf
from autopost.adapters.http.webhook_schemas import (
    WebhookCreated,
    WebhookIn,
    WebhookPatch,
    delivery_out,
    webhook_out,
)
from autopost.application.webhooks.deliveries import (
    DELIVERIES_SHOWN,
    ListDeliveries,
    ResendDelivery,
)
from autopost.application.webhooks.endpoints import (
    ChangeWebhook,
    CreateWebhook,
    DeleteWebhook,
    GetWebhook,
    ListWebhooks,
)


class WebhookServices(Protocol):
    def create_webhook(self) -> CreateWebhook: ...
    def list_webhooks(self) -> ListWebhooks: ...
    def get_webhook(self) -> GetWebhook: ...
    def change_webhook(self) -> ChangeWebhook: ...
    def delete_webhook(self) -> DeleteWebhook: ...
    def list_deliveries(self) -> ListDeliveries: ...
    def resend_delivery(self) -> ResendDelivery: ...


services = ServicesOf[WebhookServices]("webhooks")


async def list_webhooks(request: Request) -> Response:
    endpoints = await services(request).list_webhooks().execute(acting(request))
    return JSONResponse([webhook_out(e).model_dump(mode="json") for e in endpoints])


async def create_webhook(request: Request) -> Response:
    data = await read(request, WebhookIn, forms=False)
    created = (
        await services(request)
        .create_webhook()
        .execute(acting(request), data.url, data.events, data.description)
    )
    answer = WebhookCreated(**webhook_out(created.endpoint).model_dump(), secret=created.secret)
    return JSONResponse(answer.model_dump(mode="json"), status_code=201)


async def webhook_detail(request: Request) -> Response:
    endpoint_id = path_id(request, "webhook_id")
    actor = acting(request)
    if request.method == "DELETE":
        await services(request).delete_webhook().execute(actor, endpoint_id)
        return Response(status_code=204)
    if request.method == "PATCH":
        data = await read(request, WebhookPatch, forms=False)
        endpoint = (
            await services(request)
            .change_webhook()
            .execute(actor, endpoint_id, url=data.url, events=data.events, enabled=data.enabled)
        )
    else:
        endpoint = await services(request).get_webhook().execute(actor, endpoint_id)
    return JSONResponse(webhook_out(endpoint).model_dump(mode="json"))


async def list_deliveries(request: Request) -> Response:
    endpoint_id = path_id(request, "webhook_id")
    limit = query_int(request, "limit", DELIVERIES_SHOWN, maximum=500)
    deliveries = (
        await services(request).list_deliveries().execute(acting(request), endpoint_id, limit)
    )
    return JSONResponse([delivery_out(d).model_dump(mode="json") for d in deliveries])


async def resend_delivery(request: Request) -> Response:
    endpoint_id = path_id(request, "webhook_id")
    delivery_id = path_id(request, "delivery_id")
    again = (
        await services(request).resend_delivery().execute(acting(request), endpoint_id, delivery_id)
    )
    return JSONResponse(delivery_out(again).model_dump(mode="json"), status_code=202)


routes = [
    Route("/api/v1/webhooks/", list_webhooks, methods=["GET"]),
    Route("/api/v1/webhooks/", create_webhook, methods=["POST"]),
    Route(
        "/api/v1/webhooks/{webhook_id:int}/",
        webhook_detail,
        methods=["GET", "PATCH", "DELETE"],
    ),
    Route(
        "/api/v1/webhooks/{webhook_id:int}/deliveries/",
        list_deliveries,
        methods=["GET"],
    ),
    Route(
        "/api/v1/webhooks/{webhook_id:int}/deliveries/{delivery_id:int}/resend/",
        resend_delivery,
        methods=["POST"],
    ),
]
