"""Readiness, heartbeats, the status and the installation check, over in-memory fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.application.operations.heartbeat import KeepWorkerHeartbeat
from autopost.application.operations.installation_check import (
    PLACEHOLDER_TOKEN,
    CheckInstallation,
    PlatformSetup,
)
from autopost.application.operations.readiness import CheckReadiness
from autopost.application.operations.status import ReadStatus
from autopost.application.ports.broker_probe import BrokerState
from autopost.application.ports.database_probe import DatabaseState
from autopost.application.ports.media_storage_probe import StorageState
from autopost.application.ports.schedule_overview import DuePublication
from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.platform import Platform
from autopost.domain.worker_heartbeat import WorkerHeartbeat
from tests.fakes import FakeClock, FakeSecretBox, InMemoryUnitOfWork
from tests.operations_fakes import (
    FakeBrokerProbe,
    FakeDatabaseProbe,
    FakeHeartbeats,
    FakeKeyChecker,
    FakeScheduleOverview,
    FakeStorageProbe,
)

pytestmark = pytest.mark.unit

INTERVAL = timedelta(seconds=15)


def worker(
    clock: FakeClock, name: str = "worker@a:1", ago: timedelta = INTERVAL
) -> WorkerHeartbeat:
    started = clock.now() - timedelta(hours=2)
    return WorkerHeartbeat(name, "worker", "a", 1, started, clock.now() - ago, 8, 0)


class World:
    def __init__(self) -> None:
        self.clock = FakeClock()
        self.heartbeats = FakeHeartbeats()
        self.database = FakeDatabaseProbe()
        self.broker = FakeBrokerProbe()

    def readiness(self, own_worker: str | None = None) -> CheckReadiness:
        return CheckReadiness(
            self.database, self.broker, self.heartbeats, self.clock, INTERVAL, own_worker
        )


@pytest.fixture
def world() -> World:
    return World()


async def test_ready_with_the_database_migrated_the_broker_up_and_a_worker_alive(
    world: World,
) -> None:
    await world.heartbeats.beat(worker(world.clock))
    readiness = await world.readiness().execute()
    assert readiness.ready
    assert [check.name for check in readiness.checks] == ["database", "broker", "workers"]


async def test_not_ready_when_no_worker_has_beaten_for_three_intervals(world: World) -> None:
    await world.heartbeats.beat(worker(world.clock, ago=3 * INTERVAL + timedelta(seconds=1)))
    readiness = await world.readiness().execute()
    assert not readiness.ready
    (problem,) = readiness.problems
    assert problem.name == "workers" and "autopost worker" in problem.detail


async def test_not_ready_while_migrations_are_pending_and_says_to_migrate(world: World) -> None:
    await world.heartbeats.beat(worker(world.clock))
    world.database.answer = DatabaseState(True, "0016", "0018", kind="sqlite")
    database, workers = (await world.readiness().execute()).problems
    assert database.name == "database" and "autopost migrate" in database.detail
    assert database.facts["revision"] == "0016"
    # An older schema may lack the heartbeats' table: they are not read.
    assert workers.name == "workers" and workers.detail.startswith("unknown")


async def test_not_ready_when_the_broker_does_not_answer(world: World) -> None:
    await world.heartbeats.beat(worker(world.clock))
    world.broker.answer = BrokerState("redis", False, error="ConnectionError: refused")
    (problem,) = (await world.readiness().execute()).problems
    assert problem.name == "broker" and "AUTOPOST_BROKER_URL" in problem.detail


async def test_without_a_database_the_workers_state_is_unknown_not_asked(world: World) -> None:
    world.database.answer = DatabaseState(False, newest="0018", error="OSError: refused")
    readiness = await world.readiness().execute()
    assert {check.name for check in readiness.problems} == {"database", "workers"}


async def test_in_the_embedded_mode_only_this_process_worker_counts(world: World) -> None:
    await world.heartbeats.beat(worker(world.clock, name="embedded@b:2"))
    assert not (await world.readiness(own_worker="embedded@a:1").execute()).ready
    await world.heartbeats.beat(worker(world.clock, name="embedded@a:1"))
    assert (await world.readiness(own_worker="embedded@a:1").execute()).ready


async def test_a_heartbeat_writes_the_worker_row_and_forgets_workers_long_dead(
    world: World,
) -> None:
    long_dead = worker(world.clock, name="worker@gone:9", ago=timedelta(hours=2))
    await world.heartbeats.beat(long_dead)
    me = worker(world.clock, name="worker@me:1", ago=timedelta(0))
    keeper = KeepWorkerHeartbeat(world.heartbeats, world.clock, me, INTERVAL, lambda: 3)
    world.clock.advance(INTERVAL)
    await keeper.beat()
    assert set(world.heartbeats.rows) == {"worker@me:1"}
    stored = world.heartbeats.rows["worker@me:1"]
    assert (stored.last_seen, stored.in_flight) == (world.clock.now(), 3)
    await keeper.stop()
    assert world.heartbeats.rows == {}


async def test_status_parts_workers_alive_from_recently_dead_and_counts_what_is_due_and_late(
    world: World,
) -> None:
    now = world.clock.now()
    await world.heartbeats.beat(worker(world.clock, name="worker@a:1"))
    await world.heartbeats.beat(worker(world.clock, name="worker@b:2", ago=timedelta(minutes=5)))
    overview = FakeScheduleOverview()
    overview.publications = [
        DuePublication(1, 1, Platform.INSTAGRAM, now + timedelta(minutes=30), "scheduled"),
        DuePublication(2, 2, Platform.PINTEREST, now + timedelta(hours=2), "scheduled"),
        DuePublication(3, 3, Platform.INSTAGRAM, now - timedelta(minutes=10), "scheduled"),
        DuePublication(4, 4, Platform.INSTAGRAM, now - timedelta(seconds=10), "processing"),
        DuePublication(5, 5, Platform.INSTAGRAM, now - timedelta(hours=1), "published"),
    ]
    status = ReadStatus(
        world.heartbeats, world.broker, overview, world.clock, INTERVAL, timedelta(minutes=1)
    )
    report = await status.execute()
    assert [beat.name for beat in report.alive] == ["worker@a:1"]
    assert [beat.name for beat in report.recently_dead] == ["worker@b:2"]
    assert report.due_next_hour == 1
    assert [p.publication_id for p in report.overdue] == [3] and report.overdue_count == 1


class InstallationWorld(World):
    def __init__(self) -> None:
        super().__init__()
        self.uow = InMemoryUnitOfWork()
        self.instagram = FakeKeyChecker(good=["good-token"])
        self.pinterest = FakeKeyChecker()
        self.configured = {Platform.INSTAGRAM: False, Platform.PINTEREST: False}
        self.storage = FakeStorageProbe()

    async def account(self, platform: str, token: str, **fields: object) -> None:
        credential = Credential(
            platform=platform,
            account_id=token,
            access_token=FakeSecretBox().seal(token),
            created_at=self.clock.now(),
            **fields,  # type: ignore[arg-type]
        )
        async with self.uow as uow:
            await uow.credentials.add(credential)
            await uow.commit()

    async def check(self) -> dict[str, tuple[bool, str]]:
        setups = {
            platform: PlatformSetup(f"http://{platform}.test", "AUTOPOST_X_URL", configured)
            for platform, configured in self.configured.items()
        }
        checkers = {Platform.INSTAGRAM: self.instagram, Platform.PINTEREST: self.pinterest}
        use_case = CheckInstallation(
            self.database, self.broker, self.storage, self.uow, FakeSecretBox(), checkers, setups
        )
        return {check.name: (check.ok, check.detail) for check in await use_case.execute()}


async def test_the_check_asks_each_connected_account_and_says_to_reconnect_a_refused_one() -> None:
    world = InstallationWorld()
    await world.account("instagram", "good-token", username="shop")
    await world.account("instagram", "revoked-token", username="brand")
    checks = await world.check()
    assert checks["instagram"] == (True, "the API at http://instagram.test answers")
    assert checks["instagram account 1 (shop)"][0]
    ok, detail = checks["instagram account 2 (brand)"]
    assert not ok and "Reconnect the account" in detail
    assert world.instagram.asked[0] == PLACEHOLDER_TOKEN


async def test_the_check_leaves_alone_a_platform_not_configured_and_skips_reconnect_cases() -> None:
    world = InstallationWorld()
    await world.account("instagram", "old", status=CredentialStatus.NEEDS_RECONNECT)
    checks = await world.check()
    assert checks["pinterest"] == (True, "not configured (no app set, no account connected)")
    assert checks["instagram"][0] and world.instagram.asked == []


async def test_the_check_names_the_setting_when_a_configured_platform_does_not_answer() -> None:
    world = InstallationWorld()
    world.configured[Platform.PINTEREST] = True
    world.pinterest.down = True
    ok, detail = (await world.check())["pinterest"]
    assert not ok and "AUTOPOST_X_URL" in detail and "does not answer" in detail


async def test_the_check_asks_no_account_when_migrations_are_pending() -> None:
    world = InstallationWorld()
    world.configured[Platform.INSTAGRAM] = True
    world.database.answer = DatabaseState(True, None, "0018")
    checks = await world.check()
    assert not checks["database"][0] and "autopost migrate" in checks["database"][1]
    assert world.instagram.asked == [PLACEHOLDER_TOKEN]


async def test_the_check_says_which_settings_to_look_at_when_the_bucket_does_not_answer() -> None:
    world = InstallationWorld()
    world.storage = FakeStorageProbe(
        StorageState("s3", "media at http://minio:9000", False, "HTTP 403")
    )
    ok, detail = (await world.check())["media storage"]
    assert not ok
    assert "media at http://minio:9000 does not answer (HTTP 403)" in detail
    assert "AUTOPOST_MEDIA_S3_ENDPOINT_URL" in detail


async def test_the_check_says_where_the_files_are_kept() -> None:
    world = InstallationWorld()
    assert (await world.check())["media storage"] == (True, "on the disk, in var/media")
    world.storage = FakeStorageProbe(StorageState("s3", "media at http://minio:9000", True))
    checks = await world.check()
    assert checks["media storage"] == (True, "the bucket media at http://minio:9000 answers")
