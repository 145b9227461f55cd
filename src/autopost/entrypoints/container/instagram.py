"""Instagram: the Graph API gateways, connecting an account, its media and comments, the
sync and the renewal of its tokens."""

from __future__ import annotations

from dependency_injector import containers, providers

from autopost.adapters.platforms.graph_throttle import UsageThrottle
from autopost.adapters.platforms.instagram_graph import HttpxInstagramGateway
from autopost.adapters.platforms.instagram_login_api import HttpxInstagramLoginGateway
from autopost.adapters.platforms.instagram_media_api import HttpxInstagramMediaGateway
from autopost.application.insights.reading import LatestMediaInsights
from autopost.application.instagram.comments import (
    CommentOnMedia,
    DeleteComment,
    HideComment,
    ListComments,
    ReplyToComment,
)
from autopost.application.instagram.connect import (
    FinishInstagramConnect,
    RefreshInstagramTokens,
    StartInstagramConnect,
)
from autopost.application.instagram.media_listing import GetMedia, ListMedia
from autopost.application.instagram.sync import SyncAllInstagramAccounts, SyncInstagramMedia


class Instagram(containers.DeclarativeContainer):
    infrastructure = providers.DependenciesContainer()
    settings = infrastructure.settings
    uow = infrastructure.uow
    clock = infrastructure.clock
    secret_box = infrastructure.secret_box
    http_client = infrastructure.http_client

    # One memory of Meta's usage headers for every Graph client of this process.
    graph_throttle = providers.Singleton(UsageThrottle, clock)
    gateway = providers.Singleton(
        HttpxInstagramGateway,
        http_client,
        settings.provided.instagram_graph_url,
        clock,
        throttle=graph_throttle,
        instagram_login_url=settings.provided.instagram_login_api_url,
    )
    media_gateway = providers.Singleton(
        HttpxInstagramMediaGateway,
        http_client,
        settings.provided.instagram_graph_url,
        clock,
        throttle=graph_throttle,
        instagram_login_url=settings.provided.instagram_login_api_url,
    )
    login_gateway = providers.Singleton(
        HttpxInstagramLoginGateway,
        http_client,
        settings.provided.instagram_graph_url,
        settings.provided.facebook_dialog_url,
        settings.provided.facebook_app_id,
        settings.provided.facebook_app_secret,
        settings.provided.instagram_authorize_url,
        settings.provided.instagram_token_url,
        settings.provided.instagram_login_graph_url,
        settings.provided.instagram_app_id,
        settings.provided.instagram_app_secret,
        settings.provided.instagram_redirect_uri,
        clock,
    )

    start_instagram_connect = providers.Factory(StartInstagramConnect, uow, login_gateway, clock)
    finish_instagram_connect = providers.Factory(
        FinishInstagramConnect, uow, login_gateway, secret_box, clock
    )
    refresh_instagram_tokens = providers.Factory(
        RefreshInstagramTokens, uow, login_gateway, secret_box, clock
    )

    sync_instagram = providers.Factory(
        SyncInstagramMedia, uow, media_gateway, secret_box, clock, infrastructure.patience
    )
    sync_all_instagram = providers.Factory(SyncAllInstagramAccounts, uow, sync_instagram.provider)
    list_media = providers.Factory(ListMedia, uow)
    get_media = providers.Factory(GetMedia, uow)
    latest_media_insights = providers.Factory(LatestMediaInsights, uow)
    comment_on_media = providers.Factory(CommentOnMedia, uow, media_gateway, secret_box, clock)
    list_comments = providers.Factory(ListComments, uow, media_gateway, secret_box, clock)
    reply_to_comment = providers.Factory(ReplyToComment, uow, media_gateway, secret_box, clock)
    hide_comment = providers.Factory(HideComment, uow, media_gateway, secret_box, clock)
    delete_comment = providers.Factory(DeleteComment, uow, media_gateway, secret_box, clock)
