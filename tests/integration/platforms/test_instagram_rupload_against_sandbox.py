"""A reel of a library video through Autopost's publishing use case and its Graph gateway,
against `autopost sandbox` on loopback: the container is made for a resumable upload, the
file is sent to the uri the sandbox answered, and the sandbox processes and publishes it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from tests.harness import NOON, Harness
from tests.loopback_server import served_on_loopback

from autopost.adapters.platforms.instagram_graph import HttpxInstagramGateway
from autopost.domain.media import ContentType
from autopost.domain.publication import PublicationStatus
from autopost.sandbox.app import create_app
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN

pytestmark = pytest.mark.integration

VIDEO = b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 300


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=10))
    return world


@pytest.fixture
async def graph(world: Harness) -> AsyncIterator[str]:
    async with served_on_loopback(create_app(clock=world.clock)) as url:
        yield url


async def test_a_library_reel_is_uploaded_to_the_sandbox_and_published(
    world: Harness, graph: str
) -> None:
    clip = await world.upload("dance.mp4", VIDEO, "video/mp4")
    async with httpx.AsyncClient(timeout=10.0) as client:
        world.gateway = HttpxInstagramGateway(client, f"{graph}/v24.0", world.clock)  # type: ignore[assignment]
        view = await world.schedule(
            at=NOON,
            token=DEMO_ACCESS_TOKEN,
            content_type=ContentType.REEL,
            url=f"library:{clip.id}",
        )
        await world.run_until(NOON + timedelta(minutes=10))
    assert view.post.id is not None
    publication = (await world.get(view.post.id)).publication
    assert publication.status is PublicationStatus.PUBLISHED, publication.last_error
    async with httpx.AsyncClient(base_url=graph, timeout=10.0) as reader:
        calls = (await reader.get("/_sandbox/requests")).json()["data"]
    created = [c for c in calls if c["path"].endswith("/media") and c["method"] == "POST"]
    assert [c["params"].get("upload_type") for c in created] == ["resumable"]
    assert all("video_url" not in c["params"] for c in created)
