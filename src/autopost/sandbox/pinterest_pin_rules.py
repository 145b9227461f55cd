"""The checks ``POST /v5/pins`` makes on its ``PinCreate`` body before it creates anything.

Types, patterns and lengths are the contract's. Beyond it, as Pinterest does: a pin needs a
board and a media source. Of the media sources the sandbox emulates ``image_url`` (on a public
https URL; one containing ``fail-download`` stands for an image Pinterest cannot fetch); a
``video_id`` needs a prior media upload, which the sandbox does not emulate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from autopost.sandbox.pinterest_contract import (
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
    return PinDraft(
        board_id=body["board_id"],
        board_section_id=body.get("board_section_id"),
        image_url=_image_url(body.get("media_source")),
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
            "the sandbox; use image_url"
        )
    url = source.get("url")
    if not isinstance(url, str) or not _is_web_url(url, schemes=("https",)):
        raise invalid_request("Invalid request: 'media_source.url' must be a public https URL")
    if "fail-download" in url:
        raise invalid_request(
            "Invalid request: 'media_source.url' could not be fetched: Sorry, we could not "
            "fetch the image."
        )
    return url


def _is_web_url(value: Any, schemes: tuple[str, ...]) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in schemes and bool(parts.netloc)
