"""The one container: every adapter and use case, wired once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import httpx
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.http.edge import HttpEdge, allowed_hosts
from autopost.adapters.http.session_cookies import SignInSettings
from autopost.adapters.persistence.engine import create_engine, session_factory
from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork
from autopost.adapters.platforms.asyncio_transport import AsyncioTransport
from autopost.adapters.platforms.google_sign_in_api import HttpxGoogleSignInGateway
from autopost.adapters.platforms.graph_throttle import UsageThrottle
from autopost.adapters.platforms.instagram_graph import HttpxInstagramGateway
from autopost.adapters.platforms.instagram_login_api import HttpxInstagramLoginGateway
from autopost.adapters.platforms.instagram_media_api import HttpxInstagramMediaGateway
from autopost.adapters.platforms.key_checks.clickup import HttpxClickUpKeyChecker
from autopost.adapters.platforms.key_checks.gemini import HttpxGeminiKeyChecker
from autopost.adapters.platforms.key_checks.huntflow import HttpxHuntflowKeyChecker
from autopost.adapters.platforms.key_checks.instagram import HttpxInstagramKeyChecker
from autopost.adapters.platforms.key_checks.notion import HttpxNotionKeyChecker
from autopost.adapters.platforms.key_checks.pinterest import HttpxPinterestKeyChecker
from autopost.adapters.platforms.pinterest_api import HttpxPinterestGateway
from autopost.adapters.scheduling.dramatiq_publication_scheduler import (
    DramatiqPublicationScheduler,
)
from autopost.adapters.security.argon2_password_hasher import Argon2PasswordHasher
from autopost.adapters.security.asyncio_pause import AsyncioPause
from autopost.adapters.security.fernet_secret_box import FernetSecretBox
from autopost.adapters.security.system_clock import SystemClock
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
from autopost.application.instagram.sync import (
    SyncAllInstagramAccounts,
    SyncInstagramMedia,
)
from autopost.application.integrations.credentials import (
    GetCredential,
    ListCredentials,
    RemoveCredential,
    SaveCredential,
)
from autopost.application.integrations.integration_keys import TestIntegrationKey
from autopost.application.integrations.key_rotation import RotateSecretKey
from autopost.application.people.accounts import (
    AuthenticateToken,
    CreateSuperuser,
    IssueApiToken,
)
from autopost.application.people.api_tokens import (
    IssueNamedApiToken,
    ListApiTokens,
    RevokeApiToken,
)
from autopost.application.people.audit_listing import ListAuditEntries
from autopost.application.people.google_sign_in import FinishGoogleSignIn, StartGoogleSignIn
from autopost.application.people.groups import GetGroup, ListGroups
from autopost.application.people.password_check import PasswordCheck
from autopost.application.people.sessions import AuthenticateSession, SignOut
from autopost.application.people.sign_in import SignIn
from autopost.application.people.user_changes import AssignGroups, CreateUser, UpdateUser
from autopost.application.people.user_settings import (
    ChangePassword,
    GetUserSettings,
    UpdateUserSettings,
)
from autopost.application.people.users import DeleteUser, GetUser, ListUsers, UserStats
from autopost.application.pinterest.boards import BoardCatalog, RefreshBoards
from autopost.application.pinterest.connect import (
    FinishPinterestConnect,
    StartPinterestConnect,
)
from autopost.application.pinterest.tokens import PinterestTokens, RenewExpiringTokens
from autopost.application.policy import PinterestPolicy, PublishingPolicy
from autopost.application.posting.posts import (
    CancelPostUseCase,
    EditPostUseCase,
    GetPostUseCase,
    ListPostsUseCase,
    RetryPostUseCase,
    SchedulePostUseCase,
)
from autopost.application.publishing.addresses import PendingAddresses
from autopost.application.publishing.claim_leases import HeldClaims, RenewLeases
from autopost.application.publishing.dispatch import Dispatcher
from autopost.application.publishing.instagram.publisher import InstagramPublisher
from autopost.application.publishing.instagram.quota import QuotaMemory
from autopost.application.publishing.pinterest.publisher import PinterestPublisher
from autopost.application.publishing.publish import PublishPublication
from autopost.application.publishing.sweep import DispatchDue
from autopost.domain.backoff import Backoff
from autopost.domain.pinterest_rules import PinTemplate
from autopost.domain.platform import Platform
from autopost.entrypoints.settings import Settings


def publishing_policy(settings: Settings) -> PublishingPolicy:
    return PublishingPolicy(
        lease=timedelta(seconds=settings.publish_lease_seconds),
        prepare_ahead=timedelta(seconds=settings.prepare_ahead_seconds),
        poll_interval=timedelta(seconds=settings.container_poll_seconds),
        horizon=timedelta(seconds=settings.dispatch_horizon_seconds),
        overdue_grace=timedelta(seconds=settings.overdue_grace_seconds),
        publish_settle=timedelta(seconds=settings.publish_settle_seconds),
        backoff=Backoff(
            base=timedelta(seconds=settings.retry_base_seconds),
            cap=timedelta(seconds=settings.retry_max_delay_seconds),
            window=timedelta(seconds=settings.retry_window_seconds),
        ),
    )


class Closer:
    """Remembers what the container opened, to close it once, in reverse order."""

    def __init__(self) -> None:
        self._closers: list[Callable[[], Awaitable[None]]] = []

    def register(self, close: Callable[[], Awaitable[None]]) -> None:
        self._closers.append(close)

    async def close(self) -> None:
        while self._closers:
            await self._closers.pop()()


def pinterest_policy(settings: Settings) -> PinterestPolicy:
    return PinterestPolicy(
        environment=settings.pinterest_environment,
        boards_max_age=timedelta(seconds=settings.pinterest_boards_max_age_seconds),
        pins_max_pages=settings.pinterest_pins_max_pages,
        refresh_margin=timedelta(seconds=settings.pinterest_refresh_margin_seconds),
        template=PinTemplate(
            title=settings.pinterest_title_template,
            description=settings.pinterest_description_template,
        ),
    )


def sign_in_settings(settings: Settings) -> SignInSettings:
    return SignInSettings(
        session_max_age_seconds=int(settings.session_max_age_seconds),
        secure_cookies=settings.secure_cookies,
        trust_proxy_headers=settings.trust_proxy_headers,
        debug=settings.debug,
        # What the debug pages may show: never the client secret.
        google={
            "client_id": settings.google_client_id,
            "client_secret": "set" if settings.google_client_secret else "not set",
            "redirect_uri": settings.google_redirect_uri,
            "authorize_url": settings.google_authorize_url,
            "token_url": settings.google_token_url,
            "userinfo_url": settings.google_userinfo_url,
        },
    )


def http_edge(settings: Settings) -> HttpEdge:
    configured = [h.strip() for h in settings.allowed_hosts.split(",") if h.strip()]
    return HttpEdge(
        max_body_bytes=settings.max_body_bytes,
        public_url=settings.public_url.rstrip("/"),
        allowed_hosts=allowed_hosts(settings.public_url, configured),
    )


def http_client(settings: Settings, closer: Closer) -> httpx.AsyncClient:
    client = httpx.AsyncClient(
        timeout=httpx.Timeout(settings.http_timeout_seconds, connect=10.0),
        transport=AsyncioTransport(
            # A connection for each publication in flight, as many kept for the next ones.
            limits=httpx.Limits(
                max_connections=settings.worker_concurrency + 20,
                max_keepalive_connections=settings.worker_concurrency,
            )
        ),
        headers={"User-Agent": "Autopost/0.1"},
    )
    closer.register(client.aclose)
    return client


# Publications in flight hold a connection only for their short transactions (never across a
# platform call): this many cover them, and a few more the sweep and the API.
POOL_FOR_IN_FLIGHT = 20


def database_engine(settings: Settings, closer: Closer) -> AsyncEngine:
    # A pool smaller than the transactions under way at once opens and closes a connection for
    # every publication under load, each a new server process for PostgreSQL.
    pool_size = min(settings.worker_concurrency, POOL_FOR_IN_FLIGHT) + 4
    engine = create_engine(settings.effective_database_url, pool_size=pool_size)
    closer.register(engine.dispose)
    return engine


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    broker: providers.Dependency[object] = providers.Dependency()

    closer = providers.Singleton(Closer)
    clock = providers.Singleton(SystemClock)
    pause = providers.Singleton(AsyncioPause)
    policy = providers.Singleton(publishing_policy, settings)
    pinterest_policy = providers.Singleton(pinterest_policy, settings)
    secret_box = providers.Singleton(FernetSecretBox, settings.provided.secret_key)
    password_hasher = providers.Singleton(Argon2PasswordHasher)

    engine = providers.Singleton(database_engine, settings, closer)
    session_factory = providers.Singleton(session_factory, engine)
    uow = providers.Factory(SqlaUnitOfWork, session_factory)

    http_client = providers.Singleton(http_client, settings, closer)
    # One memory of Meta's usage headers for every Graph client of this process.
    graph_throttle = providers.Singleton(UsageThrottle, clock)
    instagram_gateway = providers.Singleton(
        HttpxInstagramGateway,
        http_client,
        settings.provided.instagram_graph_url,
        clock,
        throttle=graph_throttle,
        instagram_login_url=settings.provided.instagram_login_api_url,
    )

    instagram_media_gateway = providers.Singleton(
        HttpxInstagramMediaGateway,
        http_client,
        settings.provided.instagram_graph_url,
        clock,
        throttle=graph_throttle,
        instagram_login_url=settings.provided.instagram_login_api_url,
    )
    instagram_login_gateway = providers.Singleton(
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
    pinterest_gateway = providers.Singleton(
        HttpxPinterestGateway,
        http_client,
        settings.provided.effective_pinterest_api_url,
        settings.provided.pinterest_oauth_url,
        settings.provided.pinterest_client_id,
        settings.provided.pinterest_client_secret,
        settings.provided.pinterest_redirect_uri,
        clock,
    )
    pinterest_tokens = providers.Factory(
        PinterestTokens, pinterest_gateway, secret_box, clock, pinterest_policy, uow
    )
    # With a unit of work of its own (a Factory: a fresh one each time), never its caller's.
    board_catalog = providers.Factory(
        BoardCatalog, pinterest_gateway, pinterest_tokens, clock, pinterest_policy, uow
    )
    pin_template = providers.Callable(lambda policy: policy.template, pinterest_policy)

    scheduler = providers.Singleton(DramatiqPublicationScheduler, broker, clock)
    dispatcher = providers.Factory(Dispatcher, scheduler, clock, policy)

    schedule_post = providers.Factory(
        SchedulePostUseCase, uow, secret_box, clock, dispatcher, board_catalog, pin_template
    )
    edit_post = providers.Factory(
        EditPostUseCase, uow, secret_box, clock, dispatcher, board_catalog, pin_template
    )
    cancel_post = providers.Factory(CancelPostUseCase, uow, clock)
    retry_post = providers.Factory(RetryPostUseCase, uow, clock, dispatcher)
    get_post = providers.Factory(GetPostUseCase, uow, clock)
    list_posts = providers.Factory(ListPostsUseCase, uow, clock)

    save_credential = providers.Factory(SaveCredential, uow, secret_box, clock, pinterest_policy)
    list_credentials = providers.Factory(ListCredentials, uow)
    get_credential = providers.Factory(GetCredential, uow)
    remove_credential = providers.Factory(RemoveCredential, uow, clock)

    create_superuser = providers.Factory(CreateSuperuser, uow, password_hasher, clock)
    rotate_secret_key = providers.Factory(RotateSecretKey, uow, secret_box)
    list_api_tokens = providers.Factory(ListApiTokens, uow)
    issue_named_api_token = providers.Factory(IssueNamedApiToken, uow, clock)
    revoke_api_token = providers.Factory(RevokeApiToken, uow, clock)
    # One check behind signing in and getting a token: they count, refuse and wait alike.
    password_check = providers.Factory(PasswordCheck, password_hasher, clock, pause)
    issue_api_token = providers.Factory(IssueApiToken, uow, password_check, clock)
    authenticate_token = providers.Factory(AuthenticateToken, uow)

    sign_in_settings = providers.Singleton(sign_in_settings, settings)
    http_edge = providers.Singleton(http_edge, settings)
    session_lifetime = providers.Callable(
        lambda s: timedelta(seconds=s.session_max_age_seconds), settings
    )
    sign_in = providers.Factory(SignIn, uow, password_check, clock, lifetime=session_lifetime)
    authenticate_session = providers.Factory(AuthenticateSession, uow, clock)
    sign_out = providers.Factory(SignOut, uow, clock)
    google_sign_in_gateway = providers.Singleton(
        HttpxGoogleSignInGateway,
        http_client,
        settings.provided.google_client_id,
        settings.provided.google_client_secret,
        settings.provided.google_redirect_uri,
        settings.provided.google_authorize_url,
        settings.provided.google_token_url,
        settings.provided.google_userinfo_url,
    )
    start_google_sign_in = providers.Factory(StartGoogleSignIn, uow, google_sign_in_gateway, clock)
    finish_google_sign_in = providers.Factory(
        FinishGoogleSignIn, uow, google_sign_in_gateway, clock, lifetime=session_lifetime
    )

    list_users = providers.Factory(ListUsers, uow)
    get_user = providers.Factory(GetUser, uow)
    create_user = providers.Factory(CreateUser, uow, password_hasher, secret_box, clock)
    update_user = providers.Factory(UpdateUser, uow, secret_box, clock)
    delete_user = providers.Factory(DeleteUser, uow, clock)
    assign_groups = providers.Factory(AssignGroups, uow, clock)
    user_stats = providers.Factory(UserStats, uow)
    change_password = providers.Factory(ChangePassword, uow, password_hasher, clock)
    get_user_settings = providers.Factory(GetUserSettings, uow)
    update_user_settings = providers.Factory(UpdateUserSettings, uow, secret_box, clock)
    list_groups = providers.Factory(ListGroups, uow)
    get_group = providers.Factory(GetGroup, uow)
    list_audit_entries = providers.Factory(ListAuditEntries, uow)

    # Each service's key check, by the integration's name in /accounts/api/test-<name>/.
    key_checkers = providers.Dict(
        instagram=providers.Singleton(
            HttpxInstagramKeyChecker,
            http_client,
            settings.provided.instagram_graph_url,
            settings.provided.instagram_login_api_url,
        ),
        pinterest=providers.Singleton(
            HttpxPinterestKeyChecker, http_client, settings.provided.effective_pinterest_api_url
        ),
        gemini=providers.Singleton(
            HttpxGeminiKeyChecker, http_client, settings.provided.gemini_api_url
        ),
        huntflow=providers.Singleton(
            HttpxHuntflowKeyChecker,
            http_client,
            settings.provided.huntflow_prod_url,
            settings.provided.huntflow_sandbox_url,
        ),
        clickup=providers.Singleton(
            HttpxClickUpKeyChecker, http_client, settings.provided.clickup_api_url
        ),
        notion=providers.Singleton(
            HttpxNotionKeyChecker, http_client, settings.provided.notion_api_url
        ),
    )
    test_integration_key = providers.Factory(
        TestIntegrationKey,
        uow,
        secret_box,
        key_checkers,
        # By System's values: a Huntflow key is sent to these addresses only.
        providers.Dict(
            prod=settings.provided.huntflow_prod_url,
            sandbox=settings.provided.huntflow_sandbox_url,
        ),
    )

    publishers = providers.Dict(
        {
            Platform.INSTAGRAM: providers.Factory(
                InstagramPublisher, instagram_gateway, secret_box, providers.Singleton(QuotaMemory)
            ),
            Platform.PINTEREST: providers.Factory(
                PinterestPublisher, pinterest_gateway, pinterest_tokens, board_catalog
            ),
        }
    )
    # The claims this process holds, renewed together while their work goes on.
    held_claims = providers.Singleton(HeldClaims)
    # The published posts whose address is still to be asked, gathered by account.
    pending_addresses = providers.Singleton(PendingAddresses)
    publish = providers.Factory(
        PublishPublication,
        uow,
        publishers,
        clock,
        dispatcher,
        policy,
        held_claims,
        pending_addresses,
    )
    renew_leases = providers.Factory(RenewLeases, uow, clock, policy, held_claims)
    dispatch_due = providers.Factory(DispatchDue, uow, scheduler, clock, policy)
    renew_pinterest_tokens = providers.Factory(
        RenewExpiringTokens, uow, pinterest_tokens, clock, pinterest_policy
    )
    refresh_boards = providers.Factory(RefreshBoards, uow, board_catalog)

    sync_instagram = providers.Factory(
        SyncInstagramMedia, uow, instagram_media_gateway, secret_box, clock
    )
    sync_all_instagram = providers.Factory(SyncAllInstagramAccounts, uow, sync_instagram.provider)
    start_instagram_connect = providers.Factory(
        StartInstagramConnect, uow, instagram_login_gateway, clock
    )
    finish_instagram_connect = providers.Factory(
        FinishInstagramConnect, uow, instagram_login_gateway, secret_box, clock
    )
    refresh_instagram_tokens = providers.Factory(
        RefreshInstagramTokens, uow, instagram_login_gateway, secret_box, clock
    )
    list_media = providers.Factory(ListMedia, uow)
    get_media = providers.Factory(GetMedia, uow)
    comment_on_media = providers.Factory(
        CommentOnMedia, uow, instagram_media_gateway, secret_box, clock
    )
    list_comments = providers.Factory(ListComments, uow, instagram_media_gateway, secret_box, clock)
    reply_to_comment = providers.Factory(
        ReplyToComment, uow, instagram_media_gateway, secret_box, clock
    )
    hide_comment = providers.Factory(HideComment, uow, instagram_media_gateway, secret_box, clock)
    delete_comment = providers.Factory(
        DeleteComment, uow, instagram_media_gateway, secret_box, clock
    )
    start_pinterest_connect = providers.Factory(
        StartPinterestConnect, uow, pinterest_gateway, clock, pinterest_policy
    )
    finish_pinterest_connect = providers.Factory(
        FinishPinterestConnect,
        uow,
        pinterest_gateway,
        pinterest_tokens,
        board_catalog,
        secret_box,
        clock,
        pinterest_policy,
    )


def build_container(settings: Settings, broker: object) -> Container:
    container = Container(settings=settings, broker=broker)
    return container


async def close_resources(container: Container) -> None:
    """Close what the container opened: HTTP connections and database pools."""
    await container.closer().close()
