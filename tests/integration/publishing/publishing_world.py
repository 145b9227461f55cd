"""Autopost's real container on a real database, publishing to `autopost sandbox` in process,
with one hand-moved clock for both. The test plays the broker: every message whose time has
come goes to a worker of its own, all of them at once, as a crowd of workers would take them.
Between Autopost and the sandbox, the test can hold answers until several requests have
come, and lose answers after the sandbox did the work."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from dependency_injector import providers
from tests.fakes import FakeClock, FakeScheduler
from tests.http_client_override import answer_with

from autopost.adapters.scheduling.broker import create_broker
from autopost.application.access import SYSTEM
from autopost.application.integrations.credentials import ConnectAccount
from autopost.application.posting.posts import SchedulePost
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, InstagramContent
from autopost.domain.publication import ScheduledPublication
from autopost.entrypoints.container import (
    Container,
    build_container,
    close_resources,
    open_resources,
)
from autopost.entrypoints.settings import Settings
from autopost.sandbox import SandboxSettings, create_app
from autopost.sandbox.faults import Fault
from autopost.sandbox.instagram_state import PublishEvent
from autopost.sandbox.pinterest_sandbox import PinterestSandbox
from autopost.sandbox.pinterest_settings import PINTEREST_CLIENT_ID, PINTEREST_CLIENT_SECRET
from autopost.sandbox.runtime import Sandbox
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID, InstagramSettings

SANDBOX = "http://sandbox.test"
START = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


class Meeting:
    """Each arrival waits until ``size`` have arrived; after that, nobody waits."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._arrived = 0
        self._met = asyncio.Event()

    async def arrive(self) -> None:
        self._arrived += 1
        if self._arrived >= self._size:
            self._met.set()
        await self._met.wait()


class PlatformLine(httpx.AsyncBaseTransport):
    """The line from Autopost to the sandbox. The sandbox does the work of every request;
    the test may hold the answers to some until several have come, or lose some."""

    def __init__(self, sandbox: httpx.AsyncBaseTransport) -> None:
        self._sandbox = sandbox
        self._held: list[tuple[str, Meeting]] = []
        self._lost: list[str] = []

    def hold_answers(self, path_suffix: str, until: int) -> None:
        """The answers to calls whose path ends so wait until ``until`` such calls came."""
        self._held.append((path_suffix, Meeting(until)))

    def lose_answers(self, path_suffix: str, times: int) -> None:
        """The answers to the next ``times`` calls whose path ends so and that the sandbox
        did are lost: it did the work, and the client sees a timeout."""
        self._lost.extend([path_suffix] * times)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._sandbox.handle_async_request(request)
        path = request.url.path
        for suffix, meeting in self._held:
            if path.endswith(suffix):
                await meeting.arrive()
        if response.status_code < 400 and path.endswith(tuple(self._lost)):
            self._lost.remove(next(s for s in self._lost if path.endswith(s)))
            await response.aclose()
            raise httpx.ReadTimeout("the answer was lost", request=request)
        return response


class PublishingWorld:
    def __init__(
        self, var_dir: Path, database_url: str, quota_total: int = 100, **autopost: Any
    ) -> None:
        """``autopost``: Autopost's settings, besides those that point it at the sandbox."""
        self.clock = FakeClock(START)
        self.scheduler = FakeScheduler()
        settings = SandboxSettings(instagram=InstagramSettings(quota_total=quota_total))
        app = create_app(settings, clock=self.clock)
        self.sandbox: Sandbox = app.state.sandbox
        self.pinterest: PinterestSandbox = app.state.pinterest
        self.line = PlatformLine(httpx.ASGITransport(app=app))
        self.container = _container(var_dir, database_url, self.line, **autopost)
        self.container.infrastructure.clock.override(providers.Object(self.clock))
        self.container.infrastructure.scheduler.override(providers.Object(self.scheduler))
        self.credential_id = 0
        self.publication_ids: list[int] = []
        # Messages in the broker: (publication id, version, when it is due).
        self._pending: list[tuple[int, int, datetime]] = []

    async def open(self) -> PublishingWorld:
        await open_resources(self.container)
        return self

    async def connect(self) -> None:
        command = ConnectAccount(Platform.INSTAGRAM, DEMO_IG_USER_ID, DEMO_ACCESS_TOKEN)
        credential = await self.container.integrations.save_credential().execute(SYSTEM, command)
        assert credential.id is not None
        self.credential_id = credential.id

    async def schedule(self, at: datetime, caption: str) -> None:
        command = SchedulePost(
            content=InstagramContent(
                content_type=ContentType.PHOTO, url="https://cdn.example.com/a.jpg", caption=caption
            ),
            date_pub=at,
            credential_id=self.credential_id,
        )
        view = await self.container.posting.schedule_post().execute(SYSTEM, command)
        assert view.publication.id is not None
        self.publication_ids.append(view.publication.id)

    def fault(self, **fields: object) -> None:
        """A fault of the sandbox's own (``autopost.sandbox.faults``)."""
        self.sandbox.faults.add(Fault(**fields))  # type: ignore[arg-type]

    def published(self) -> list[PublishEvent]:
        return list(self.sandbox.instagram.state.published)

    def refusals(self, path_suffix: str) -> list[int]:
        """The error statuses the sandbox answered calls whose path ends so with."""
        return [
            entry.status
            for entry in self.sandbox.requests.entries
            if entry.path.endswith(path_suffix) and (entry.status or 0) >= 400
        ]

    async def publications(self) -> list[ScheduledPublication]:
        async with self.container.infrastructure.uow() as uow:
            found = [await uow.publications.get(i) for i in self.publication_ids]
        return [p for p in found if p is not None]

    async def run_until(
        self, end: datetime, sweep_every: timedelta = timedelta(seconds=30)
    ) -> None:
        """Live through the time up to ``end``; the sweep runs every ``sweep_every``."""
        next_sweep = self.clock.now()
        while True:
            if self.clock.now() >= next_sweep:
                await self.container.publishing.dispatch_due().execute()
                next_sweep = self.clock.now() + sweep_every
            self._pending.extend(self.scheduler.take())
            now = self.clock.now()
            due = [m for m in self._pending if m[2] <= now]
            self._pending = [m for m in self._pending if m[2] > now]
            await asyncio.gather(
                *(self.container.publishing.publish().execute(i, v) for i, v, _ in due)
            )
            if self.scheduler.sent:
                continue  # what the workers sent may be due already
            if now >= end:
                return
            upcoming = [m[2] for m in self._pending]
            self.clock.set(max(min([end, next_sweep, *upcoming]), now + timedelta(microseconds=1)))

    async def close(self) -> None:
        await close_resources(self.container)


def _container(
    var_dir: Path, database_url: str, line: httpx.AsyncBaseTransport, **more: Any
) -> Container:
    settings = Settings(
        var_dir=var_dir,
        database_url=database_url,
        broker_url="",
        secret_key="test-secret-key",
        instagram_graph_url=f"{SANDBOX}/v24.0",
        pinterest_use_sandbox=True,
        pinterest_api_url=f"{SANDBOX}/pinterest/v5",
        pinterest_client_id=PINTEREST_CLIENT_ID,
        pinterest_client_secret=PINTEREST_CLIENT_SECRET,
        **more,
    )
    container = build_container(settings, create_broker(None))
    answer_with(container, httpx.AsyncClient(transport=line, base_url=SANDBOX))
    return container
