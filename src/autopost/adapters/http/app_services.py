"""What the app needs of the composition root: each area's use cases, as much as its route
modules declare they need. ``hand_out`` gives each route module its own."""

from __future__ import annotations

from typing import Protocol

from autopost.adapters.http import (
    approval,
    audit,
    best_times,
    credentials,
    google_sign_in,
    groups,
    insights,
    instagram_connect,
    integration_keys,
    library,
    media,
    pinterest,
    posts,
    queues,
    reports,
    series,
    sign_in,
    token_auth,
    users,
    webhooks,
)
from autopost.adapters.http.idempotency import IdempotencyServices
from autopost.adapters.http.openapi import routes as openapi
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
from autopost.adapters.http.session_auth import SessionAuthServices


class PeopleServices(
    users.UserServices,
    groups.GroupServices,
    audit.AuditServices,
    sign_in.SignInServices,
    token_auth.TokenServices,
    google_sign_in.GoogleSignInServices,
    SessionAuthServices,
    admin_pages.AdminPageServices,
    profile_pages.ProfilePageServices,
    sign_in_pages.SignInPageServices,
    tool_pages.ToolPageServices,
    openapi.DocumentServices,
    IdempotencyServices,
    Protocol,
):
    """Users, groups, signing in, API tokens, the audit trail and the Idempotency-Keys."""


class InstagramServices(
    media.MediaServices,
    instagram_connect.InstagramConnectServices,
    media_pages.MediaPageServices,
    Protocol,
):
    """Connecting Instagram accounts, their media and comments."""


class IntegrationServices(
    credentials.CredentialServices,
    integration_keys.IntegrationKeyServices,
    tool_pages.ToolPageIntegrations,
    queue_pages.QueuePageAccounts,
    account_pages.AccountPageIntegrations,
    media_pages.MediaPageAccounts,
    Protocol,
):
    """Stored credentials and the integration keys' checks."""


class PostingServices(
    posts.PostServices,
    approval.ApprovalServices,
    queues.QueueServices,
    best_times.BestTimeServices,
    reports.ReportServices,
    series.SeriesServices,
    queue_pages.QueuePageServices,
    approval_pages.ApprovalPageServices,
    account_pages.AccountPagePosting,
    calendar_pages.CalendarPageServices,
    best_time_pages.BestTimePageServices,
    report_pages.ReportPageServices,
    compose_pages.ComposePageServices,
    Protocol,
):
    """Scheduling posts, drafts and approval, the accounts' posting slots and queues, and
    recurring posts."""


class PinterestAreaServices(pinterest.PinterestServices, account_pages.AccountPageBoards, Protocol):
    """Connecting Pinterest accounts, and their boards."""


class NotificationServices(notification_pages.NotificationPageServices, Protocol):
    """People's notification choices and their Telegram chats."""


class WebhookAreaServices(webhooks.WebhookServices, webhook_pages.WebhookPageServices, Protocol):
    """Webhook endpoints and their deliveries."""


class InsightsAreaServices(insights.InsightsServices, Protocol):
    """Reading the insights kept."""


class LibraryAreaServices(library.LibraryServices, library_pages.LibraryPageServices, Protocol):
    """The media library."""


class AppServices(Protocol):
    """The areas of the composition root the app reaches."""

    def posting(self) -> PostingServices: ...
    def people(self) -> PeopleServices: ...
    def instagram(self) -> InstagramServices: ...
    def pinterest(self) -> PinterestAreaServices: ...
    def integrations(self) -> IntegrationServices: ...
    def notifications(self) -> NotificationServices: ...
    def webhooks(self) -> WebhookAreaServices: ...
    def insights(self) -> InsightsAreaServices: ...
    def library(self) -> LibraryAreaServices: ...


def hand_out(areas: AppServices) -> dict[str, object]:
    """Each route module's use cases, by the module's name, from the area that has them."""
    people = areas.people()
    posting = areas.posting()
    instagram = areas.instagram()
    integrations = areas.integrations()
    return dict(
        [
            posts.services.handed(posting),
            approval.services.handed(posting),
            queues.services.handed(posting),
            best_times.services.handed(posting),
            reports.services.handed(posting),
            series.services.handed(posting),
            calendar_pages.services.handed(posting),
            best_time_pages.services.handed(posting),
            report_pages.services.handed(posting),
            compose_pages.services.handed(posting),
            pinterest.services.handed(areas.pinterest()),
            queue_pages.services.handed(posting),
            queue_pages.accounts.handed(integrations),
            approval_pages.services.handed(posting),
            account_pages.integrations.handed(integrations),
            account_pages.posting.handed(posting),
            account_pages.boards.handed(areas.pinterest()),
            media_pages.services.handed(instagram),
            media_pages.accounts.handed(integrations),
            media.services.handed(instagram),
            instagram_connect.services.handed(instagram),
            credentials.services.handed(integrations),
            integration_keys.services.handed(integrations),
            tool_pages.saved_integrations.handed(integrations),
            users.services.handed(people),
            groups.services.handed(people),
            audit.services.handed(people),
            sign_in.services.handed(people),
            token_auth.services.handed(people),
            google_sign_in.services.handed(people),
            admin_pages.services.handed(people),
            profile_pages.services.handed(people),
            sign_in_pages.services.handed(people),
            tool_pages.services.handed(people),
            openapi.services.handed(people),
            notification_pages.services.handed(areas.notifications()),
            webhooks.services.handed(areas.webhooks()),
            webhook_pages.services.handed(areas.webhooks()),
            insights.services.handed(areas.insights()),
            library.services.handed(areas.library()),
            library_pages.services.handed(areas.library()),
        ]
    )
