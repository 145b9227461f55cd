"""The settings choose where the library's files are kept: the media directory, or the
bucket when one is set, reached with the configured endpoint, keys and prefix."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.integration.storage.s3_server import (
    ACCESS_KEY_ID,
    REGION,
    SECRET_ACCESS_KEY,
    kept_in,
)

from autopost.adapters.storage.disk_media_storage import DiskMediaStorage
from autopost.adapters.storage.s3_media_storage import S3MediaStorage
from autopost.entrypoints.container import opened_container
from autopost.entrypoints.settings import Settings

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client

pytestmark = pytest.mark.integration
KEY = "0123456789abcdef0123456789abcdef.jpg"


async def one_chunk() -> AsyncIterator[bytes]:
    yield b"photo"


def s3_settings(var_dir: Path, endpoint: str, bucket: str) -> Settings:
    return Settings(
        var_dir=var_dir,
        secret_key="test-secret-key",
        media_s3_bucket=bucket,
        media_s3_endpoint_url=endpoint,
        media_s3_region=REGION,
        media_s3_access_key_id=ACCESS_KEY_ID,
        media_s3_secret_access_key=SECRET_ACCESS_KEY,
        media_s3_prefix="autopost/",
    )


async def test_without_a_bucket_the_files_go_to_the_media_directory(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path, secret_key="test-secret-key")
    async with opened_container(settings, broker=None) as container:
        storage = container.infrastructure.media_storage()
        assert isinstance(storage, DiskMediaStorage)
        await storage.save(KEY, one_chunk(), limit=100)
    assert [p.name for p in (tmp_path / "media").rglob("*") if p.is_file()] == [KEY]


async def test_a_bucket_puts_the_files_in_it(
    tmp_path: Path, s3_endpoint: str, s3_client: S3Client, bucket: str
) -> None:
    async with opened_container(s3_settings(tmp_path, s3_endpoint, bucket), None) as container:
        storage = container.infrastructure.media_storage()
        assert isinstance(storage, S3MediaStorage)
        # The same one for every use case of the process.
        assert container.infrastructure.media_storage() is storage
        await storage.save(KEY, one_chunk(), limit=100)
        assert b"".join([c async for c in storage.read(KEY)]) == b"photo"
    assert await kept_in(s3_client, bucket) == [f"autopost/{KEY}"]
    assert not (tmp_path / "media").exists()


def test_the_secret_access_key_is_never_shown(tmp_path: Path) -> None:
    settings = s3_settings(tmp_path, "http://127.0.0.1:9", "media")
    assert SECRET_ACCESS_KEY not in repr(settings)
    assert SECRET_ACCESS_KEY not in str(settings)
