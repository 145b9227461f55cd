"""Insights: collecting every account's numbers from Instagram and Pinterest, and reading
them back."""

from __future__ import annotations

from dependency_injector import containers, providers

from autopost.adapters.platforms.instagram_insights_api import HttpxInstagramInsightsGateway
from autopost.application.insights.every_account import CollectEveryAccountsInsights
from autopost.application.insights.instagram import CollectInstagramInsights
from autopost.application.insights.pinterest import CollectPinInsights
from autopost.application.insights.reading import (
    GetAccountInsights,
    GetMediaInsights,
    GetPinInsights,
)


class Insights(containers.DeclarativeContainer):
    infrastructure = providers.DependenciesContainer()
    instagram = providers.DependenciesContainer()
    pinterest = providers.DependenciesContainer()
    settings = infrastructure.settings
    uow = infrastructure.uow
    clock = infrastructure.clock

    # The Instagram area's memory of Meta's usage headers: insights calls count against the
    # same limits as the sync's, and hold back with them.
    instagram_gateway = providers.Singleton(
        HttpxInstagramInsightsGateway,
        infrastructure.http_client,
        settings.provided.instagram_graph_url,
        clock,
        throttle=instagram.graph_throttle,
        instagram_login_url=settings.provided.instagram_login_api_url,
    )
    collect_instagram_insights = providers.Factory(
        CollectInstagramInsights,
        uow,
        instagram_gateway,
        infrastructure.secret_box,
        clock,
        infrastructure.patience,
    )
    collect_pin_insights = providers.Factory(
        CollectPinInsights,
        uow,
        pinterest.gateway,
        pinterest.tokens,
        clock,
        infrastructure.patience,
    )
    collect_every_accounts_insights = providers.Factory(
        CollectEveryAccountsInsights,
        uow,
        collect_instagram_insights.provider,
        collect_pin_insights.provider,
    )
    get_media_insights = providers.Factory(GetMediaInsights, uow)
    get_account_insights = providers.Factory(GetAccountInsights, uow)
    get_pin_insights = providers.Factory(GetPinInsights, uow)
