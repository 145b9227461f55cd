"""The notifications part of the settings page: which events reach the person by Telegram
and by e-mail, and linking their Telegram chat with a one-time code."""

from __future__ import annotations

from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from autopost.adapters.http.auth import acting
from autopost.adapters.http.i18n import language
from autopost.adapters.http.pages.forms import read_form, signed_in_only
from autopost.adapters.http.pages.rendering import back_to
from autopost.adapters.http.services import ServicesOf
from autopost.application.notifications.choices import (
    ChoicesChange,
    GetNotificationSettings,
    SaveNotificationChoices,
)
from autopost.application.notifications.telegram_link import IssueTelegramCode, UnlinkTelegram
from autopost.domain.notifications import EVENT_TYPES, UnknownEvent


class NotificationPageServices(Protocol):
    def get_notification_settings(self) -> GetNotificationSettings: ...
    def save_notification_choices(self) -> SaveNotificationChoices: ...
    def issue_telegram_code(self) -> IssueTelegramCode: ...
    def unlink_telegram(self) -> UnlinkTelegram: ...


services = ServicesOf[NotificationPageServices]("notification_pages")

EVENT_LABELS = {
    "publication.failed": "A post was not published",
    "account.needs_reconnect": "An account must be reconnected",
    "account.token_expiring": "An account's access runs out soon",
    "publication.published": "A post was published",
    "publication.deferred": "A post was put off (quota or rate limit)",
    "post.scheduled": "A post was scheduled",
    "publication.awaiting_approval": "A post waits for approval",
    "publication.approved": "A post was approved",
    "publication.returned": "A post was sent back",
    "sync.completed": "An Instagram sync finished",
    "comment.received": "New comments",
    "webhook.disabled": "A webhook of mine was turned off",
}
assert set(EVENT_LABELS) == set(EVENT_TYPES)

SETTINGS_PAGE = "/accounts/settings/"


async def notification_context(request: Request) -> dict[str, Any]:
    """What the settings page's template needs to show the notifications part."""
    view = (
        await services(request)
        .get_notification_settings()
        .execute(acting(request), language(request))
    )
    return {"notifications": view, "event_labels": list(EVENT_LABELS.items())}


@signed_in_only
async def save_choices(request: Request) -> Response:
    form = await read_form(request)

    def chosen(name: str) -> frozenset[str]:
        return frozenset(v for v in form.getlist(name) if isinstance(v, str) and v in EVENT_LABELS)

    change = ChoicesChange(
        telegram_events=chosen("telegram"),
        email_events=chosen("email"),
        daily_digest=form.get("daily_digest") == "true",
        every_account=form.get("every_account") == "true",
        language=str(form.get("notification_language") or language(request)),
    )
    try:
        await services(request).save_notification_choices().execute(acting(request), change)
    except UnknownEvent:  # only the events listed are taken: this cannot come from the page
        return back_to(SETTINGS_PAGE)
    return back_to(f"{SETTINGS_PAGE}?done=Notifications+saved#notifications")


@signed_in_only
async def unlink(request: Request) -> Response:
    await read_form(request)
    await services(request).unlink_telegram().execute(acting(request))
    return back_to(f"{SETTINGS_PAGE}?done=Telegram+unlinked#notifications")


routes = [
    Route("/accounts/settings/notifications/", save_choices, methods=["POST"]),
    Route("/accounts/settings/telegram/unlink/", unlink, methods=["POST"]),
]
