"""What the media library keeps: told by the bytes, held to the platforms' sizes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from autopost.domain.errors import ValidationFailed
from autopost.domain.library import (
    IMAGE_MAX_BYTES,
    VIDEO_MAX_BYTES,
    LibraryItem,
    MediaFormat,
    checked_format,
    clean_filename,
    instagram_refusal,
    referenced_item,
    size_limit,
    sniff,
)
from autopost.domain.media import MediaKind

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00"
MOV = b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (JPEG, MediaFormat.JPEG),
        (PNG, MediaFormat.PNG),
        (MP4, MediaFormat.MP4),
        (MOV, MediaFormat.MOV),
    ],
)
def test_a_file_is_known_by_its_first_bytes(head: bytes, expected: MediaFormat) -> None:
    assert sniff(head) is expected


def test_a_script_is_no_media_whatever_it_is_called() -> None:
    with pytest.raises(ValidationFailed) as refused:
        checked_format(b"<script>alert(1)</script>", "image/jpeg")
    assert "file" in refused.value.errors


def test_bytes_that_contradict_the_declared_type_are_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        checked_format(PNG, "video/mp4")
    assert "image/png" in refused.value.errors["file"][0]


@pytest.mark.parametrize("declared", ["", "application/octet-stream", "image/jpg", "IMAGE/JPEG"])
def test_an_undeclared_or_aliased_type_is_judged_by_the_bytes(declared: str) -> None:
    assert checked_format(JPEG, declared) is MediaFormat.JPEG


def test_videos_are_videos_and_pictures_images() -> None:
    assert MediaFormat.MOV.kind is MediaKind.VIDEO
    assert MediaFormat.PNG.kind is MediaKind.IMAGE


def test_the_platforms_limits_hold_whatever_the_server_allows() -> None:
    assert size_limit(MediaFormat.JPEG, 10 * VIDEO_MAX_BYTES) == IMAGE_MAX_BYTES == 20 * 1024**2
    assert size_limit(MediaFormat.MP4, 10 * VIDEO_MAX_BYTES) == VIDEO_MAX_BYTES


def test_the_servers_lower_limit_wins() -> None:
    assert size_limit(MediaFormat.MP4, 1000) == 1000


def test_a_file_name_keeps_no_path_and_no_control_characters() -> None:
    assert clean_filename("../../etc/pass\x00wd") == "passwd"
    assert clean_filename("C:\\photos\\cat.jpg") == "cat.jpg"
    assert clean_filename("/") == "upload"


@pytest.mark.parametrize(
    ("url", "expected"),
    [("library:42", 42), ("library:0", None), ("library:42x", None), ("https://x/y.jpg", None)],
)
def test_a_post_names_a_library_item_as_library_colon_id(url: str, expected: int | None) -> None:
    assert referenced_item(url) == expected


def _item(media_format: MediaFormat, size: int) -> LibraryItem:
    return LibraryItem(
        media_format=media_format,
        size=size,
        filename="f",
        storage_key="k",
        uploaded_at=datetime(2026, 12, 6, tzinfo=UTC),
    )


def test_instagram_takes_jpeg_images_of_8_mb_and_videos_of_300_mb() -> None:
    assert instagram_refusal(_item(MediaFormat.JPEG, 8 * 1024**2)) is None
    assert "8 MB" in (instagram_refusal(_item(MediaFormat.JPEG, 8 * 1024**2 + 1)) or "")
    assert "JPEG" in (instagram_refusal(_item(MediaFormat.PNG, 100)) or "")
    assert instagram_refusal(_item(MediaFormat.MOV, 300 * 1024**2)) is None
    assert "300 MB" in (instagram_refusal(_item(MediaFormat.MP4, 300 * 1024**2 + 1)) or "")
