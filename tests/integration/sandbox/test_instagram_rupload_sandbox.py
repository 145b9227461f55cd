"""Instagram's resumable upload in the Graph emulator: a REELS container made with
``upload_type=resumable`` answers an upload uri, is IN_PROGRESS until the file came there
with the OAuth token and the offset and file_size headers, then processes like any video;
what Instagram refuses on the way is refused."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sandbox_kit import AUTH, USER, FakeClock

from autopost.sandbox import InstagramSettings, SandboxSettings
from autopost.sandbox.settings import DEMO_ACCESS_TOKEN

pytestmark = pytest.mark.integration

VIDEO = b"\x00\x00\x00\x18ftypisom" + b"\x00" * 4000


@pytest.fixture
def sandbox_settings() -> SandboxSettings:
    return SandboxSettings(InstagramSettings(video_processing_seconds=30))


async def resumable(sandbox: httpx.AsyncClient, **params: str) -> dict[str, Any]:
    answer = await sandbox.post(
        f"{USER}/media",
        data={"media_type": "REELS", "upload_type": "resumable", "caption": "hi", **params},
        headers=AUTH,
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


async def send(
    sandbox: httpx.AsyncClient, uri: str, data: bytes = VIDEO, **headers: str
) -> httpx.Response:
    sent = {
        "Authorization": f"OAuth {DEMO_ACCESS_TOKEN}",
        "offset": "0",
        "file_size": str(len(data)),
        **headers,
    }
    return await sandbox.post(uri, content=data, headers=sent)


async def status(sandbox: httpx.AsyncClient, container_id: str) -> str:
    answer = await sandbox.get(f"/{container_id}?fields=status_code", headers=AUTH)
    return str(answer.json()["status_code"])


async def test_a_reel_uploaded_to_its_uri_is_processed_and_published(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    container = await resumable(sandbox)
    assert container["uri"].endswith(f"/ig-api-upload/v24.0/{container['id']}")
    clock.advance(minutes=5)
    assert await status(sandbox, container["id"]) == "IN_PROGRESS"  # no file yet

    answer = await send(sandbox, container["uri"])
    assert answer.json() == {"success": True, "message": "Upload successful."}
    assert await status(sandbox, container["id"]) == "IN_PROGRESS"
    clock.advance(seconds=30)
    assert await status(sandbox, container["id"]) == "FINISHED"
    published = await sandbox.post(
        f"{USER}/media_publish", data={"creation_id": container["id"]}, headers=AUTH
    )
    assert published.status_code == 200, published.text


async def test_what_the_upload_refuses(sandbox: httpx.AsyncClient, clock: FakeClock) -> None:
    container = await resumable(sandbox)
    uri = container["uri"]
    assert (await send(sandbox, uri, Authorization="Bearer x")).status_code == 401
    assert (await send(sandbox, uri, Authorization="OAuth wrong")).status_code == 401
    assert (await send(sandbox, uri, offset="10")).status_code == 400
    assert (await send(sandbox, uri, file_size="1")).status_code == 400
    assert (await send(sandbox, uri)).status_code == 200
    assert (await send(sandbox, uri)).status_code == 400  # once


async def test_bytes_that_are_no_video_end_in_error(
    sandbox: httpx.AsyncClient, clock: FakeClock
) -> None:
    container = await resumable(sandbox)
    await send(sandbox, container["uri"], data=b"\xff\xd8\xff a photo")
    clock.advance(seconds=30)
    assert await status(sandbox, container["id"]) == "ERROR"


@pytest.mark.parametrize(
    "params",
    [
        {"video_url": "https://cdn.example.com/a.mp4"},
        {"media_type": "CAROUSEL"},
        {"upload_type": "chunked"},
    ],
)
async def test_a_resumable_container_takes_no_url_and_is_a_reel_or_story(
    sandbox: httpx.AsyncClient, params: dict[str, str]
) -> None:
    answer = await sandbox.post(
        f"{USER}/media",
        data={"media_type": "REELS", "upload_type": "resumable", **params},
        headers=AUTH,
    )
    assert answer.status_code == 400
