"""A video pin of a library video, published by Autopost's real container to `autopost
sandbox`: the file registered, streamed to the sandbox's bucket with its signed fields,
waited for through ``processing``, and pinned by its media id once it ``succeeded``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from dependency_injector import providers
from publishing_world import START, PublishingWorld
from tests.fakes import FakePause

from autopost.application.access import SYSTEM
from autopost.application.integrations.credentials import ConnectAccount
from autopost.application.library.upload import Upload
from autopost.application.posting.posts import SchedulePost
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, PinContent
from autopost.domain.publication import PublicationStatus
from autopost.sandbox.pinterest_settings import (
    DEMO_BOARDS,
    PINTEREST_DEMO_ACCESS_TOKEN,
    PINTEREST_DEMO_REFRESH_TOKEN,
    PINTEREST_DEMO_USERNAME,
)

pytestmark = pytest.mark.integration

VIDEO = b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 1000


async def chunks(data: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(data), 64 * 1024):
        yield data[start : start + 64 * 1024]


async def test_a_library_video_becomes_a_video_pin(tmp_path: Path, database_url: str) -> None:
    world = await PublishingWorld(
        tmp_path, database_url, public_url="https://autopost.example"
    ).open()
    # Waiting for Pinterest moves the clock the sandbox reads, as time would.
    world.container.infrastructure.pause.override(providers.Object(FakePause(world.clock)))
    try:
        command = ConnectAccount(
            Platform.PINTEREST,
            PINTEREST_DEMO_USERNAME,
            PINTEREST_DEMO_ACCESS_TOKEN,
            refresh_token=PINTEREST_DEMO_REFRESH_TOKEN,
            environment="sandbox",
        )
        credential = await world.container.integrations.save_credential().execute(SYSTEM, command)
        upload = Upload("dance.mp4", "video/mp4", chunks(VIDEO))
        clip = await world.container.library.upload_media().execute(SYSTEM, upload)
        schedule = SchedulePost(
            content=PinContent(
                content_type=ContentType.VIDEO,
                url=f"library:{clip.id}",
                title="A dance",
                link="https://example.com/dance",
            ),
            date_pub=START + timedelta(minutes=1),
            credential_id=credential.id,
            board_id=DEMO_BOARDS[0][0],
        )
        view = await world.container.posting.schedule_post().execute(SYSTEM, schedule)
        assert view.publication.id is not None
        world.publication_ids.append(view.publication.id)

        await world.run_until(START + timedelta(minutes=2))

        (publication,) = await world.publications()
        assert publication.status is PublicationStatus.PUBLISHED, publication.error
        (created,) = world.pinterest.state.created
        assert created.media_id is not None
        uploaded = world.pinterest.state.media_uploads[created.media_id]
        assert uploaded.size == len(VIDEO)
        assert uploaded.is_video
    finally:
        await world.close()
