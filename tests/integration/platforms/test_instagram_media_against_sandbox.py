"""The Instagram media gateway against `autopost sandbox` (in process): media published through
the sandbox's Graph endpoints, read back page by page by the same client a sync uses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from autopost.adapters.platforms.instagram_graph import HttpxInstagramGateway
from autopost.adapters.platforms.instagram_media_api import HttpxInstagramMediaGateway
from autopost.application.ports.instagram_gateway import (
    ContainerItem,
    ContainerRequest,
    InstagramAccount,
)
from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.application.ports.platform_errors import CredentialRejected
from autopost.sandbox.app import create_app

pytestmark = pytest.mark.integration

BASE = "http://sandbox.test"
GRAPH = f"{BASE}/v24.0"
DEMO = InstagramAccount("17841400000000001", "sandbox-instagram-token")
START = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
async def sandbox(clock: FakeClock) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(clock=clock))
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
        yield client


@pytest.fixture
def gateway(sandbox: httpx.AsyncClient, clock: FakeClock) -> HttpxInstagramMediaGateway:
    return HttpxInstagramMediaGateway(sandbox, GRAPH, clock)


async def publish(
    sandbox: httpx.AsyncClient, clock: FakeClock, request: ContainerRequest
) -> tuple[str, datetime]:
    """Publish through the sandbox's Graph endpoints, a minute after the last one."""
    clock.current += timedelta(minutes=1)
    publishing = HttpxInstagramGateway(sandbox, GRAPH, clock)
    container = await publishing.create_container(DEMO, request)
    return await publishing.publish_container(DEMO, container), clock.current


def photo(caption: str) -> ContainerRequest:
    return ContainerRequest(None, image_url="https://cdn.example.com/a.jpg", caption=caption)


async def read_every_page(gateway: HttpxInstagramMediaGateway, limit: int) -> list[RemoteMedia]:
    items: list[RemoteMedia] = []
    after: str | None = None
    for _ in range(20):
        page = await gateway.media_page(DEMO, after, limit)
        items += page.items
        after = page.after
        if after is None:
            return items
    raise AssertionError("the pages never ended")


async def test_paging_with_cursors_reads_every_published_media_newest_first(
    gateway: HttpxInstagramMediaGateway, sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    published = [await publish(sandbox, clock, photo(f"Post {n}")) for n in range(5)]

    items = await read_every_page(gateway, limit=2)

    assert [m.media_id for m in items] == [media_id for media_id, _ in reversed(published)]
    assert [m.caption for m in items] == [f"Post {n}" for n in reversed(range(5))]
    # Graph's timestamps have whole seconds; each is the publishing time, in UTC.
    assert [m.timestamp for m in items] == [at for _, at in reversed(published)]
    assert all(m.timestamp.utcoffset() == timedelta(0) for m in items)
    assert all(m.media_type == "IMAGE" and m.permalink for m in items)


async def test_a_carousel_comes_with_its_children(
    gateway: HttpxInstagramMediaGateway, sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    album = ContainerRequest(
        media_type="CAROUSEL",
        caption="Album",
        children=(
            ContainerItem("https://cdn.example.com/1.jpg", is_video=False),
            ContainerItem("https://cdn.example.com/2.jpg", is_video=False),
        ),
    )
    media_id, _ = await publish(sandbox, clock, album)

    page = await gateway.media_page(DEMO, None, 25)

    carousel = next(m for m in page.items if m.media_id == media_id)
    assert carousel.media_type == "CAROUSEL_ALBUM"
    assert len(carousel.children) == 2
    assert all(child["id"] and child["media_type"] == "IMAGE" for child in carousel.children)
    assert set(carousel.children[0]) <= {"id", "media_type", "media_url", "thumbnail_url"}


async def test_a_revoked_token_is_rejected_credentials(
    gateway: HttpxInstagramMediaGateway, sandbox: httpx.AsyncClient
) -> None:
    revoked = await sandbox.post(f"/_sandbox/instagram/accounts/{DEMO.ig_user_id}/revoke")
    assert revoked.status_code == 200

    with pytest.raises(CredentialRejected, match="reconnect"):
        await gateway.media_page(DEMO, None, 25)
