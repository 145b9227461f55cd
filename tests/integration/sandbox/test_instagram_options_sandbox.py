"""The Graph emulator takes every publishing option ``POST /{ig-user-id}/media`` has, on the
containers Instagram takes it on, and refuses it elsewhere or past Instagram's limits."""

from __future__ import annotations

import json

import httpx
import pytest
from sandbox_kit import AUTH, USER, FakeClock
from sandbox_kit import traced_error_of as error_of

from autopost.sandbox import InstagramSettings, SandboxSettings

pytestmark = pytest.mark.integration

IMAGE = "https://cdn.example.com/photo.jpg"
VIDEO = "https://cdn.example.com/clip.mp4"
COVER = "https://cdn.example.com/cover.jpg"
MANUAL = json.dumps({"graduation_strategy": "MANUAL"})
PRODUCT = json.dumps([{"product_id": "7700112233", "x": 0.4, "y": 0.6}])
TWENTY_ONE = json.dumps([{"product_id": str(n), "x": 0, "y": 0} for n in range(21)])


@pytest.fixture
def sandbox_settings() -> SandboxSettings:
    return SandboxSettings(InstagramSettings(video_processing_seconds=30))


async def create(client: httpx.AsyncClient, **params: str) -> httpx.Response:
    return await client.post(f"{USER}/media", data=params, headers=AUTH)


async def created_id(client: httpx.AsyncClient, **params: str) -> str:
    response = await create(client, **params)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


async def published(client: httpx.AsyncClient, container: str) -> dict[str, object]:
    answer = await client.post(
        f"{USER}/media_publish", data={"creation_id": container}, headers=AUTH
    )
    assert answer.status_code == 200, answer.text
    (event,) = [
        e
        for e in (await client.get("/_sandbox/instagram/published")).json()["data"]
        if e["media_id"] == answer.json()["id"]
    ]
    return dict(event)


async def media_fields(
    client: httpx.AsyncClient, media_id: object, fields: str
) -> dict[str, object]:
    return dict((await client.get(f"/{media_id}?fields={fields}", headers=AUTH)).json())


async def test_a_photo_keeps_its_alt_text_collaborators_and_place(
    sandbox: httpx.AsyncClient,
) -> None:
    container = await created_id(
        sandbox,
        image_url=IMAGE,
        alt_text="A cat on a sofa",
        collaborators=json.dumps(["ana", "bob"]),
        location_id="110843418940484",
    )

    event = await published(sandbox, container)

    assert (event["collaborators"], event["location_id"]) == (["ana", "bob"], "110843418940484")
    media = await media_fields(sandbox, event["media_id"], "alt_text")
    assert media["alt_text"] == "A cat on a sofa"


async def test_a_reel_keeps_its_cover_audio_trial_and_feed_choice(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    container = await created_id(
        sandbox,
        media_type="REELS",
        video_url=VIDEO,
        cover_url=COVER,
        thumb_offset="1500",
        share_to_feed="false",
        audio_name="Morning theme",
        trial_params=MANUAL,
        collaborators="ana",
    )
    clock.advance(seconds=30)

    event = await published(sandbox, container)

    assert event["audio_name"] == "Morning theme"
    assert event["trial_params"] == {"graduation_strategy": "MANUAL"}
    assert event["collaborators"] == ["ana"]
    media = await media_fields(sandbox, event["media_id"], "thumbnail_url,is_shared_to_feed")
    assert media == {"id": event["media_id"], "thumbnail_url": COVER, "is_shared_to_feed": False}


async def test_a_carousel_takes_collaborators_and_its_images_their_alt_text(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    photo = await created_id(sandbox, image_url=IMAGE, is_carousel_item="true", alt_text="A cat")
    clip = await created_id(sandbox, media_type="VIDEO", video_url=VIDEO, is_carousel_item="true")
    album = await created_id(
        sandbox, media_type="CAROUSEL", children=f"{photo},{clip}", collaborators="ana,bob"
    )
    clock.advance(seconds=30)

    event = await published(sandbox, album)

    assert event["collaborators"] == ["ana", "bob"]
    media = await media_fields(sandbox, event["media_id"], "children{alt_text}")
    children = media["children"]["data"]  # type: ignore[index]
    assert [c.get("alt_text") for c in children] == ["A cat", None]


async def test_a_story_takes_user_tags(sandbox: httpx.AsyncClient) -> None:
    tags = json.dumps([{"username": "ana"}])
    container = await created_id(sandbox, media_type="STORIES", image_url=IMAGE, user_tags=tags)

    event = await published(sandbox, container)

    assert (event["media_product_type"], event["user_tags"]) == ("STORY", [{"username": "ana"}])


@pytest.mark.parametrize(
    ("params", "words"),
    [
        (
            {"image_url": IMAGE, "is_carousel_item": "true", "collaborators": "ana"},
            "not supported on a carousel item",
        ),
        ({"image_url": IMAGE, "collaborators": "a,b,c,d"}, "more than 3 collaborators"),
        ({"media_type": "STORIES", "image_url": IMAGE, "collaborators": "ana"}, "STORIES"),
        ({"image_url": IMAGE, "collaborators": "@ana"}, "not an Instagram username"),
        ({"image_url": IMAGE, "thumb_offset": "100"}, "only supported for videos"),
        ({"image_url": IMAGE, "cover_url": COVER}, "only supported for media_type REELS"),
        ({"image_url": IMAGE, "share_to_feed": "true"}, "only supported for media_type REELS"),
        ({"image_url": IMAGE, "audio_name": "Theme"}, "only supported for media_type REELS"),
        ({"image_url": IMAGE, "trial_params": MANUAL}, "only supported for media_type REELS"),
        (
            {
                "media_type": "REELS",
                "video_url": VIDEO,
                "trial_params": '{"graduation_strategy": "X"}',
            },
            "MANUAL or SS_PERFORMANCE",
        ),
        (
            {"media_type": "REELS", "video_url": VIDEO, "alt_text": "A clip"},
            "only supported for images",
        ),
        (
            {"media_type": "STORIES", "image_url": IMAGE, "alt_text": "A cat"},
            "only supported for images",
        ),
        ({"image_url": IMAGE, "alt_text": "a" * 1001}, "at most 1000 characters"),
        ({"media_type": "STORIES", "image_url": IMAGE, "location_id": "1"}, "STORIES"),
        (
            {"media_type": "STORIES", "image_url": IMAGE, "product_tags": PRODUCT},
            "not supported for STORIES",
        ),
        ({"media_type": "REELS", "video_url": VIDEO, "product_tags": PRODUCT}, "not supported"),
        ({"image_url": IMAGE, "product_tags": '[{"product_id": "7"}]'}, "needs x"),
        ({"image_url": IMAGE, "product_tags": TWENTY_ONE}, "at most 20 tags"),
    ],
)
async def test_an_option_instagram_does_not_take_there_is_refused_with_code_100(
    sandbox: httpx.AsyncClient, params: dict[str, str], words: str
) -> None:
    error = error_of(await create(sandbox, **params))

    assert error["code"] == 100
    assert words in error["message"]


async def test_a_carousel_item_video_takes_a_cover_frame(sandbox: httpx.AsyncClient) -> None:
    await created_id(
        sandbox, media_type="VIDEO", video_url=VIDEO, is_carousel_item="true", thumb_offset="0"
    )
