"""``/webhooks/``: the team's webhook endpoints, for Publishers and Administrators (the use
cases refuse anyone else: 403). Add one (its secret shown once, on the page that answers),
enable or disable, remove; an endpoint's deliveries, and one sent again."""

from __future__ import annotations

from typing import Protocol

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.pages import desk_outcomes as outcome
from autopost.adapters.http.pages.forms import read_form, record_id, signed_in_only, text
from autopost.adapters.http.pages.rendering import back_to, render, words_of
from autopost.adapters.http.services import ServicesOf
from autopost.application.webhooks.deliveries import ListDeliveries, ResendDelivery
from autopost.application.webhooks.endpoints import (
    ChangeWebhook,
    CreateWebhook,
    DeleteWebhook,
    ListWebhooks,
)
from autopost.domain.events import DESCRIPTIONS, EventType
from autopost.domain.webhooks import WebhookDelivery

PAGE = "/webhooks/"


class WebhookPageServices(Protocol):
    def create_webhook(self) -> CreateWebhook: ...
    def list_webhooks(self) -> ListWebhooks: ...
    def change_webhook(self) -> ChangeWebhook: ...
    def delete_webhook(self) -> DeleteWebhook: ...
    def list_deliveries(self) -> ListDeliveries: ...
    def resend_delivery(self) -> ResendDelivery: ...


services = ServicesOf[WebhookPageServices]("webhook_pages")


async def _page(request: Request, status: int = 200, **context: object) -> Response:
    actor = acting(request)
    words = words_of(request)
    endpoints = await services(request).list_webhooks().execute(actor)
    shown_id = request.query_params.get("webhook", "")
    deliveries: list[WebhookDelivery] = []
    shown = None
    if shown_id.isdigit():
        shown = next((e for e in endpoints if e.id == int(shown_id)), None)
        if shown is not None and shown.id is not None:
            deliveries = list(await services(request).list_deliveries().execute(actor, shown.id))
    return render(
        request,
        "webhooks.html",
        status,
        endpoints=endpoints,
        shown=shown,
        deliveries=deliveries,
        event_types=[(t.value, words.gettext(DESCRIPTIONS[t])) for t in EventType],
        **context,
    )


@signed_in_only
async def webhooks_page(request: Request) -> Response:
    if request.method == "GET":
        return await _page(request)
    form = await read_form(request)
    events = [e for e in form.getlist("events") if isinstance(e, str)]
    try:
        created = (
            await services(request)
            .create_webhook()
            .execute(acting(request), text(form, "url"), events, text(form, "description"))
        )
    except outcome.SHOWN as refused:
        problems = outcome.problems(request, refused)
        return await _page(request, outcome.status_of(refused), problems=problems)
    # The one time the secret is shown: on this answer, never again.
    return await _page(request, 201, created=created)


def _webhook_id(form: FormData) -> int:
    return record_id(text(form, "webhook_id"), "webhook")


@signed_in_only
async def change(request: Request) -> Response:
    form = await read_form(request)
    endpoint_id = _webhook_id(form)
    enabled = text(form, "enabled") == "true"
    await services(request).change_webhook().execute(acting(request), endpoint_id, enabled=enabled)
    return back_to(PAGE)


@signed_in_only
async def delete(request: Request) -> Response:
    form = await read_form(request)
    await services(request).delete_webhook().execute(acting(request), _webhook_id(form))
    return back_to(PAGE)


@signed_in_only
async def resend(request: Request) -> Response:
    form = await read_form(request)
    endpoint_id = _webhook_id(form)
    delivery_id = record_id(text(form, "delivery_id"), "delivery")
    await services(request).resend_delivery().execute(acting(request), endpoint_id, delivery_id)
    return back_to(f"{PAGE}?webhook={endpoint_id}")


routes = [
    Route(PAGE, webhooks_page, methods=["GET", "POST"]),
    Route("/webhooks/change/", change, methods=["POST"]),
    Route("/webhooks/delete/", delete, methods=["POST"]),
    Route("/webhooks/resend/", resend, methods=["POST"]),
]
