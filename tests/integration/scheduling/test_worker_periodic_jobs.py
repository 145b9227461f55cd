"""The worker's periodic jobs as ``build_worker`` wires them: each is registered with its
interval, and each, run as the worker would run it, does its work against a real database and
`autopost sandbox` in process. Dropping a job from ``build_worker`` fails a test here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import dramatiq
import httpx
import pytest
from dependency_injector import providers
from dramatiq.brokers.stub import StubBroker
from dramatiq.common import dq_name
from tests.fakes import FakeClock
from tests.http_client_override import answer_with

from autopost.adapters.scheduling.broker import PUBLICATIONS_QUEUE, create_broker
from autopost.adapters.scheduling.worker_runtime import PeriodicJob, WorkerRuntime
from autopost.application.access import SYSTEM
from autopost.application.integrations.credentials import ConnectAccount
from autopost.application.ports.media_repository import MediaFilter
from autopost.application.posting.posts import SchedulePost
from autopost.application.posting.series import ScheduleSeries
from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, InstagramContent
from autopost.domain.publication import ScheduledPublication
from autopost.domain.recurrence import recurrence
from autopost.entrypoints.container import Container, close_resources, open_resources
from autopost.entrypoints.settings import Settings
from autopost.entrypoints.worker import build_worker
from autopost.sandbox import create_app
from autopost.sandbox.pinterest_settings import (
    PINTEREST_CLIENT_ID,
    PINTEREST_CLIENT_SECRET,
    PINTEREST_DEMO_USERNAME,
)
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID

pytestmark = pytest.mark.integration

SANDBOX = "http://sandbox.test"
START = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
# Not the defaults: each interval must come from the settings the worker was given.
SWEEP_INTERVAL_S = 7.0
LEASE_S = 9.0
LEASE_RENEWAL_S = 2.5
PINTEREST_TOKENS_S = 45.0
INSTAGRAM_TOKENS_S = 50.0
SYNC_INTERVAL_S = 120.0
INSIGHTS_INTERVAL_S = 900.0
SERIES_INTERVAL_S = 1800.0
WEBHOOK_SWEEP_S = 13.0
SERIES_HORIZON_WEEKS = 1.0
HEARTBEAT_S = 11.0


class WorkerWorld:
    """A worker built by ``build_worker`` on an in-process broker, its platforms answered by
    the sandbox and its clock, shared with the sandbox, moved by hand. Nothing is started: a
    test runs a job's own coroutine, as the worker's job thread would."""

    def __init__(
        self,
        var_dir: Path,
        database_url: str,
        sync_interval: float,
        lease_renewal: float | None = LEASE_RENEWAL_S,
    ) -> None:
        self.clock = FakeClock(START)
        sandbox = create_app(clock=self.clock)
        self.control = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=sandbox), base_url=SANDBOX
        )
        settings = Settings(
            var_dir=var_dir,
            database_url=database_url,
            broker_url="",
            secret_key="test-secret-key",
            instagram_graph_url=f"{SANDBOX}/v24.0",
            instagram_login_graph_url=SANDBOX,
            pinterest_use_sandbox=True,
            pinterest_api_url=f"{SANDBOX}/pinterest/v5",
            pinterest_client_id=PINTEREST_CLIENT_ID,
            pinterest_client_secret=PINTEREST_CLIENT_SECRET,
            sweep_interval_seconds=SWEEP_INTERVAL_S,
            publish_lease_seconds=LEASE_S,
            lease_renewal_interval_seconds=lease_renewal,
            pinterest_token_renewal_interval_seconds=PINTEREST_TOKENS_S,
            instagram_token_refresh_interval_seconds=INSTAGRAM_TOKENS_S,
            instagram_sync_interval_seconds=sync_interval,
            insights_interval_seconds=INSIGHTS_INTERVAL_S if sync_interval else 0,
            series_interval_seconds=SERIES_INTERVAL_S,
            webhook_sweep_interval_seconds=WEBHOOK_SWEEP_S,
            series_horizon_weeks=SERIES_HORIZON_WEEKS,
            heartbeat_seconds=HEARTBEAT_S,
        )
        self.broker: dramatiq.Broker = create_broker(settings.broker_url)
        self.runtime: WorkerRuntime
        self.container: Container
        self.runtime, self.container = build_worker(settings, self.broker)
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=sandbox), base_url=SANDBOX)
        answer_with(self.container, client)
        self.container.infrastructure.clock.override(providers.Object(self.clock))

    def job(self, name: str) -> PeriodicJob:
        jobs = {job.name: job for job in self.runtime.jobs}
        assert name in jobs, f"the worker runs no {name!r} job, only {sorted(jobs)}"
        return jobs[name]

    async def open(self) -> WorkerWorld:
        """The container opened on this loop, as the worker opens it on its own."""
        await open_resources(self.container)
        return self

    async def run(self, name: str) -> None:
        await self.job(name).run()

    def messages(self) -> list[tuple[int, int]]:
        """Every publication message the broker holds, due now or later, taken out of it."""
        taken = []
        stub = self.broker
        assert isinstance(stub, StubBroker)
        for queue in (PUBLICATIONS_QUEUE, dq_name(PUBLICATIONS_QUEUE)):
            waiting = stub.queues[queue]
            while not waiting.empty():
                message = dramatiq.Message.decode(waiting.get_nowait())
                publication_id, version = message.args
                taken.append((publication_id, version))
        return taken

    async def connect_instagram(self) -> Credential:
        command = ConnectAccount(Platform.INSTAGRAM, DEMO_IG_USER_ID, DEMO_ACCESS_TOKEN)
        return await self.container.integrations.save_credential().execute(SYSTEM, command)

    async def schedule(self, at: datetime) -> ScheduledPublication:
        credential = await self.connect_instagram()
        command = SchedulePost(
            content=InstagramContent(
                content_type=ContentType.PHOTO, url="https://cdn.example.com/a.jpg", caption="Later"
            ),
            date_pub=at,
            credential_id=credential.id,
        )
        return (await self.container.posting.schedule_post().execute(SYSTEM, command)).publication

    async def publication(self, publication_id: int | None) -> ScheduledPublication:
        assert publication_id is not None
        async with self.container.infrastructure.uow() as uow:
            found = await uow.publications.get(publication_id)
        assert found is not None
        return found

    async def credential(self, credential_id: int | None) -> Credential:
        assert credential_id is not None
        async with self.container.infrastructure.uow() as uow:
            found = await uow.credentials.get(credential_id)
        assert found is not None
        return found

    async def close(self) -> None:
        await self.control.aclose()
        await close_resources(self.container)
        self.broker.close()


@pytest.fixture
async def world(tmp_path: Path, database_url: str) -> AsyncIterator[WorkerWorld]:
    built = await WorkerWorld(tmp_path, database_url, SYNC_INTERVAL_S).open()
    yield built
    await built.close()


def test_the_worker_registers_each_periodic_job_with_its_interval(world: WorkerWorld) -> None:
    registered = {job.name: (job.interval, job.first_after) for job in world.runtime.jobs}

    assert registered == {
        "sweep": (SWEEP_INTERVAL_S, 0.0),
        "lease renewal": (LEASE_RENEWAL_S, 0.0),
        "pinterest token renewal": (PINTEREST_TOKENS_S, 0.0),
        "instagram token refresh": (INSTAGRAM_TOKENS_S, 0.0),
        "series materialisation": (SERIES_INTERVAL_S, 0.0),
        "webhook sweep": (WEBHOOK_SWEEP_S, 0.0),
        # Not at start: a fleet of workers restarting at once would all sync together.
        "instagram sync": (SYNC_INTERVAL_S, SYNC_INTERVAL_S),
        # Not at start either, for the same reason.
        "insights collection": (INSIGHTS_INTERVAL_S, INSIGHTS_INTERVAL_S),
        # At start: a worker is ready once it has said it is alive.
        "heartbeat": (HEARTBEAT_S, 0.0),
        # Sends again the notifications whose message was lost.
        "notifications upkeep": (60.0, 0.0),
    }


async def test_leases_are_renewed_every_third_of_a_lease_unless_told_otherwise(
    tmp_path: Path, database_url: str
) -> None:
    unset = WorkerWorld(tmp_path, database_url, SYNC_INTERVAL_S, lease_renewal=None)
    try:
        # Two late renewals still keep a claim.
        assert unset.job("lease renewal").interval == LEASE_S / 3
    finally:
        await unset.close()


async def test_a_worker_with_the_sync_turned_off_runs_no_sync(
    tmp_path: Path, database_url: str
) -> None:
    off = WorkerWorld(tmp_path, database_url, sync_interval=0)
    try:
        assert "instagram sync" not in {job.name for job in off.runtime.jobs}
        assert "insights collection" not in {job.name for job in off.runtime.jobs}
    finally:
        await off.close()


async def test_the_sweep_hands_a_post_that_came_within_the_horizon_to_the_broker(
    world: WorkerWorld,
) -> None:
    publication = await world.schedule(START + timedelta(days=1))
    assert world.messages() == []  # a day ahead: past the horizon, the broker is not told yet
    world.clock.set(START + timedelta(days=1, minutes=-5))

    await world.run("sweep")

    assert world.messages() == [(publication.id, publication.version)]


async def test_the_lease_job_renews_the_claims_the_worker_holds(world: WorkerWorld) -> None:
    publication = await world.schedule(START + timedelta(hours=1))
    assert publication.id is not None and publication.next_run_at is not None
    world.container.publishing.held_claims().hold(publication.id, publication.next_run_at)
    world.clock.advance(timedelta(minutes=59, seconds=58))

    await world.run("lease renewal")

    renewed = await world.publication(publication.id)
    assert renewed.next_run_at == world.clock.now() + timedelta(seconds=LEASE_S)


async def test_the_pinterest_token_job_renews_a_token_about_to_expire(world: WorkerWorld) -> None:
    minted = (
        await world.control.post(
            "/_sandbox/pinterest/tokens", json={"username": PINTEREST_DEMO_USERNAME}
        )
    ).json()
    expiring = START + timedelta(hours=1)
    credential = await world.container.integrations.save_credential().execute(
        SYSTEM,
        ConnectAccount(
            Platform.PINTEREST,
            PINTEREST_DEMO_USERNAME,
            minted["access_token"],
            refresh_token=minted["refresh_token"],
            expires_at=expiring,
            environment="sandbox",
        ),
    )

    await world.run("pinterest token renewal")

    renewed = await world.credential(credential.id)
    assert renewed.status is CredentialStatus.ACTIVE
    assert renewed.expires_at is not None and renewed.expires_at > expiring
    box = world.container.infrastructure.secret_box()
    assert box.open(renewed.access_token) != minted["access_token"]


async def test_the_instagram_token_job_asks_to_reconnect_an_expired_facebook_login_account(
    world: WorkerWorld,
) -> None:
    credential = await world.container.integrations.save_credential().execute(
        SYSTEM,
        ConnectAccount(
            Platform.INSTAGRAM,
            DEMO_IG_USER_ID,
            DEMO_ACCESS_TOKEN,
            expires_at=START - timedelta(minutes=1),
            environment="facebook",
        ),
    )

    await world.run("instagram token refresh")

    assert (await world.credential(credential.id)).status is CredentialStatus.NEEDS_RECONNECT


async def test_the_sync_job_brings_every_instagram_accounts_media_in(world: WorkerWorld) -> None:
    seeded = await world.control.post(
        f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/media/seed", json={"count": 3}
    )
    assert seeded.status_code == 201, seeded.text
    credential = await world.connect_instagram()

    await world.run("instagram sync")

    listed = await world.container.instagram.list_media().execute(
        SYSTEM, MediaFilter(credential_id=credential.id), None, 10
    )
    assert len(listed.items) == 3


async def test_the_insights_job_keeps_todays_numbers_of_every_instagram_media(
    world: WorkerWorld,
) -> None:
    seeded = await world.control.post(
        f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/media/seed", json={"count": 3}
    )
    assert seeded.status_code == 201, seeded.text
    credential = await world.connect_instagram()
    assert credential.id is not None
    await world.run("instagram sync")
    world.clock.advance(timedelta(days=1))

    await world.run("insights collection")

    listed = await world.container.instagram.list_media().execute(
        SYSTEM, MediaFilter(credential_id=credential.id), None, 10
    )
    for media in listed.items:
        assert media.id is not None
        days = await world.container.insights.get_media_insights().execute(SYSTEM, media.id)
        assert [d.day for d in days] == [world.clock.now().date()]
    account = await world.container.insights.get_account_insights().execute(SYSTEM, credential.id)
    assert account[0].followers_count


async def test_the_series_job_makes_the_occurrences_that_came_within_the_horizon(
    world: WorkerWorld,
) -> None:
    credential = await world.connect_instagram()
    first = START + timedelta(hours=1)
    command = ScheduleSeries(
        SchedulePost(
            content=InstagramContent(
                content_type=ContentType.PHOTO, url="https://cdn.example.com/a.jpg"
            ),
            date_pub=first,
            credential_id=credential.id,
        ),
        recurrence(first, "UTC", "daily", count=20),
    )
    scheduled = await world.container.posting.schedule_series().execute(SYSTEM, command)
    series_id = scheduled.series.id
    assert series_id is not None
    # A week ahead: today's time and the next six days'.
    ahead = await world.container.posting.get_series().execute(SYSTEM, series_id)
    assert len(ahead.occurrences) == 7
    world.messages()
    world.clock.advance(timedelta(days=3))

    await world.run("series materialisation")
    await world.run("series materialisation")  # twice: nothing more

    view = await world.container.posting.get_series().execute(SYSTEM, series_id)
    times = [o.post.occurrence_at for o in view.occurrences]
    # Those of the first three days wait for a worker to publish them; a week from now is made.
    assert times == [first + timedelta(days=day) for day in range(10)]
    assert len({o.post.id for o in view.occurrences}) == len(times)
