"""A post's first comment against `autopost sandbox`: Autopost's publishing use case with its
Graph gateways, on loopback, on the test's clock. The comment is written on the published
media once, also when the answer to writing it is lost (a ``delay_after`` fault: the sandbox
writes it, then holds its answer past the client's timeout)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from tests.harness import NOON, Harness
from tests.loopback_server import served_on_loopback

from autopost.adapters.platforms.instagram_graph import HttpxInstagramGateway
from autopost.adapters.platforms.instagram_media_api import HttpxInstagramMediaGateway
from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.domain.media import ContentType
from autopost.domain.publication import FirstCommentStatus, PublicationStatus, ScheduledPublication
from autopost.sandbox.app import create_app
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN, DEMO_IG_USER_ID

pytestmark = pytest.mark.integration

COMMENT = "Sound on, and tell us what you hear #reels"
# The client gives up after TIMEOUT; a lost answer would come LATE seconds after the work.
TIMEOUT = 0.3
LATE = 0.8
ACCOUNT = InstagramAccount(DEMO_IG_USER_ID, DEMO_ACCESS_TOKEN)


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    return world


@pytest.fixture
async def graph(world: Harness) -> AsyncIterator[str]:
    """The sandbox on a free loopback port, on the clock the use cases read."""
    async with served_on_loopback(create_app(clock=world.clock)) as url:
        yield url


async def _published_reel(
    world: Harness, graph: str, client: httpx.AsyncClient
) -> ScheduledPublication:
    world.gateway = HttpxInstagramGateway(client, f"{graph}/v24.0", world.clock)  # type: ignore[assignment]
    world.media_gateway = HttpxInstagramMediaGateway(client, f"{graph}/v24.0", world.clock)  # type: ignore[assignment]
    view = await world.schedule(
        at=NOON,
        content_type=ContentType.REEL,
        url="https://cdn.example.com/clip.mp4",
        caption="A reel",
        token=DEMO_ACCESS_TOKEN,
        first_comment=COMMENT,
    )
    await world.run_until(NOON + timedelta(minutes=10))
    assert view.post.id is not None
    publication = (await world.get(view.post.id)).publication
    assert publication.status is PublicationStatus.PUBLISHED
    return publication


async def _comments_on(graph: str, media_id: str) -> list[tuple[str, str]]:
    async with httpx.AsyncClient(timeout=10.0) as reader:
        gateway = HttpxInstagramMediaGateway(reader, f"{graph}/v24.0", Harness().clock)
        return [(c.comment_id, c.text) for c in await gateway.comments(ACCOUNT, media_id)]


async def test_a_published_reel_gets_its_first_comment_on_instagram(
    world: Harness, graph: str
) -> None:
    async with httpx.AsyncClient(timeout=10.0) as client:
        publication = await _published_reel(world, graph, client)
    assert publication.remote_id is not None
    comments = await _comments_on(graph, publication.remote_id)
    assert comments == [(publication.first_comment_id, COMMENT)]
    assert publication.first_comment_status is FirstCommentStatus.WRITTEN


async def test_a_lost_answer_to_the_first_comment_leaves_one_comment(
    world: Harness, graph: str
) -> None:
    async with (
        httpx.AsyncClient(base_url=graph, timeout=10.0) as control,
        httpx.AsyncClient(timeout=TIMEOUT) as client,
    ):
        lose = {"method": "POST", "path_suffix": "comments", "action": "delay_after"}
        (await control.post("/_sandbox/faults", json={**lose, "seconds": LATE})).raise_for_status()
        publication = await _published_reel(world, graph, client)
        assert (await control.get("/_sandbox/faults")).json()["data"] == [], "the answer was lost"
    assert publication.remote_id is not None
    comments = await _comments_on(graph, publication.remote_id)
    assert comments == [(publication.first_comment_id, COMMENT)], "written once"


async def test_a_first_comment_instagram_refuses_leaves_the_reel_published(
    world: Harness, graph: str
) -> None:
    async with (
        httpx.AsyncClient(base_url=graph, timeout=10.0) as control,
        httpx.AsyncClient(timeout=10.0) as client,
    ):
        refuse = {
            "method": "POST",
            "path_suffix": "comments",
            "action": "error",
            "status": 400,
            "code": 100,
            "message": "The comment was refused",
        }
        (await control.post("/_sandbox/faults", json=refuse)).raise_for_status()
        publication = await _published_reel(world, graph, client)
    assert publication.first_comment_status is FirstCommentStatus.FAILED
    assert publication.first_comment_error is not None
    assert "The comment was refused" in publication.first_comment_error
    assert publication.remote_id is not None
    assert await _comments_on(graph, publication.remote_id) == []
