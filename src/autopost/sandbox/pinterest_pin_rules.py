"""The checks ``POST /v5/pins`` makes on its ``PinCreate`` body before it creates anything.

Types, patterns, lengths and the number of images are the contract's. Beyond it, as Pinterest
does: a pin needs a board and a media source. Of the media sources the sandbox emulates
``image_url`` and ``multiple_image_urls`` (each image on a public https URL; one containing
``fail-download`` stands for an image Pinterest cannot fetch), ``image_base64`` (a JPEG or PNG
whose bytes are what its ``content_type`` says), and ``video_id`` (a media upload of the
account's whose processing ``succeeded``, with a cover: a ``cover_image_url`` or a
``cover_image_key_frame_time``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from autopost.sandbox.pinterest_contract import (
    IMAGE_ITEM_TEXTS,
    IMAGES_MAX_ITEMS,
    IMAGES_MIN_ITEMS,
    MEDIA_SOURCE_TYPES,
    PIN_ID_FIELDS,
    PIN_TEXT_LIMITS,
)
from autopost.sandbox.pinterest_errors import invalid_request

_NUMERIC = re.compile(r"^\d+$")


@dataclass(frozen=True)
class VideoSource:
    media_id: str
    cover_image_url: str | None
    cover_key_frame_time: int | None


@dataclass(frozen=True)
class PinDraft:
    board_id: str
    board_section_id: str | None
    image_url: str
    video: VideoSource | None
    title: str | None
    description: str | None
    link: str | None
    alt_text: str | None
    # A multi-image pin's images (``image_url`` is then the first one's).
    images: list[dict[str, str]] | None = None


def read_pin_create(body: dict[str, Any]) -> PinDraft:
    for name in PIN_ID_FIELDS:
        _check_id(body, name)
    for name, limit in PIN_TEXT_LIMITS.items():
        _check_text(body, name, limit)
    if body.get("board_id") is None:
        raise invalid_request("Invalid request: 'board_id' is a required property")
    link = body.get("link")
    if link and not _is_web_url(link, schemes=("http", "https")):
        raise invalid_request("Invalid request: 'link' must be an http or https URL")
    source = body.get("media_source")
    video = _video(source)
    images = None if video else _images(source)
    if video is not None:
        image_url = video.cover_image_url or ""
    else:
        image_url = images[0]["url"] if images else _image_url(source)
    return PinDraft(
        board_id=body["board_id"],
        board_section_id=body.get("board_section_id"),
        image_url=image_url,
        video=video,
        images=images,
        title=body.get("title"),
        description=body.get("description"),
        link=link,
        alt_text=body.get("alt_text"),
    )


def _check_id(body: dict[str, Any], name: str) -> None:
    value = body.get(name)
    if value is None:
        return
    if not isinstance(value, str) or not _NUMERIC.match(value):
        raise invalid_request(f"'{name}' value {value!r} must match the pattern: ^\\d+$")


def _check_text(body: dict[str, Any], name: str, limit: int) -> None:
    value = body.get(name)
    if value is None:
        return
    if not isinstance(value, str):
        raise invalid_request(f"Invalid request: '{name}' must be a string or null")
    if len(value) > limit:
        raise invalid_request(
            f"Invalid request: '{name}' is {len(value)} characters long, "
            f"at most {limit} are allowed"
        )


def _source_type(source: Any) -> str:
    if source is None:
        raise invalid_request("Invalid request: 'media_source' is a required property")
    if not isinstance(source, dict):
        raise invalid_request("Invalid request: 'media_source' must be an object")
    source_type = source.get("source_type")
    if source_type not in MEDIA_SOURCE_TYPES:
        known = ", ".join(sorted(MEDIA_SOURCE_TYPES))
        raise invalid_request(f"Invalid request: 'media_source.source_type' must be one of {known}")
    return str(source_type)


def _video(source: Any) -> VideoSource | None:
    if _source_type(source) != "video_id":
        return None
    media_id = source.get("media_id")
    if not isinstance(media_id, str) or not _NUMERIC.match(media_id):
        raise invalid_request("Invalid request: 'media_source.media_id' must match ^\\d+$")
    cover_url = source.get("cover_image_url")
    key_frame = source.get("cover_image_key_frame_time")
    if cover_url is not None and not _is_web_url(cover_url, schemes=("https",)):
        raise invalid_request(
            "Invalid request: 'media_source.cover_image_url' must be a public https URL"
        )
    if key_frame is not None and (
        not isinstance(key_frame, int) or isinstance(key_frame, bool) or key_frame < 0
    ):
        raise invalid_request(
            "Invalid request: 'media_source.cover_image_key_frame_time' must be an integer >= 0"
        )
    if cover_url is None and key_frame is None and source.get("cover_image_data") is None:
        raise invalid_request(
            "Invalid request: a video pin needs a cover: 'cover_image_url' or "
            "'cover_image_key_frame_time'"
        )
    return VideoSource(media_id, cover_url, key_frame)


def _image_url(source: Any) -> str:
    source_type = _source_type(source)
    if source_type == "image_base64":
        return _inline_image(source)
    if source_type != "image_url":
        raise invalid_request(
            f"Invalid request: 'media_source.source_type' {source_type} is not supported by "
            "the sandbox; use image_url or multiple_image_urls"
        )
    return _fetched(source.get("url"), "media_source.url")


def _fetched(url: Any, where: str) -> str:
    if not isinstance(url, str) or not _is_web_url(url, schemes=("https",)):
        raise invalid_request(f"Invalid request: '{where}' must be a public https URL")
    if "fail-download" in url:
        raise invalid_request(
            f"Invalid request: '{where}' could not be fetched: Sorry, we could not fetch the image."
        )
    return url


# The contract's ``ContentType`` of an image_base64 source, and the bytes each begins with.
_INLINE_SIGNATURES = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}
_BASE64 = re.compile(r"^[a-zA-Z0-9+/=]+$")


def _inline_image(source: dict[str, Any]) -> str:
    """An image sent in the request: a name for the pin's image, from its bytes' hash."""
    content_type, data = source.get("content_type"), source.get("data")
    if content_type not in _INLINE_SIGNATURES:
        raise invalid_request(
            "Invalid request: 'media_source.content_type' must be one of image/jpeg, image/png"
        )
    if not isinstance(data, str) or not _BASE64.match(data):
        raise invalid_request("Invalid request: 'media_source.data' must be base64")
    try:
        image = base64.b64decode(data, validate=True)
    except binascii.Error:
        raise invalid_request("Invalid request: 'media_source.data' must be base64") from None
    if not image.startswith(_INLINE_SIGNATURES[content_type]):
        raise invalid_request(
            "Invalid request: 'media_source.data' is not an image of its content_type: Sorry, "
            "we could not read the image."
        )
    return f"base64:{hashlib.sha256(image).hexdigest()}"


def _images(source: Any) -> list[dict[str, str]] | None:
    """A ``multiple_image_urls`` source's images; None for any other source."""
    if not isinstance(source, dict) or source.get("source_type") != "multiple_image_urls":
        return None
    items = source.get("items")
    if not isinstance(items, list):
        raise invalid_request("Invalid request: 'media_source.items' is a required property")
    if not IMAGES_MIN_ITEMS <= len(items) <= IMAGES_MAX_ITEMS:
        raise invalid_request(
            f"Invalid request: 'media_source.items' has {len(items)} items, it must have "
            f"{IMAGES_MIN_ITEMS} to {IMAGES_MAX_ITEMS}"
        )
    index = source.get("index")
    if index is not None and (not isinstance(index, int) or isinstance(index, bool) or index < 0):
        raise invalid_request("Invalid request: 'media_source.index' must be an integer >= 0")
    images = []
    for number, item in enumerate(items):
        where = f"media_source.items[{number}]"
        if not isinstance(item, dict):
            raise invalid_request(f"Invalid request: '{where}' must be an object")
        if item.get("url") is None:
            raise invalid_request(f"Invalid request: '{where}.url' is a required property")
        image = {"url": _fetched(item["url"], f"{where}.url")}
        for name in IMAGE_ITEM_TEXTS:
            value = item.get(name)
            if value is not None and not isinstance(value, str):
                raise invalid_request(f"Invalid request: '{where}.{name}' must be a string")
            if value is not None:
                image[name] = value
        images.append(image)
    return images


def _is_web_url(value: Any, schemes: tuple[str, ...]) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in schemes and bool(parts.netloc)
