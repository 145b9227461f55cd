"""Instagram's publishing options from a scheduled post to the container Instagram is asked
for: each in the call Graph takes it in, refused before anything is stored when it breaks a
limit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.application.ports.instagram_gateway import ContainerItem
from autopost.domain.errors import ValidationFailed
from autopost.domain.post import ContentType
from tests.harness import NOON, Harness

CLIP = "https://cdn.example.com/r.mp4"
COVER = "https://cdn.example.com/cover.jpg"


@pytest.fixture
def world() -> Harness:
    world = Harness()
    world.clock.set(NOON - timedelta(minutes=5))
    return world


async def test_a_photo_asks_for_its_alt_text_collaborators_and_place(world: Harness) -> None:
    await world.schedule(alt_text="A cat", collaborators=["ana", "bob"], location_id="1234")
    await world.run_until(NOON)
    (request,) = world.gateway.requests
    assert (request.alt_text, request.collaborators, request.location_id) == (
        "A cat",
        ("ana", "bob"),
        "1234",
    )


async def test_a_reel_asks_for_its_cover_audio_trial_and_stays_off_the_feed(
    world: Harness,
) -> None:
    await world.schedule(
        content_type=ContentType.REEL,
        url=CLIP,
        cover_url=COVER,
        thumb_offset=1500,
        share_to_feed=False,
        audio_name="Theme",
        trial_params={"graduation_strategy": "SS_PERFORMANCE"},
    )
    await world.run_until(NOON)
    (request,) = world.gateway.requests
    assert request.media_type == "REELS"
    assert (request.cover_url, request.thumb_offset, request.share_to_feed) == (COVER, 1500, False)
    assert request.audio_name == "Theme"
    assert request.trial_params == {"graduation_strategy": "SS_PERFORMANCE"}


@pytest.mark.parametrize(
    ("content_type", "asked", "shared"),
    [
        (ContentType.REEL, None, True),
        (ContentType.VIDEO, None, True),
        (ContentType.VIDEO, True, True),
    ],
)
async def test_a_reel_is_shown_in_the_feed_unless_its_author_says_not(
    world: Harness, content_type: ContentType, asked: bool | None, shared: bool
) -> None:
    await world.schedule(content_type=content_type, url=CLIP, share_to_feed=asked)
    await world.run_until(NOON)
    assert world.gateway.requests[0].share_to_feed is shared


async def test_a_carousel_asks_for_collaborators_once_and_alt_text_per_image(
    world: Harness,
) -> None:
    items = [{"url": "https://cdn.example.com/1.jpg", "alt_text": "A cat"}, {"url": CLIP}]
    await world.schedule(
        content_type=ContentType.CAROUSEL, url=None, children=items, collaborators=["ana"]
    )
    await world.run_until(NOON)
    (request,) = world.gateway.requests
    assert request.collaborators == ("ana",)
    assert request.children == (
        ContainerItem("https://cdn.example.com/1.jpg", is_video=False, alt_text="A cat"),
        ContainerItem(CLIP, is_video=True),
    )


async def test_a_story_asks_for_its_user_tags(world: Harness) -> None:
    await world.schedule(content_type=ContentType.STORY, user_tags=[{"username": "ana"}])
    await world.run_until(NOON)
    assert world.gateway.requests[0].user_tags == [{"username": "ana"}]


@pytest.mark.parametrize(
    "options",
    [
        {"collaborators": ["a", "b", "c", "d"]},
        {"alt_text": "a" * 1001},
        {"cover_url": COVER},
        {"trial_params": {"graduation_strategy": "NEVER"}},
    ],
)
async def test_an_option_instagram_would_refuse_is_refused_before_anything_is_stored(
    world: Harness, options: dict[str, object]
) -> None:
    with pytest.raises(ValidationFailed):
        await world.schedule(**options)
    assert world.store.rows["posts"] == {}
