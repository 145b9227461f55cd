"""Exactly once when answers to ``media_publish`` are lost: Autopost's publishing use case and
its Graph gateway against `autopost sandbox`, served on loopback on the test's clock.

The sandbox publishes a container again when asked again, as nothing in Meta's reference
says Instagram refuses it; a delay_after fault makes it publish, then hold its answer past
the client's timeout, as an answer lost on the way back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from tests.harness import NOON, Harness
from tests.loopback_server import served_on_loopback

from autopost.adapters.platforms.instagram_graph import HttpxInstagramGateway
from autopost.application.policy import PublishingPolicy
from autopost.domain.backoff import Backoff
from autopost.domain.publication import PublicationStatus
from autopost.sandbox.app import create_app
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN

pytestmark = pytest.mark.integration

POSTS = 20
LOST = POSTS // 2
# The client gives up after TIMEOUT; a lost answer would come LATE seconds after the work.
TIMEOUT = 0.2
LATE = 0.6


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    # A call that is merely slow on a busy machine is retried too, within the window.
    world.policy = PublishingPolicy(
        lease=timedelta(seconds=60), backoff=Backoff(base=timedelta(seconds=10))
    )
    return world


@pytest.fixture
async def graph(world: Harness) -> AsyncIterator[str]:
    """The sandbox on a free loopback port, on the clock the use cases read."""
    async with served_on_loopback(create_app(clock=world.clock)) as url:
        yield url


async def test_every_post_is_published_once_when_half_the_publish_answers_are_lost(
    world: Harness, graph: str
) -> None:
    async with (
        httpx.AsyncClient(base_url=graph, timeout=10.0) as control,
        httpx.AsyncClient(timeout=TIMEOUT) as client,
    ):
        world.gateway = HttpxInstagramGateway(client, f"{graph}/v24.0", world.clock)  # type: ignore[assignment]
        lose = {"path_suffix": "media_publish", "action": "delay_after", "seconds": LATE}
        (await control.post("/_sandbox/faults", json={**lose, "times": LOST})).raise_for_status()
        captions = [f"post {n}" for n in range(POSTS)]
        views = [
            await world.schedule(at=NOON, caption=caption, token=DEMO_ACCESS_TOKEN)
            for caption in captions
        ]

        await world.run_until(NOON + timedelta(minutes=10))

        assert (await control.get("/_sandbox/faults")).json()["data"] == [], "answers were lost"
        events = (await control.get("/_sandbox/instagram/published")).json()["data"]
    assert sorted(e["caption"] for e in events) == sorted(captions), "each on Instagram once"
    media_of = {e["caption"]: e["media_id"] for e in events}
    for view in views:
        assert view.post.id is not None
        publication = (await world.get(view.post.id)).publication
        assert publication.status is PublicationStatus.PUBLISHED
        assert publication.remote_id == media_of[view.post.content.caption]
