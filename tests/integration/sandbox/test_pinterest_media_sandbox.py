"""The Pinterest emulator's media upload, step by step as Pinterest documents it: register,
upload to the answered address with the answered form fields, watch the status go from
``registered`` through ``processing`` to ``succeeded``, then pin by ``media_id``; and what
Pinterest refuses on the way."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from sandbox_kit import FakeClock

from autopost.sandbox.pinterest_settings import PINTEREST_DEMO_ACCESS_TOKEN

pytestmark = pytest.mark.integration

API = "/pinterest/v5"
AUTH = {"Authorization": f"Bearer {PINTEREST_DEMO_ACCESS_TOKEN}"}
BOARD = "900579325426238155"
VIDEO = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 500
COVER = "https://cdn.example.com/cover.jpg"


async def register(sandbox: httpx.AsyncClient) -> dict[str, Any]:
    answer = await sandbox.post(f"{API}/media", json={"media_type": "video"}, headers=AUTH)
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    return body


async def upload(sandbox: httpx.AsyncClient, media: dict[str, Any], data: bytes = VIDEO) -> int:
    fields = {k: v for k, v in media["upload_parameters"].items() if k != "Content-Type"}
    answer = await sandbox.post(
        media["upload_url"], data=fields, files={"file": ("clip.mp4", data, "video/mp4")}
    )
    return answer.status_code


async def status(sandbox: httpx.AsyncClient, media_id: str) -> str:
    answer = await sandbox.get(f"{API}/media/{media_id}", headers=AUTH)
    assert answer.status_code == 200, answer.text
    assert answer.json()["media_type"] == "video"
    return str(answer.json()["status"])


async def pin(sandbox: httpx.AsyncClient, media_id: str, **cover: object) -> httpx.Response:
    source = {"source_type": "video_id", "media_id": media_id, **cover}
    return await sandbox.post(
        f"{API}/pins", json={"board_id": BOARD, "media_source": source}, headers=AUTH
    )


async def test_a_video_goes_from_registered_to_succeeded_and_is_pinned(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    media = await register(sandbox)
    assert media["upload_url"].startswith("http://127.0.0.1/pinterest/media-upload/")
    assert set(media["upload_parameters"]) >= {"key", "policy", "x-amz-signature"}
    media_id = media["media_id"]
    assert await status(sandbox, media_id) == "registered"
    assert (await pin(sandbox, media_id, cover_image_url=COVER)).status_code == 400

    assert await upload(sandbox, media) == 204
    assert await status(sandbox, media_id) == "processing"
    refused = await pin(sandbox, media_id, cover_image_url=COVER)
    assert refused.status_code == 400
    assert "processing" in refused.json()["message"]

    clock.advance(seconds=5)
    assert await status(sandbox, media_id) == "succeeded"
    created = await pin(sandbox, media_id, cover_image_url=COVER)
    assert created.status_code == 201, created.text
    (event,) = (await sandbox.get("/_sandbox/pinterest/pins_created")).json()["data"]
    assert event["media_id"] == media_id


async def test_a_video_pin_needs_a_cover(sandbox: httpx.AsyncClient, clock: FakeClock) -> None:
    media = await register(sandbox)
    await upload(sandbox, media)
    clock.advance(seconds=5)
    refused = await pin(sandbox, media["media_id"])
    assert refused.status_code == 400
    assert "cover" in refused.json()["message"]
    assert (await pin(sandbox, media["media_id"], cover_image_key_frame_time=2)).status_code == 201


async def test_a_file_that_is_no_video_fails(sandbox: httpx.AsyncClient, clock: FakeClock) -> None:
    media = await register(sandbox)
    assert await upload(sandbox, media, data=b"\xff\xd8\xff not a video") == 204
    clock.advance(seconds=60)
    assert await status(sandbox, media["media_id"]) == "failed"


async def test_the_bucket_wants_the_signed_fields_and_takes_a_file_once(
    sandbox: httpx.AsyncClient,
) -> None:
    media = await register(sandbox)
    unsigned = await sandbox.post(
        media["upload_url"], files={"file": ("clip.mp4", VIDEO, "video/mp4")}
    )
    assert unsigned.status_code == 403
    assert await status(sandbox, media["media_id"]) == "registered"
    assert await upload(sandbox, media) == 204
    assert await upload(sandbox, media) == 403


async def test_only_videos_are_registered_and_only_the_owner_sees_them(
    sandbox: httpx.AsyncClient,
) -> None:
    answer = await sandbox.post(f"{API}/media", json={"media_type": "image"}, headers=AUTH)
    assert answer.status_code == 400
    assert (await sandbox.post(f"{API}/media", json={}, headers=AUTH)).status_code == 400
    assert (await sandbox.get(f"{API}/media/123", headers=AUTH)).status_code == 404
    assert (await sandbox.post(f"{API}/media", json={"media_type": "video"})).status_code == 401


async def test_an_image_sent_in_the_request_is_pinned_and_one_that_is_not_is_refused(
    sandbox: httpx.AsyncClient,
) -> None:
    jpeg = base64.b64encode(b"\xff\xd8\xff\xe0 a small photo").decode()

    async def sent(content_type: str, data: str) -> httpx.Response:
        source = {"source_type": "image_base64", "content_type": content_type, "data": data}
        return await sandbox.post(
            f"{API}/pins", json={"board_id": BOARD, "media_source": source}, headers=AUTH
        )

    assert (await sent("image/jpeg", jpeg)).status_code == 201
    assert (await sent("image/png", jpeg)).status_code == 400  # not what it says it is
    assert (await sent("image/gif", jpeg)).status_code == 400
    assert (await sent("image/jpeg", "not base64!")).status_code == 400


async def test_how_long_a_video_is_processed_is_a_setting(sandbox: httpx.AsyncClient) -> None:
    changed = await sandbox.put(
        "/_sandbox/pinterest/settings", json={"video_processing_seconds": 0}
    )
    assert changed.status_code == 200, changed.text
    media = await register(sandbox)
    await upload(sandbox, media)
    assert await status(sandbox, media["media_id"]) == "succeeded"
    refused = await sandbox.put(
        "/_sandbox/pinterest/settings", json={"video_processing_seconds": -1}
    )
    assert refused.status_code == 400
