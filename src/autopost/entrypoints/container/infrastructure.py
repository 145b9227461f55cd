"""What every area stands on: the settings turned into policies, the clock, secrets, the
database, the HTTP client and the media storage (opened and closed as resources), and the
broker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.http.edge import HttpEdge, allowed_hosts
from autopost.adapters.persistence.engine import create_engine, session_factory
from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork
from autopost.adapters.platforms.asyncio_transport import AsyncioTransport
from autopost.adapters.scheduling.dramatiq_publication_scheduler import (
    DramatiqPublicationScheduler,
)
from autopost.adapters.scheduling.dramatiq_webhook_queue import DramatiqEventRelay
from autopost.adapters.security.argon2_password_hasher import Argon2PasswordHasher
from autopost.adapters.security.asyncio_pause import AsyncioPause
from autopost.adapters.security.fernet_secret_box import FernetSecretBox
from autopost.adapters.security.system_clock import SystemClock
from autopost.application.policy import PinterestPolicy, PostingPolicy, PublishingPolicy
from autopost.application.retrying import Patience
from autopost.domain.backoff import Backoff
from autopost.domain.pinterest_rules import PinTemplate
from autopost.entrypoints.container.library import media_link_policy
from autopost.entrypoints.container.storage import media_storage
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


def posting_policy(settings: Settings) -> PostingPolicy:
    return PostingPolicy(
        conflict_window=timedelta(minutes=settings.conflict_window_minutes),
        approval_required=settings.approval_required,
    )


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


# Room in an upload's body for the multipart form around the file.
UPLOAD_FORM_BYTES = 64 * 1024


def http_edge(settings: Settings) -> HttpEdge:
    configured = [h.strip() for h in settings.allowed_hosts.split(",") if h.strip()]
    return HttpEdge(
        max_body_bytes=settings.max_body_bytes,
        max_upload_bytes=settings.media_max_bytes + UPLOAD_FORM_BYTES,
        public_url=settings.public_url.rstrip("/"),
        allowed_hosts=allowed_hosts(settings.public_url, configured),
        metrics_token=settings.metrics_token,
    )


async def database_engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    """The database pool, open until the resources are shut down."""
    # A fixed number, none opened beyond it: the processes of a deployment must fit the
    # server's max_connections. Publications in flight hold a connection only for their short
    # transactions, never across a platform call, and a worker busy with a burst is bound by
    # its core: beyond about ten connections the others only sat "idle in transaction" while
    # the event loop ran other work (docs/performance.md, "Sizing"). Those past the pool wait
    # in its queue; connections opened and closed for them (an overflow) would each cost
    # PostgreSQL a new server process.
    engine = create_engine(
        settings.effective_database_url, pool_size=settings.database_pool_size, max_overflow=0
    )
    yield engine
    await engine.dispose()


# How long an idle connection is kept for the next request: let go well before servers
# close theirs (5 s is common: uvicorn, so the sandbox, Apache, Node). At httpx's default, also
# 5 s, a request was now and then written on a connection the server was closing at the same
# moment: its answer was lost, and a post sent that way was asked about, and published, a
# minute late (``publish_path`` left 1 to 9 posts of 1,000 so in every run).
KEEPALIVE_EXPIRY_SECONDS = 3.0


async def http_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The one HTTP client of the process, its connections kept until the resources are shut
    down."""
    client = httpx.AsyncClient(
        timeout=httpx.Timeout(settings.http_timeout_seconds, connect=10.0),
        transport=AsyncioTransport(
            # A connection for each publication in flight, as many kept for the next ones.
            limits=httpx.Limits(
                max_connections=settings.worker_concurrency + 20,
                max_keepalive_connections=settings.worker_concurrency,
                keepalive_expiry=KEEPALIVE_EXPIRY_SECONDS,
            )
        ),
        headers={"User-Agent": "Autopost/0.1"},
    )
    yield client
    await client.aclose()


class Infrastructure(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    broker: providers.Dependency[object] = providers.Dependency()

    clock = providers.Singleton(SystemClock)
    pause = providers.Singleton(AsyncioPause)
    # How the syncs and the insights wait out a platform's failures in passing.
    patience = providers.Factory(Patience, pause, clock)
    policy = providers.Singleton(publishing_policy, settings)
    pinterest_policy = providers.Singleton(pinterest_policy, settings)
    posting_policy = providers.Singleton(posting_policy, settings)
    http_edge = providers.Singleton(http_edge, settings)
    secret_box = providers.Singleton(FernetSecretBox, settings.provided.secret_key)
    password_hasher = providers.Singleton(Argon2PasswordHasher)
    # A resource: the S3 client, when there is one, is open until the resources are shut down.
    media_storage = providers.Resource(media_storage, settings)
    media_link_policy = providers.Singleton(media_link_policy, settings)

    engine = providers.Resource(database_engine, settings)
    session_factory = providers.Singleton(session_factory, engine)
    # Told the events each commit recorded, to hand them on to the webhooks at once.
    event_relay = providers.Singleton(DramatiqEventRelay, broker)
    uow = providers.Factory(SqlaUnitOfWork, session_factory, event_relay)
    http_client = providers.Resource(http_client, settings)

    scheduler = providers.Singleton(DramatiqPublicationScheduler, broker, clock)
