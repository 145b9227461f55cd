"""A video pin through the Pinterest gateway against `autopost sandbox`: registered, the file
streamed to the upload address with its signed fields, its status asked until it succeeded,
then pinned by its media id with a cover."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from platform_kit import SANDBOX_BASE, FakeClock

from autopost.adapters.platforms.pinterest_api import HttpxPinterestGateway
from autopost.adapters.security.system_clock import SystemClock
from autopost.application.ports.pinterest_gateway import (
    MediaStatus,
    PinRequest,
    PinVideo,
    VideoUpload,
)
from autopost.application.ports.platform_errors import PermanentPlatformError

pytestmark = pytest.mark.integration

TOKEN = "sandbox-pinterest-token"
BOARD = "900579325426238155"
VIDEO = b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 400


@pytest.fixture
def gateway(sandbox: httpx.AsyncClient) -> HttpxPinterestGateway:
    return HttpxPinterestGateway(
        sandbox,
        f"{SANDBOX_BASE}/pinterest/v5",
        f"{SANDBOX_BASE}/pinterest/oauth/",
        "sandbox-client-id",
        "sandbox-client-secret",
        "http://autopost.test/auth/pinterest/callback/",
        SystemClock(),
    )


async def chunks(data: bytes, size: int = 4096) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def test_a_video_is_uploaded_processed_and_pinned(
    gateway: HttpxPinterestGateway, clock: FakeClock
) -> None:
    upload = await gateway.register_video(TOKEN)
    assert "x-amz-signature" not in repr(upload)
    assert await gateway.media_status(TOKEN, upload.media_id) is MediaStatus.REGISTERED
    await gateway.upload_video(upload, chunks(VIDEO), len(VIDEO), "dance.mp4")
    assert await gateway.media_status(TOKEN, upload.media_id) is MediaStatus.PROCESSING
    clock.advance(timedelta(seconds=5))  # the sandbox processes a video for 5 s
    assert await gateway.media_status(TOKEN, upload.media_id) is MediaStatus.SUCCEEDED

    video = PinVideo(upload.media_id, cover_image_url="https://cdn.example.com/cover.jpg")
    pin = await gateway.create_pin(TOKEN, PinRequest(BOARD, "", title="A dance", video=video))
    assert pin.pin_id


async def test_an_upload_with_the_wrong_fields_is_refused(gateway: HttpxPinterestGateway) -> None:
    upload = await gateway.register_video(TOKEN)
    forged = VideoUpload(upload.media_id, upload.upload_url, {"key": "someone-else"})
    with pytest.raises(PermanentPlatformError):
        await gateway.upload_video(forged, chunks(VIDEO), len(VIDEO), "dance.mp4")
