"""Pins of library files. A video pin: the library's video uploaded to Pinterest, waited
for while Pinterest processes it, then pinned by its media id with a cover. An image: a
signed link, or the image itself when Autopost has no public https address."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from autopost.application.library.links import MediaLinkPolicy
from autopost.domain.post import ContentType
from autopost.domain.publication import PublicationStatus
from tests.harness import NOON, Harness, pinterest_world

VIDEO = b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"cover" * 50


@pytest.fixture
def world() -> Harness:
    return pinterest_world()


async def video_pin(world: Harness, **fields: object) -> None:
    await world.connect_pinterest()
    clip = await world.upload("dance.mp4", VIDEO, "video/mp4")
    await world.schedule_pin(
        at=NOON, board_id="900", content_type=ContentType.VIDEO, url=f"library:{clip.id}", **fields
    )


def publication_of(world: Harness) -> object:
    (publication,) = world.store.rows["publications"].values()
    return publication


async def test_a_library_video_is_uploaded_processed_and_pinned_with_its_first_frame(
    world: Harness,
) -> None:
    await video_pin(world, title="Dance")
    await world.run_until(NOON + timedelta(minutes=1))

    (media_id,) = world.pinterest.videos
    assert world.pinterest.videos[media_id] == VIDEO  # the file, as it is in the library
    (pin,) = world.pinterest.created
    assert pin.video is not None
    assert (pin.video.media_id, pin.video.cover_key_frame_time) == (media_id, 0)
    assert pin.image_url == ""
    # Pinterest was asked until it had processed the video, not before.
    assert world.pinterest.calls.count("media_status") >= 2
    assert publication_of(world).status is PublicationStatus.PUBLISHED  # type: ignore[attr-defined]


async def test_a_library_cover_is_sent_as_a_signed_link(world: Harness) -> None:
    cover = await world.upload("cover.jpg", JPEG, "image/jpeg")
    await video_pin(world, cover_url=f"library:{cover.id}")
    await world.run_until(NOON + timedelta(minutes=1))

    (pin,) = world.pinterest.created
    assert pin.video is not None and pin.video.cover_image_url is not None
    assert urlsplit(pin.video.cover_image_url).path == f"/media-files/{cover.id}.jpg"
    assert await world.open_link(pin.video.cover_image_url) == JPEG


async def test_an_image_named_as_a_video_pins_nothing(world: Harness) -> None:
    await world.connect_pinterest()
    image = await world.upload("cover.jpg", JPEG, "image/jpeg")
    await world.schedule_pin(
        at=NOON, board_id="900", content_type=ContentType.VIDEO, url=f"library:{image.id}"
    )
    await world.run_until(NOON + timedelta(minutes=1))

    publication = publication_of(world)
    assert publication.status is PublicationStatus.FAILED  # type: ignore[attr-defined]
    assert "not a video" in (publication.error or "")  # type: ignore[attr-defined]
    assert world.pinterest.videos == {}
    assert world.pinterest.created == []


async def test_a_video_pinterest_cannot_process_fails_the_pin(world: Harness) -> None:
    from autopost.application.ports.pinterest_gateway import MediaStatus

    world.pinterest.script["media_status"] = [MediaStatus.FAILED]
    await video_pin(world)
    await world.run_until(NOON + timedelta(minutes=1))

    publication = publication_of(world)
    assert publication.status is PublicationStatus.FAILED  # type: ignore[attr-defined]
    assert "could not process" in (publication.error or "")  # type: ignore[attr-defined]
    assert world.pinterest.created == []


async def test_without_a_public_https_address_a_library_image_is_sent_in_the_request(
    world: Harness,
) -> None:
    world.link_policy = MediaLinkPolicy("http://127.0.0.1:8000", timedelta(days=1), b"k")
    await world.connect_pinterest()
    image = await world.upload("quiz.jpg", JPEG, "image/jpeg")
    await world.schedule_pin(at=NOON, board_id="900", url=f"library:{image.id}")
    await world.run_until(NOON + timedelta(minutes=1))

    (pin,) = world.pinterest.created
    assert pin.inline_image is not None
    assert (pin.inline_image.content_type, pin.inline_image.data) == ("image/jpeg", JPEG)
    assert pin.image_url == ""


async def test_with_a_public_https_address_a_library_image_is_sent_as_a_link(
    world: Harness,
) -> None:
    await world.connect_pinterest()
    image = await world.upload("quiz.jpg", JPEG, "image/jpeg")
    await world.schedule_pin(at=NOON, board_id="900", url=f"library:{image.id}")
    await world.run_until(NOON + timedelta(minutes=1))

    (pin,) = world.pinterest.created
    assert pin.inline_image is None
    assert await world.open_link(pin.image_url) == JPEG
