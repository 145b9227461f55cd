"""The library's files kept for real, on a disk and in an S3 bucket (an S3 server on
loopback): written as they come, complete or not at all, whichever keeps them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
from tests.integration.storage.s3_server import kept_in

from autopost.adapters.storage.disk_media_storage import DiskMediaStorage
from autopost.adapters.storage.s3_media_storage import MIN_PART_BYTES, S3MediaStorage
from autopost.application.ports.media_storage import MediaStorage, StoredTooLarge

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client

pytestmark = pytest.mark.integration
KEY = "0123456789abcdef0123456789abcdef.mp4"
MIB = 1024 * 1024


@attrs.frozen
class Kept:
    """A storage, and what it keeps at the moment, by name."""

    storage: MediaStorage
    names: Callable[[], Awaitable[list[str]]]


@pytest.fixture(params=["disk", "s3"])
def kept(request: pytest.FixtureRequest, tmp_path: Path) -> Kept:
    if request.param == "disk":

        async def files() -> list[str]:
            return [p.name for p in files_under(tmp_path)]

        return Kept(DiskMediaStorage(tmp_path), files)
    client: S3Client = request.getfixturevalue("s3_client")
    bucket: str = request.getfixturevalue("bucket")

    async def objects() -> list[str]:
        return await kept_in(client, bucket)

    # Parts as small as S3 takes, so that a few MiB make a multipart upload.
    return Kept(S3MediaStorage(client, bucket, part_bytes=MIN_PART_BYTES), objects)


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


def mib_chunks(count: int) -> list[bytes]:
    return [bytes([n]) * MIB for n in range(count)]


# A file sent whole at the end, and one sent in parts as it comes (over two S3 parts).
SMALL = [b"abc", b"def"]
LARGE = mib_chunks(11)
SIZES = pytest.mark.parametrize("parts", [SMALL, LARGE], ids=["small", "several-parts"])


@SIZES
async def test_a_saved_file_reads_back_whole(kept: Kept, parts: list[bytes]) -> None:
    whole = b"".join(parts)
    assert await kept.storage.save(KEY, chunks(*parts), limit=len(whole)) == len(whole)
    read = [c async for c in kept.storage.read(KEY)]
    assert b"".join(read) == whole
    assert await kept.names() == [KEY]
    if parts is LARGE:
        assert len(read) > 1  # streamed, not handed over whole


@SIZES
async def test_a_file_past_its_limit_leaves_nothing(kept: Kept, parts: list[bytes]) -> None:
    limit = len(b"".join(parts)) - 1
    with pytest.raises(StoredTooLarge):
        await kept.storage.save(KEY, chunks(*parts), limit=limit)
    assert await kept.names() == []


@SIZES
async def test_a_failure_part_way_leaves_nothing(kept: Kept, parts: list[bytes]) -> None:
    async def broken() -> AsyncIterator[bytes]:
        for part in parts:
            yield part
        raise ConnectionResetError("the client went away")

    with pytest.raises(ConnectionResetError):
        await kept.storage.save(KEY, broken(), limit=100 * MIB)
    assert await kept.names() == []


async def test_a_save_cancelled_part_way_leaves_nothing(kept: Kept) -> None:
    sent = asyncio.Event()

    async def stalled() -> AsyncIterator[bytes]:
        for part in LARGE:
            yield part
        sent.set()
        await asyncio.Event().wait()

    saving = asyncio.create_task(kept.storage.save(KEY, stalled(), limit=100 * MIB))
    await sent.wait()
    saving.cancel()
    with pytest.raises(asyncio.CancelledError):
        await saving
    assert await kept.names() == []


async def test_a_missing_key_is_file_not_found(kept: Kept) -> None:
    with pytest.raises(FileNotFoundError):
        [c async for c in kept.storage.read(KEY)]


async def test_a_deleted_file_is_gone_and_deleting_again_is_no_error(kept: Kept) -> None:
    await kept.storage.save(KEY, chunks(b"abc"), limit=6)
    await kept.storage.delete(KEY)
    await kept.storage.delete(KEY)
    assert await kept.names() == []
    with pytest.raises(FileNotFoundError):
        [c async for c in kept.storage.read(KEY)]


async def test_a_prefix_goes_before_every_key_in_the_bucket(
    s3_client: S3Client, bucket: str
) -> None:
    storage = S3MediaStorage(s3_client, bucket, prefix="autopost/")
    await storage.save(KEY, chunks(b"abc"), limit=6)
    assert await kept_in(s3_client, bucket) == [f"autopost/{KEY}"]
    assert b"".join([c async for c in storage.read(KEY)]) == b"abc"
    await storage.delete(KEY)
    assert await kept_in(s3_client, bucket) == []


def test_parts_smaller_than_s3_takes_are_refused(s3_client: S3Client) -> None:
    with pytest.raises(ValueError):
        S3MediaStorage(s3_client, "media", part_bytes=MIN_PART_BYTES - 1)


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.parametrize("key", ["../../etc/passwd", "a/b.jpg", "ABC.jpg", ".jpg"])
async def test_a_key_that_is_not_autopost_s_own_never_becomes_a_path(
    tmp_path: Path, key: str
) -> None:
    storage = DiskMediaStorage(tmp_path / "media")
    with pytest.raises(ValueError):
        await storage.save(key, chunks(b"abc"), limit=6)
    assert files_under(tmp_path) == []
