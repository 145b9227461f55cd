"""The composition root: one container per area, composed over the infrastructure they
share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from autopost.adapters.http.app_services import (
    InsightsAreaServices,
    InstagramServices,
    IntegrationServices,
    LibraryAreaServices,
    NotificationServices,
    PeopleServices,
    PinterestAreaServices,
    PostingServices,
    WebhookAreaServices,
)
from autopost.adapters.http.health import ReadinessServices
from autopost.entrypoints.container.infrastructure import Infrastructure
from autopost.entrypoints.container.insights import Insights
from autopost.entrypoints.container.instagram import Instagram
from autopost.entrypoints.container.integrations import Integrations
from autopost.entrypoints.container.library import Library
from autopost.entrypoints.container.notifications import Notifications
from autopost.entrypoints.container.operations import Operations
from autopost.entrypoints.container.people import People
from autopost.entrypoints.container.pinterest import Pinterest
from autopost.entrypoints.container.posting import Posting
from autopost.entrypoints.container.publishing import Publishing
from autopost.entrypoints.container.webhooks import Webhooks
from autopost.entrypoints.settings import Settings


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    broker: providers.Dependency[object] = providers.Dependency()

    infrastructure = providers.Container(Infrastructure, settings=settings, broker=broker)
    instagram = providers.Container(Instagram, infrastructure=infrastructure)
    pinterest = providers.Container(Pinterest, infrastructure=infrastructure)
    insights = providers.Container(
        Insights, infrastructure=infrastructure, instagram=instagram, pinterest=pinterest
    )
    publishing = providers.Container(
        Publishing, infrastructure=infrastructure, instagram=instagram, pinterest=pinterest
    )
    posting = providers.Container(
        Posting, infrastructure=infrastructure, publishing=publishing, pinterest=pinterest
    )
    people = providers.Container(People, infrastructure=infrastructure)
    integrations = providers.Container(Integrations, infrastructure=infrastructure)
    operations = providers.Container(Operations, infrastructure=infrastructure)
    notifications = providers.Container(Notifications, infrastructure=infrastructure)
    webhooks = providers.Container(
        Webhooks, infrastructure=infrastructure, settings=settings, notifications=notifications
    )
    library = providers.Container(Library, infrastructure=infrastructure, settings=settings)


if TYPE_CHECKING:
    # Each area has every factory its route modules declare they need: mypy checks it here,
    # on the classes, since an area's instance answers any name it is asked for.
    _posting: PostingServices = Posting
    _people: PeopleServices = People
    _instagram: InstagramServices = Instagram
    _pinterest: PinterestAreaServices = Pinterest
    _integrations: IntegrationServices = Integrations
    _operations: ReadinessServices = Operations
    _notifications: NotificationServices = Notifications
    _webhooks: WebhookAreaServices = Webhooks
    _insights: InsightsAreaServices = Insights
    _library: LibraryAreaServices = Library
