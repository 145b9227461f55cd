"""A full sync of 2,000 media through `autopost sandbox` while a tenth of Graph's answers are
5xx and another tenth rate limits (seeded dice): the real gateway, the real database, the
sync use case; waits take no time, they move the shared clock on."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest
from platform_kit import SANDBOX_BASE, FakeClock
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from tests.fakes import FakeSecretBox

from autopost.adapters.persistence.tables import instagram_media
from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork
from autopost.adapters.platforms.instagram_media_api import HttpxInstagramMediaGateway
from autopost.application.access import SYSTEM
from autopost.application.instagram.sync import SyncInstagramMedia, SyncReport
from autopost.application.retrying import Patience
from autopost.domain.backoff import Backoff
from autopost.domain.credential import Credential
from autopost.domain.retry_policy import RetryPolicy
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID

pytestmark = pytest.mark.integration

GRAPH = f"{SANDBOX_BASE}/v24.0"
MEDIA = 2000
PAGES = MEDIA // 100
BOX = FakeSecretBox()


class ClockPause:
    """Waits no real time: moves the clock that Autopost and the sandbox share."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.waits: list[timedelta] = []

    async def wait(self, delay: timedelta) -> None:
        self.waits.append(delay)
        self.clock.advance(delay)


@pytest.fixture
async def flaky(sandbox: httpx.AsyncClient) -> httpx.AsyncClient:
    """2,000 media on the demo account; a tenth of all calls 5xx, a tenth rate limits (dice
    under which both strike several times in a sync's two dozen calls)."""
    seeded = await sandbox.post(
        f"/_sandbox/instagram/accounts/{DEMO_IG_USER_ID}/media/seed", json={"count": MEDIA}
    )
    assert seeded.status_code == 201, seeded.text
    for fault in [
        {"action": "error", "status": 503, "code": 2, "chance": 0.1, "seed": 8},
        {"action": "error", "code": 4, "chance": 0.1},
    ]:
        assert (await sandbox.post("/_sandbox/faults", json=fault)).status_code == 201
    return sandbox


async def connected(uow_factory: Callable[[], SqlaUnitOfWork], clock: FakeClock) -> int:
    credential = Credential(
        platform="instagram",
        account_id=DEMO_IG_USER_ID,
        access_token=BOX.seal(DEMO_ACCESS_TOKEN),
        created_at=clock.now(),
    )
    async with uow_factory() as uow:
        await uow.credentials.add(credential)
        await uow.commit()
    assert credential.id is not None
    return credential.id


def syncer(
    uow_factory: Callable[[], SqlaUnitOfWork],
    sandbox: httpx.AsyncClient,
    clock: FakeClock,
    pause: ClockPause,
) -> SyncInstagramMedia:
    gateway = HttpxInstagramMediaGateway(sandbox, GRAPH, clock)
    patience = Patience(pause, clock, rand=random.Random(17).random)
    return SyncInstagramMedia(uow_factory(), gateway, BOX, clock, patience)


async def media_pages_answered(sandbox: httpx.AsyncClient) -> list[dict[str, Any]]:
    log = (await sandbox.get("/_sandbox/requests")).json()["data"]
    return [e for e in log if e["path"].endswith("/media")]


async def stored_media(engine: AsyncEngine) -> tuple[int, int]:
    """How many rows, and how many different Instagram media among them."""
    query = select(func.count(), func.count(instagram_media.c.media_id.distinct()))
    async with engine.connect() as connection:
        rows, different = (await connection.execute(query)).one()
    return int(rows), int(different)


async def test_a_full_sync_through_a_flaky_graph_completes_with_every_media_once(
    flaky: httpx.AsyncClient,
    uow_factory: Callable[[], SqlaUnitOfWork],
    engine: AsyncEngine,
    clock: FakeClock,
) -> None:
    credential_id = await connected(uow_factory, clock)
    pause = ClockPause(clock)

    report = await syncer(uow_factory, flaky, clock, pause).execute(
        SYSTEM, credential_id, full=True
    )

    assert report.finished, report.stopped
    assert (report.pages, report.seen, report.new_or_changed) == (PAGES, MEDIA, MEDIA)
    assert await stored_media(engine) == (MEDIA, MEDIA)
    calls = await media_pages_answered(flaky)
    answered = [c for c in calls if c["status"] == 200]
    assert len(answered) == PAGES, "no page was read twice"
    statuses = {c["status"] for c in calls}
    assert {500, 503} & statuses and 400 in statuses, "both kinds of failure struck"
    assert report.retries == len(calls) - PAGES
    # An app-wide rate limit makes the gateway hold back for minutes: those were waited out.
    assert max(pause.waits) >= timedelta(minutes=4)


async def test_a_sync_stopped_part_way_is_finished_by_the_next_from_its_last_page(
    flaky: httpx.AsyncClient,
    uow_factory: Callable[[], SqlaUnitOfWork],
    engine: AsyncEngine,
    clock: FakeClock,
) -> None:
    credential_id = await connected(uow_factory, clock)
    pause = ClockPause(clock)
    impatient = RetryPolicy(
        tries=1, patience=timedelta(0), backoff=Backoff(base=timedelta(seconds=1))
    )
    runs: list[SyncReport] = []
    while not (runs and runs[-1].finished):
        assert len(runs) < 100, "the sync never finished"
        clock.advance(timedelta(minutes=10))  # the next periodic run, past any hold-back
        sync = syncer(uow_factory, flaky, clock, pause)
        runs.append(await sync.execute(SYSTEM, credential_id, full=True, policy=impatient))

    assert len(runs) > 1 and not runs[0].finished
    assert all(run.resumed for run in runs[1:])
    assert sum(run.pages for run in runs) == PAGES
    assert sum(run.seen for run in runs) == MEDIA
    assert await stored_media(engine) == (MEDIA, MEDIA)
    answered = [c for c in await media_pages_answered(flaky) if c["status"] == 200]
    assert len(answered) == PAGES, "each run went on from where the last one stopped"
