"""Instagram's publishing options against `autopost sandbox`: Autopost's publishing use case
with its Graph gateway, on loopback, on the test's clock. Each option reaches the container
Instagram takes it on, and the sandbox (which refuses them anywhere else) publishes the post."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

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

CLIP = "https://cdn.example.com/clip.mp4"
COVER = "https://cdn.example.com/cover.jpg"
PHOTO = "https://cdn.example.com/photo.jpg"


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    return world


@pytest.fixture
async def graph(world: Harness) -> AsyncIterator[str]:
    async with served_on_loopback(create_app(clock=world.clock)) as url:
        yield url


async def publish(world: Harness, graph: str, **content: Any) -> dict[str, Any]:
    """Schedules the post at noon, runs the clock past it, and answers what the sandbox
    recorded of its publish, with the media's ``fields``."""
    fields = content.pop("fields")
    async with httpx.AsyncClient(timeout=10.0) as client:
        world.gateway = HttpxInstagramGateway(client, f"{graph}/v24.0", world.clock)  # type: ignore[assignment]
        view = await world.schedule(at=NOON, token=DEMO_ACCESS_TOKEN, **content)
        await world.run_until(NOON + timedelta(minutes=10))
    assert view.post.id is not None
    publication = (await world.get(view.post.id)).publication
    assert publication.status is PublicationStatus.PUBLISHED, publication.last_error
    async with httpx.AsyncClient(base_url=graph, timeout=10.0) as reader:
        events = (await reader.get("/_sandbox/instagram/published")).json()["data"]
        (event,) = [e for e in events if e["media_id"] == publication.remote_id]
        params = {"fields": fields, "access_token": DEMO_ACCESS_TOKEN}
        media = (await reader.get(f"/v24.0/{publication.remote_id}", params=params)).json()
    return {**event, "media": media}


async def test_a_reel_is_published_with_its_cover_audio_trial_and_off_the_feed(
    world: Harness, graph: str
) -> None:
    published = await publish(
        world,
        graph,
        content_type=ContentType.REEL,
        url=CLIP,
        cover_url=COVER,
        thumb_offset=1500,
        share_to_feed=False,
        audio_name="Morning theme",
        trial_params={"graduation_strategy": "MANUAL"},
        collaborators=["ana"],
        fields="media_product_type,thumbnail_url,is_shared_to_feed",
    )

    assert published["media"]["media_product_type"] == "REELS"
    assert published["media"]["thumbnail_url"] == COVER
    assert published["media"]["is_shared_to_feed"] is False
    assert published["audio_name"] == "Morning theme"
    assert published["trial_params"] == {"graduation_strategy": "MANUAL"}
    assert published["collaborators"] == ["ana"]


async def test_a_carousel_is_published_with_collaborators_and_described_images(
    world: Harness, graph: str
) -> None:
    items = [{"url": PHOTO, "alt_text": "A cat on a sofa"}, {"url": CLIP}]
    published = await publish(
        world,
        graph,
        content_type=ContentType.CAROUSEL,
        url=None,
        children=items,
        collaborators=["ana", "bob"],
        location_id="110843418940484",
        fields="media_type,children{alt_text}",
    )

    assert published["media"]["media_type"] == "CAROUSEL_ALBUM"
    assert published["collaborators"] == ["ana", "bob"]
    assert published["location_id"] == "110843418940484"
    children = published["media"]["children"]["data"]
    assert [c.get("alt_text") for c in children] == ["A cat on a sofa", None]


async def test_a_photo_is_published_with_its_alt_text(world: Harness, graph: str) -> None:
    published = await publish(
        world, graph, url=PHOTO, alt_text="A cat on a sofa", fields="alt_text"
    )

    assert published["media"]["alt_text"] == "A cat on a sofa"


async def test_a_photo_and_a_reel_are_published_with_their_product_tags(
    world: Harness, graph: str
) -> None:
    on_photo = [{"product_id": "7700112233", "x": 0.4, "y": 0.6}]
    published = await publish(world, graph, url=PHOTO, product_tags=on_photo, fields="id")
    assert published["product_tags"] == on_photo


async def test_a_story_is_published_with_its_user_tags(world: Harness, graph: str) -> None:
    published = await publish(
        world,
        graph,
        content_type=ContentType.STORY,
        url=PHOTO,
        caption=None,
        user_tags=[{"username": "ana"}],
        fields="media_product_type",
    )

    assert published["media"]["media_product_type"] == "STORY"
    assert published["user_tags"] == [{"username": "ana"}]
