"""The checks Graph makes on ``POST /{ig-user-id}/media`` parameters before it creates anything.

Limits from Instagram's content publishing documentation: a caption of at most 2,200 characters
and 30 hashtags, at most 20 user tags, 2 to 10 carousel items, media on public https URLs.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any
from urllib.parse import urlsplit

from autopost.sandbox.graph_errors import GraphError, invalid_param
from autopost.sandbox.graph_values import parse_bool, parse_json
from autopost.sandbox.instagram_contract import COMMON_PARAMS

CAPTION_MAX_CHARS = 2200
CAPTION_MAX_HASHTAGS = 30
USER_TAGS_MAX = 20
CAROUSEL_MIN_ITEMS = 2
CAROUSEL_MAX_ITEMS = 10
MEDIA_URL_PARAMS = ("image_url", "video_url", "cover_url")

_HASHTAG = re.compile(r"(?<![\w&])#\w+", re.UNICODE)


def check_param_names(params: dict[str, str], allowed: Collection[str]) -> None:
    for name in params:
        if name not in allowed and name not in COMMON_PARAMS:
            raise invalid_param(f"Param {name} is not a valid parameter")


def check_param_types(params: dict[str, str], contract: dict[str, str]) -> None:
    for name, raw in params.items():
        kind = contract.get(name)
        if kind == "bool":
            parse_bool(name, raw)
        elif kind == "list<map>":
            items = parse_json(name, raw, list)
            if not all(isinstance(item, dict) for item in items):
                raise invalid_param(f"Param {name} must be a JSON list of objects")
        elif kind == "map":
            parse_json(name, raw, dict)


def check_caption(caption: str | None) -> None:
    if not caption:
        return
    if len(caption) > CAPTION_MAX_CHARS:
        raise invalid_param(
            f"The caption is too long: {len(caption)} characters, at most "
            f"{CAPTION_MAX_CHARS} are allowed"
        )
    hashtags = len(_HASHTAG.findall(caption))
    if hashtags > CAPTION_MAX_HASHTAGS:
        raise invalid_param(
            f"The caption has {hashtags} hashtags, at most {CAPTION_MAX_HASHTAGS} are allowed",
            subcode=2207040,
        )


def check_user_tags(raw: str | None) -> None:
    if raw is None:
        return
    tags: list[Any] = parse_json("user_tags", raw, list)
    if len(tags) > USER_TAGS_MAX:
        raise invalid_param(
            f"Cannot use more than {USER_TAGS_MAX} tags per created media", subcode=2207040
        )
    for index, tag in enumerate(tags):
        if not isinstance(tag, dict) or not isinstance(tag.get("username"), str):
            raise invalid_param(f"user_tags[{index}] needs a username")
        for axis in ("x", "y"):
            value = tag.get(axis)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise invalid_param(f"user_tags[{index}].{axis} must be a number from 0 to 1")


def check_thumb_offset(raw: str | None) -> None:
    if raw is not None and not raw.strip().isdigit():
        raise GraphError(
            "Thumbnail offset must be greater than or equal to 0, in milliseconds",
            code=1,
            subcode=2207057,
        )


def check_media_urls(params: dict[str, str]) -> None:
    for name in MEDIA_URL_PARAMS:
        url = params.get(name)
        if url is None:
            continue
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.netloc:
            raise invalid_param(f"Param {name} must be a public https URL")
        if "fail-download" in url:
            raise GraphError(
                "Media download has failed. The media URI doesn't meet our requirements.",
                code=9004,
                subcode=2207052,
                user_title="Media download has failed",
                user_msg=f"The media at {name} could not be fetched from the URI.",
            )
