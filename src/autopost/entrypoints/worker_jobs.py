"""The worker's periodic jobs, one each, each every ``AUTOPOST_<JOB>_INTERVAL_SECONDS``."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from autopost.adapters.observability import metrics
from autopost.adapters.scheduling.worker_runtime import PeriodicJob
from autopost.application.operations.heartbeat import KeepWorkerHeartbeat
from autopost.application.ports.channel_errors import ChannelRefused, ChannelUnavailable
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.errors import DomainError
from autopost.entrypoints.container import Container
from autopost.entrypoints.settings import Settings

log = logging.getLogger(__name__)

# The notifications' upkeep (lost messages sent again, reconnected accounts released) and the
# look for digests that are due: cheap queries, each a minute apart.
NOTIFICATIONS_UPKEEP_SECONDS = 60.0
DIGEST_LOOK_SECONDS = 60.0

# Waits, before any use of the container, until its resources are open on the worker's loop.
Ready = Callable[[], Awaitable[None]]


def periodic_jobs(container: Container, settings: Settings, ready: Ready) -> list[PeriodicJob]:
    jobs = [
        sweep(container, settings, ready),
        lease_renewal(container, settings, ready),
        pinterest_token_renewal(container, settings, ready),
        instagram_token_refresh(container, settings, ready),
        series_materialisation(container, settings, ready),
        webhook_sweep(container, settings, ready),
    ]
    if settings.instagram_sync_interval_seconds > 0:
        jobs.append(instagram_sync(container, settings, ready))
    if settings.insights_interval_seconds > 0:
        jobs.append(insights_collection(container, settings, ready))
    jobs.append(notifications_upkeep(container, ready))
    if settings.telegram_bot_token:
        jobs.append(telegram_link(container, settings, ready))
    if settings.smtp_host:
        jobs.append(daily_digest(container, ready))
    return jobs


def sweep(container: Container, settings: Settings, ready: Ready) -> PeriodicJob:
    """Hands the broker what came within the horizon, and what is overdue and unclaimed."""
    # An in-process broker starts empty: what it held before a restart is sent again.
    resend_next = not settings.broker_url

    async def run() -> Any:
        nonlocal resend_next
        await ready()
        resend_all, resend_next = resend_next, False
        started = time.perf_counter()
        sent = await container.publishing().dispatch_due().execute(resend_all=resend_all)
        metrics.SWEEP_DURATION.observe(time.perf_counter() - started)
        metrics.SWEEP_DISPATCHED.inc(sent)
        return sent

    return PeriodicJob("sweep", run, settings.sweep_interval_seconds)


def lease_renewal(container: Container, settings: Settings, ready: Ready) -> PeriodicJob:
    """Keeps the claims of the publications this worker is on."""

    async def run() -> int:
        await ready()
        return await container.publishing().renew_leases().execute()

    return PeriodicJob(
        "lease renewal", run, settings.effective_lease_renewal_interval_seconds, through_stop=True
    )


def pinterest_token_renewal(container: Container, settings: Settings, ready: Ready) -> PeriodicJob:
    """Renews the Pinterest tokens about to expire."""

    async def run() -> None:
        await ready()
        await container.pinterest().renew_pinterest_tokens().execute()

    return PeriodicJob(
        "pinterest token renewal", run, settings.pinterest_token_renewal_interval_seconds
    )


def instagram_token_refresh(container: Container, settings: Settings, ready: Ready) -> PeriodicJob:
    """Refreshes the Instagram Login tokens about to expire; asks to reconnect the others."""

    async def run() -> None:
        await ready()
        await container.instagram().refresh_instagram_tokens().execute()

    return PeriodicJob(
        "instagram token refresh", run, settings.instagram_token_refresh_interval_seconds
    )


def series_materialisation(container: Container, settings: Settings, ready: Ready) -> PeriodicJob:
    """Makes the occurrences of recurring posts that came within the horizon."""

    async def run() -> int:
        await ready()
        return await container.posting().materialise_series().execute()

    return PeriodicJob("series materialisation", run, settings.series_interval_seconds)


def webhook_sweep(container: Container, settings: Settings, ready: Ready) -> PeriodicJob:
    """Hands on the events and sends the webhook deliveries a lost message left behind."""

    async def run() -> int:
        await ready()
        return await container.webhooks().sweep().execute()

    return PeriodicJob("webhook sweep", run, settings.webhook_sweep_interval_seconds)


def instagram_sync(container: Container, settings: Settings, ready: Ready) -> PeriodicJob:
    """Brings every Instagram account's media in."""

    async def run() -> None:
        await ready()
        try:
            await container.instagram().sync_all_instagram().execute()
        except (DomainError, PlatformError) as failed:
            log.warning("the periodic Instagram sync did not finish: %s", failed)

    interval = settings.instagram_sync_interval_seconds
    # Not at start: a fleet of workers restarting at once would all sync together.
    return PeriodicJob("instagram sync", run, interval, first_after=interval)


def insights_collection(container: Container, settings: Settings, ready: Ready) -> PeriodicJob:
    """Collects the insights of every Instagram and Pinterest account that are due."""

    async def run() -> int:
        """How many accounts were collected to the end."""
        await ready()
        collected = await container.insights().collect_every_accounts_insights().execute()
        return sum(account.finished for account in collected)

    interval = settings.insights_interval_seconds
    # Not at start, as the sync: a fleet of workers restarting at once would collect together.
    return PeriodicJob("insights collection", run, interval, first_after=interval)


def notifications_upkeep(container: Container, ready: Ready) -> PeriodicJob:
    """Sends again the notifications whose message was lost."""

    async def run() -> int:
        await ready()
        return await container.notifications().keep_notifications_moving().execute()

    return PeriodicJob("notifications upkeep", run, NOTIFICATIONS_UPKEEP_SECONDS)


def telegram_link(container: Container, settings: Settings, ready: Ready) -> PeriodicJob:
    """Reads what people sent the bot, and links the chats that sent a usable code."""

    async def run() -> int:
        await ready()
        try:
            return await container.notifications().link_telegram_chats().execute()
        except (ChannelUnavailable, ChannelRefused) as failed:
            log.warning("the bot's messages were not read: %s", failed)
            return 0

    return PeriodicJob("telegram link", run, settings.telegram_poll_interval_seconds)


def daily_digest(container: Container, ready: Ready) -> PeriodicJob:
    """Hands over the daily digests that are due."""

    async def run() -> int:
        await ready()
        return await container.notifications().send_daily_digests().execute()

    return PeriodicJob("daily digest", run, DIGEST_LOOK_SECONDS)


def heartbeat(
    keeper: Callable[[], KeepWorkerHeartbeat], settings: Settings, ready: Ready
) -> PeriodicJob:
    """Says this worker is alive, and forgets the workers long dead."""

    async def run() -> None:
        await ready()
        await keeper().beat()

    # Still alive while it lets its work end on a stop: it beats until it is gone.
    return PeriodicJob("heartbeat", run, settings.heartbeat_seconds, through_stop=True)
