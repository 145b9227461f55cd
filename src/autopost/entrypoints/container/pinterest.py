"""Pinterest: the API gateway, its tokens and boards, and connecting an account."""

from __future__ import annotations

from dependency_injector import containers, providers

from autopost.adapters.platforms.pinterest_api import HttpxPinterestGateway
from autopost.application.pinterest.board_settings import (
    ListStoredBoards,
    ListStoredSections,
    SetDefaultBoard,
)
from autopost.application.pinterest.boards import BoardCatalog, RefreshBoards
from autopost.application.pinterest.connect import FinishPinterestConnect, StartPinterestConnect
from autopost.application.pinterest.tokens import PinterestTokens, RenewExpiringTokens


class Pinterest(containers.DeclarativeContainer):
    infrastructure = providers.DependenciesContainer()
    settings = infrastructure.settings
    uow = infrastructure.uow
    clock = infrastructure.clock
    secret_box = infrastructure.secret_box
    policy = infrastructure.pinterest_policy

    gateway = providers.Singleton(
        HttpxPinterestGateway,
        infrastructure.http_client,
        settings.provided.effective_pinterest_api_url,
        settings.provided.pinterest_oauth_url,
        settings.provided.pinterest_client_id,
        settings.provided.pinterest_client_secret,
        settings.provided.pinterest_redirect_uri,
        clock,
    )
    tokens = providers.Factory(PinterestTokens, gateway, secret_box, clock, policy, uow)
    # With a unit of work of its own (a Factory: a fresh one each time), never its caller's.
    board_catalog = providers.Factory(BoardCatalog, gateway, tokens, clock, policy, uow)
    pin_template = providers.Callable(lambda policy: policy.template, policy)

    renew_pinterest_tokens = providers.Factory(RenewExpiringTokens, uow, tokens, clock, policy)
    refresh_boards = providers.Factory(RefreshBoards, uow, board_catalog)
    list_stored_boards = providers.Factory(ListStoredBoards, uow)
    list_stored_sections = providers.Factory(ListStoredSections, uow)
    set_default_board = providers.Factory(SetDefaultBoard, uow, clock)
    start_pinterest_connect = providers.Factory(StartPinterestConnect, uow, gateway, clock, policy)
    finish_pinterest_connect = providers.Factory(
        FinishPinterestConnect, uow, gateway, tokens, board_catalog, secret_box, clock, policy
    )
