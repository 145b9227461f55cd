"""The checks ``POST /v5/pins`` makes on its ``PinCreate`` body before it creates anything.

Types, patterns, lengths and the number of images are the contract's. Beyond it, as Pinterest
does: a pin needs a board and a media source. Of the media sources the sandbox emulates
``image_url`` and ``multiple_image_urls`` (each image on a public https URL; one containing
``fail-download`` stands for an image Pinterest cannot fetch); a ``video_id`` needs a prior
media upload, which the sandbox does not emulate.
"""

from __future__ import annotations

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
class PinDraft:
    board_id: str
    board_section_id: str | None
    image_url: str
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
    images = _images(body.get("media_source"))
    return PinDraft(
        board_id=body["board_id"],
        board_section_id=body.get("board_section_id"),
        image_url=images[0]["url"] if images else _image_url(body.get("media_source")),
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


def _image_url(source: Any) -> str:
    if source is None:
        raise invalid_request("Invalid request: 'media_source' is a required property")
    if not isinstance(source, dict):
        raise invalid_request("Invalid request: 'media_source' must be an object")
    source_type = source.get("source_type")
    if source_type not in MEDIA_SOURCE_TYPES:
        known = ", ".join(sorted(MEDIA_SOURCE_TYPES))
        raise invalid_request(f"Invalid request: 'media_source.source_type' must be one of {known}")
    if source_type == "video_id":
        raise invalid_request(
            "Invalid request: 'media_source.media_id' must name an uploaded video; "
            "video upload is not supported by the sandbox"
        )
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
