"""The media library: files people upload to Autopost, each checked by what its bytes are
(never only by what the client says they are) and held to the platforms' published sizes."""

from __future__ import annotations

import enum
import re
from datetime import datetime

from attrs import define, field

from autopost.domain.errors import Conflict, ValidationFailed
from autopost.domain.media import MediaKind

MB = 1024 * 1024
# The largest file any platform Autopost publishes to takes, by kind: Pinterest's 20 MB for
# an image (Instagram's 8 MB is checked when a post uses one) and 2 GB for a video.
IMAGE_MAX_BYTES = 20 * MB
VIDEO_MAX_BYTES = 2 * 1024 * MB
# Enough of a file's beginning to tell each format below from the others.
SNIFF_BYTES = 12
FILENAME_MAX = 200
# How a post names a library item where it would name a URL: ``library:42``.
LIBRARY_SCHEME = "library:"
_REFERENCE = re.compile(r"library:([1-9][0-9]{0,17})")


class MediaFormat(enum.StrEnum):
    """The formats the library keeps, by their media type."""

    JPEG = "image/jpeg"
    PNG = "image/png"
    MP4 = "video/mp4"
    MOV = "video/quicktime"

    @property
    def kind(self) -> MediaKind:
        return MediaKind.VIDEO if self in (MediaFormat.MP4, MediaFormat.MOV) else MediaKind.IMAGE

    @property
    def suffix(self) -> str:
        return _SUFFIXES[self]


_SUFFIXES = {
    MediaFormat.JPEG: ".jpg",
    MediaFormat.PNG: ".png",
    MediaFormat.MP4: ".mp4",
    MediaFormat.MOV: ".mov",
}
# Other names clients give the same media types.
_ALIASES = {"image/jpg": MediaFormat.JPEG, "image/pjpeg": MediaFormat.JPEG}
# A file the client could not name a type for (curl, some phones) is judged by its bytes alone.
_UNDECLARED = ("", "application/octet-stream")


def sniff(head: bytes) -> MediaFormat | None:
    """The format a file's first bytes (``SNIFF_BYTES`` of them) say it is, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return MediaFormat.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return MediaFormat.PNG
    # ISO base media (MP4, QuickTime): a box size, then ``ftyp`` and the major brand.
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return MediaFormat.MOV if head[8:12] == b"qt  " else MediaFormat.MP4
    return None


def checked_format(head: bytes, declared: str) -> MediaFormat:
    """The file's format, refused when its bytes are none the library keeps or are not what
    the client declared (a script sent as ``image/png`` is refused, not stored)."""
    found = sniff(head)
    if found is None:
        kept = ", ".join(f.value for f in MediaFormat)
        raise ValidationFailed({"file": [f"The file is none of the formats kept: {kept}."]})
    declared = declared.split(";", 1)[0].strip().lower()
    if declared not in _UNDECLARED and _ALIASES.get(declared, declared) != found:
        raise ValidationFailed(
            {"file": [f"The file was sent as {declared[:60]} but its content is {found.value}."]}
        )
    return found


def size_limit(media_format: MediaFormat, configured_max: int) -> int:
    """The most bytes a file of this format may have: the platforms' limit for its kind, or
    the server's own (``AUTOPOST_MEDIA_MAX_BYTES``) when that is lower."""
    platform_max = IMAGE_MAX_BYTES if media_format.kind is MediaKind.IMAGE else VIDEO_MAX_BYTES
    return min(platform_max, configured_max)


def too_large(media_format: MediaFormat, limit: int) -> ValidationFailed:
    noun = "An image" if media_format.kind is MediaKind.IMAGE else "A video"
    return ValidationFailed({"file": [f"{noun} may have at most {limit} bytes."]})


# Instagram's published limits: an image is a JPEG of at most 8 MB; a video (reel, story,
# carousel item) an MP4 or QuickTime file of at most 300 MB.
INSTAGRAM_IMAGE_MAX_BYTES = 8 * MB
INSTAGRAM_VIDEO_MAX_BYTES = 300 * MB


def instagram_refusal(item: LibraryItem) -> str | None:
    """Why Instagram would not take this file, or None."""
    if item.kind is MediaKind.IMAGE:
        if item.media_format is not MediaFormat.JPEG:
            return f"Instagram takes JPEG images only; {item.filename} is {item.media_format}."
        if item.size > INSTAGRAM_IMAGE_MAX_BYTES:
            return f"Instagram takes images of at most 8 MB; {item.filename} has {item.size} bytes."
    elif item.size > INSTAGRAM_VIDEO_MAX_BYTES:
        return f"Instagram takes videos of at most 300 MB; {item.filename} has {item.size} bytes."
    return None


def clean_filename(name: str) -> str:
    """The client's name for the file, kept to show it: its last path part, printable, cut."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    printable = "".join(c for c in last if c.isprintable()).strip()
    return printable[:FILENAME_MAX] or "upload"


def reference(item_id: int) -> str:
    return f"{LIBRARY_SCHEME}{item_id}"


def referenced_item(url: str | None) -> int | None:
    """The library item a post's media address names (``library:42``), or None."""
    if not url:
        return None
    found = _REFERENCE.fullmatch(url.strip())
    return int(found.group(1)) if found else None


class MediaInUse(Conflict):
    """A library item a post that is still to be published uses cannot be deleted."""

    def __init__(self, item_id: int, post_ids: list[int]) -> None:
        listed = ", ".join(str(p) for p in post_ids)
        super().__init__(
            f"Media {item_id} is used by post(s) still to be published: {listed}. "
            "Change or cancel them first."
        )
        self.item_id = item_id
        self.post_ids = post_ids


@define(slots=False, kw_only=True)
class LibraryItem:
    """An uploaded file. ``storage_key`` is where the storage keeps it; made by Autopost, never
    from the client's file name."""

    media_format: MediaFormat
    size: int
    filename: str
    storage_key: str
    uploaded_at: datetime
    uploaded_by: int | None = None
    id: int | None = field(default=None)

    @property
    def kind(self) -> MediaKind:
        return self.media_format.kind
