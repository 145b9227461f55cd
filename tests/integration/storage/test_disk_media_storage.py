"""The library's files on a real disk: written as they come, complete or not at all."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from autopost.adapters.storage.disk_media_storage import DiskMediaStorage
from autopost.application.ports.media_storage import StoredTooLarge

pytestmark = pytest.mark.integration
KEY = "0123456789abcdef0123456789abcdef.mp4"


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


async def test_a_saved_file_reads_back_whole(tmp_path: Path) -> None:
    storage = DiskMediaStorage(tmp_path)
    assert await storage.save(KEY, chunks(b"abc", b"def"), limit=6) == 6
    assert b"".join([c async for c in storage.read(KEY)]) == b"abcdef"
    (kept,) = files_under(tmp_path)
    assert kept.name == KEY


async def test_a_file_past_its_limit_leaves_nothing(tmp_path: Path) -> None:
    storage = DiskMediaStorage(tmp_path)
    with pytest.raises(StoredTooLarge):
        await storage.save(KEY, chunks(b"abc", b"defg"), limit=6)
    assert files_under(tmp_path) == []


async def test_a_failure_part_way_leaves_nothing(tmp_path: Path) -> None:
    async def broken() -> AsyncIterator[bytes]:
        yield b"abc"
        raise ConnectionResetError("the client went away")

    storage = DiskMediaStorage(tmp_path)
    with pytest.raises(ConnectionResetError):
        await storage.save(KEY, broken(), limit=100)
    assert files_under(tmp_path) == []


async def test_a_deleted_file_is_gone_and_deleting_again_is_no_error(tmp_path: Path) -> None:
    storage = DiskMediaStorage(tmp_path)
    await storage.save(KEY, chunks(b"abc"), limit=6)
    await storage.delete(KEY)
    await storage.delete(KEY)
    assert files_under(tmp_path) == []
    with pytest.raises(FileNotFoundError):
        [c async for c in storage.read(KEY)]


@pytest.mark.parametrize("key", ["../../etc/passwd", "a/b.jpg", "ABC.jpg", ".jpg"])
async def test_a_key_that_is_not_autopost_s_own_never_becomes_a_path(
    tmp_path: Path, key: str
) -> None:
    storage = DiskMediaStorage(tmp_path / "media")
    with pytest.raises(ValueError):
        await storage.save(key, chunks(b"abc"), limit=6)
    assert files_under(tmp_path) == []
