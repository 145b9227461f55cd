"""The settings choose where the library's files are kept: the media directory, or the
bucket when one is set, reached with the configured endpoint, keys and prefix."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
from aiobotocore.config import AioConfig
from tests.integration.storage.s3_server import (
    ACCESS_KEY_ID,
    REGION,
    SECRET_ACCESS_KEY,
    kept_in,
)

from autopost.adapters.persistence.migrate import upgrade_database_async
from autopost.adapters.storage.disk_media_storage import DiskMediaStorage
from autopost.adapters.storage.s3_media_storage import S3MediaStorage
from autopost.application.access import SYSTEM
from autopost.application.library.links import MediaLinks
from autopost.application.library.upload import Upload
from autopost.entrypoints.container import opened_container
from autopost.entrypoints.container.storage import MAX_CONNECTIONS, s3_options
from autopost.entrypoints.settings import Settings

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client

pytestmark = pytest.mark.integration
KEY = "0123456789abcdef0123456789abcdef.jpg"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 40


async def one_chunk() -> AsyncIterator[bytes]:
    yield b"photo"


def s3_settings(var_dir: Path, endpoint: str, bucket: str, **more: str) -> Settings:
    return Settings(
        var_dir=var_dir,
        **more,  # type: ignore[arg-type]
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


async def test_a_file_saved_on_one_machine_is_opened_and_deleted_on_another(
    tmp_path: Path, s3_endpoint: str, s3_client: S3Client, bucket: str
) -> None:
    """Two machines, each its own disk (VAR_DIR), one database and one bucket: what the API
    saved on one, a process on the other sends to a platform by its signed link."""
    database_url = f"sqlite:///{tmp_path / 'shared.db'}"

    def machine(name: str) -> Settings:
        return s3_settings(tmp_path / name, s3_endpoint, bucket, database_url=database_url)

    async def one_photo() -> AsyncIterator[bytes]:
        yield JPEG

    async with opened_container(machine("api"), None) as api:
        await upgrade_database_async(api.infrastructure.engine())
        upload = Upload("cat.jpg", "image/jpeg", one_photo())
        item = await api.library.upload_media().execute(SYSTEM, upload)
    async with opened_container(machine("worker"), None) as worker:
        base = worker.infrastructure
        link = MediaLinks(base.uow(), base.clock(), base.media_link_policy()).link(item)
        query = parse_qs(urlsplit(link).query)
        opened = await worker.library.open_signed_file().execute(
            item.id or 0, item.media_format.suffix, int(query["expires"][0]), query["signature"][0]
        )
        assert b"".join([c async for c in opened.chunks]) == JPEG
        await worker.library.delete_library_item().execute(SYSTEM, item.id or 0)
    assert await kept_in(s3_client, bucket) == []
    assert not (tmp_path / "api" / "media").exists()


def test_the_client_keeps_connections_for_many_reads_and_puts_the_bucket_in_the_path(
    tmp_path: Path,
) -> None:
    options = s3_options(s3_settings(tmp_path, "http://127.0.0.1:9", "media"))
    config = options["config"]
    assert isinstance(config, AioConfig)
    assert config.max_pool_connections == MAX_CONNECTIONS
    assert config.s3 == {"addressing_style": "path"}
    assert options["endpoint_url"] == "http://127.0.0.1:9"
