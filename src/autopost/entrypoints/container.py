"""The one container: every adapter and use case, wired once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import httpx
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.engine import create_engine, session_factory
from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork
from autopost.adapters.platforms.instagram_graph import HttpxInstagramGateway
from autopost.adapters.scheduling.dramatiq_publication_scheduler import (
    DramatiqPublicationScheduler,
)
from autopost.adapters.security.argon2_password_hasher import Argon2PasswordHasher
from autopost.adapters.security.fernet_secret_box import FernetSecretBox
from autopost.adapters.security.system_clock import SystemClock
from autopost.application.policy import PublishingPolicy
from autopost.application.use_cases.accounts import (
    AuthenticateToken,
    CreateSuperuser,
    IssueApiToken,
)
from autopost.application.use_cases.credentials import (
    GetCredential,
    ListCredentials,
    RemoveCredential,
    SaveCredential,
)
from autopost.application.use_cases.dispatch import DispatchDue, Dispatcher
from autopost.application.use_cases.instagram_publisher import InstagramPublisher
from autopost.application.use_cases.posts import (
    CancelPostUseCase,
    EditPostUseCase,
    GetPostUseCase,
    ListPostsUseCase,
    RetryPostUseCase,
    SchedulePostUseCase,
)
from autopost.application.use_cases.publish import PublishPublication
from autopost.domain.backoff import Backoff
from autopost.entrypoints.settings import Settings


def publishing_policy(settings: Settings) -> PublishingPolicy:
    return PublishingPolicy(
        lease=timedelta(seconds=settings.publish_lease_seconds),
        poll_interval=timedelta(seconds=settings.container_poll_seconds),
        horizon=timedelta(seconds=settings.dispatch_horizon_seconds),
        overdue_grace=timedelta(seconds=settings.overdue_grace_seconds),
        backoff=Backoff(
            base=timedelta(seconds=settings.retry_base_seconds),
            max_attempts=settings.retry_max_attempts,
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


def http_client(settings: Settings, closer: Closer) -> httpx.AsyncClient:
    client = httpx.AsyncClient(
        timeout=httpx.Timeout(settings.http_timeout_seconds, connect=10.0),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        headers={"User-Agent": "Autopost/0.1"},
    )
    closer.register(client.aclose)
    return client


def database_engine(settings: Settings, closer: Closer) -> AsyncEngine:
    engine = create_engine(settings.effective_database_url)
    closer.register(engine.dispose)
    return engine


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    broker: providers.Dependency[object] = providers.Dependency()

    closer = providers.Singleton(Closer)
    clock = providers.Singleton(SystemClock)
    policy = providers.Singleton(publishing_policy, settings)
    secret_box = providers.Singleton(FernetSecretBox, settings.provided.secret_key)
    password_hasher = providers.Singleton(Argon2PasswordHasher)

    engine = providers.Singleton(database_engine, settings, closer)
    session_factory = providers.Singleton(session_factory, engine)
    uow = providers.Factory(SqlaUnitOfWork, session_factory)

    http_client = providers.Singleton(http_client, settings, closer)
    instagram_gateway = providers.Singleton(
        HttpxInstagramGateway, http_client, settings.provided.instagram_graph_url, clock
    )

    scheduler = providers.Singleton(DramatiqPublicationScheduler, broker, clock)
    dispatcher = providers.Factory(Dispatcher, scheduler, clock, policy)

    schedule_post = providers.Factory(SchedulePostUseCase, uow, secret_box, clock, dispatcher)
    edit_post = providers.Factory(EditPostUseCase, uow, secret_box, clock, dispatcher)
    cancel_post = providers.Factory(CancelPostUseCase, uow)
    retry_post = providers.Factory(RetryPostUseCase, uow, clock, dispatcher)
    get_post = providers.Factory(GetPostUseCase, uow)
    list_posts = providers.Factory(ListPostsUseCase, uow)

    save_credential = providers.Factory(SaveCredential, uow, secret_box, clock)
    list_credentials = providers.Factory(ListCredentials, uow)
    get_credential = providers.Factory(GetCredential, uow)
    remove_credential = providers.Factory(RemoveCredential, uow)

    create_superuser = providers.Factory(CreateSuperuser, uow, password_hasher, clock)
    issue_api_token = providers.Factory(IssueApiToken, uow, password_hasher, clock)
    authenticate_token = providers.Factory(AuthenticateToken, uow)

    publishers = providers.Dict(
        instagram=providers.Factory(InstagramPublisher, instagram_gateway, secret_box),
    )
    publish = providers.Factory(PublishPublication, uow, publishers, clock, dispatcher, policy)
    dispatch_due = providers.Factory(DispatchDue, uow, scheduler, clock, policy)


def build_container(settings: Settings, broker: object) -> Container:
    container = Container(settings=settings, broker=broker)
    return container


async def close_resources(container: Container) -> None:
    """Close what the container opened: HTTP connections and database pools."""
    await container.closer().close()
