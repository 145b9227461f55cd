"""Operations: worker heartbeats, readiness, the status and the installation check."""

from __future__ import annotations

from datetime import timedelta

from dependency_injector import containers, providers

from autopost.adapters.persistence.database_probe import SqlaDatabaseProbe
from autopost.adapters.persistence.schedule_overview import SqlaScheduleOverview
from autopost.adapters.persistence.worker_heartbeat_repository import SqlaWorkerHeartbeats
from autopost.adapters.platforms.key_checks.instagram import HttpxInstagramKeyChecker
from autopost.adapters.platforms.key_checks.pinterest import HttpxPinterestKeyChecker
from autopost.adapters.scheduling.broker_probe import DramatiqBrokerProbe
from autopost.application.operations.heartbeat import KeepWorkerHeartbeat
from autopost.application.operations.installation_check import CheckInstallation, PlatformSetup
from autopost.application.operations.readiness import CheckReadiness
from autopost.application.operations.status import ReadStatus
from autopost.domain.platform import Platform
from autopost.entrypoints.settings import Settings
from autopost.entrypoints.worker_identity import embedded_worker_name

# A publication this late and still not published is overdue in `autopost status`: one at its
# second is being published, not late.
OVERDUE_AFTER = timedelta(minutes=1)


def heartbeat_interval(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.heartbeat_seconds)


def own_worker(settings: Settings) -> str | None:
    """In the embedded mode, this process's worker: the one whose heartbeat counts."""
    return None if settings.broker_url else embedded_worker_name()


def platform_setups(settings: Settings) -> dict[Platform, PlatformSetup]:
    return {
        Platform.INSTAGRAM: PlatformSetup(
            settings.instagram_graph_url,
            "AUTOPOST_INSTAGRAM_GRAPH_URL",
            bool(settings.facebook_app_id or settings.instagram_app_id),
        ),
        Platform.PINTEREST: PlatformSetup(
            settings.effective_pinterest_api_url,
            "AUTOPOST_PINTEREST_API_URL",
            bool(settings.pinterest_client_id),
        ),
    }


class Operations(containers.DeclarativeContainer):
    infrastructure = providers.DependenciesContainer()
    settings = infrastructure.settings
    clock = infrastructure.clock
    engine = infrastructure.engine
    http_client = infrastructure.http_client
    interval = providers.Callable(heartbeat_interval, settings)

    heartbeats = providers.Singleton(SqlaWorkerHeartbeats, engine)
    database_probe = providers.Singleton(SqlaDatabaseProbe, engine)
    broker_probe = providers.Singleton(DramatiqBrokerProbe, infrastructure.broker)
    schedule_overview = providers.Singleton(SqlaScheduleOverview, engine)
    key_checkers = providers.Dict(
        {
            Platform.INSTAGRAM: providers.Singleton(
                HttpxInstagramKeyChecker,
                http_client,
                settings.provided.instagram_graph_url,
                settings.provided.instagram_login_api_url,
            ),
            Platform.PINTEREST: providers.Singleton(
                HttpxPinterestKeyChecker, http_client, settings.provided.effective_pinterest_api_url
            ),
        }
    )

    # Called with ``me`` (the worker) and ``in_flight`` (how many it carries now).
    keep_heartbeat = providers.Factory(KeepWorkerHeartbeat, heartbeats, clock, interval=interval)
    check_readiness = providers.Factory(
        CheckReadiness,
        database_probe,
        broker_probe,
        heartbeats,
        clock,
        interval,
        providers.Callable(own_worker, settings),
    )
    # By keyword: `autopost status` gives a broker probe of its own.
    read_status = providers.Factory(
        ReadStatus,
        heartbeats=heartbeats,
        broker=broker_probe,
        overview=schedule_overview,
        clock=clock,
        interval=interval,
        grace=OVERDUE_AFTER,
    )
    check_installation = providers.Factory(
        CheckInstallation,
        database_probe,
        broker_probe,
        infrastructure.media_storage,
        infrastructure.uow,
        infrastructure.secret_box,
        key_checkers,
        providers.Callable(platform_setups, settings),
    )
