"""Every web page's route."""

from __future__ import annotations

from autopost.adapters.http.pages import (
    account_pages,
    admin_pages,
    approval_pages,
    best_time_pages,
    calendar_pages,
    compose_pages,
    library_pages,
    media_pages,
    notification_pages,
    profile_pages,
    queue_pages,
    report_pages,
    sign_in_pages,
    tool_pages,
    webhook_pages,
)

routes = [
    *sign_in_pages.routes,
    *profile_pages.routes,
    *notification_pages.routes,
    *tool_pages.routes,
    *admin_pages.routes,
    *queue_pages.routes,
    *approval_pages.routes,
    *account_pages.routes,
    *best_time_pages.routes,
    *media_pages.routes,
    *library_pages.routes,
    *calendar_pages.routes,
    *report_pages.routes,
    *compose_pages.routes,
    *webhook_pages.routes,
]
