"""How accounts, boards, sections and pins look on the wire (the contract's ``Account``,
``Board``, ``BoardSection`` and ``Pin``), and the keys their listings are sorted by.

Times are UTC written without an offset (``2024-01-01T20:10:40``), as Pinterest writes them and
as the contract's examples show.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from autopost.sandbox.pinterest_state import Account, Board, Pin, PinterestState, Section

Payload = dict[str, Any]

_IMAGE_SIZES = (("150x150", 150, 150), ("400x300", 400, 300), ("600x", 600, 900),
                ("1200x", 1200, 1800))  # fmt: skip


def pinterest_time(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def sort_key(created_at: datetime, object_id: str) -> str:
    return f"{created_at.astimezone(UTC):%Y%m%dT%H%M%S%f}|{object_id:0>24}"


def render_account(state: PinterestState, account: Account) -> Payload:
    return {
        "account_type": "BUSINESS",
        "id": account.id,
        "username": account.username,
        "business_name": account.username,
        "profile_image": _image_url(account.username, "600x"),
        "website_url": "",
        "about": "",
        "board_count": len(state.boards_of(account.username)),
        "pin_count": len(state.pins_of(account.username)),
        "follower_count": 0,
        "following_count": 0,
        "monthly_views": 0,
    }


def render_board(state: PinterestState, board: Board) -> Payload:
    pins = sorted(state.pins_on(board.id), key=pin_key, reverse=True)
    modified = pins[0].created_at if pins else board.created_at
    return {
        "id": board.id,
        "name": board.name,
        "description": board.description,
        "owner": {"username": board.owner},
        "privacy": "PUBLIC",
        "created_at": pinterest_time(board.created_at),
        "board_pins_modified_at": pinterest_time(modified),
        "pin_count": len(pins),
        "follower_count": 0,
        "collaborator_count": 0,
        "is_ads_only": False,
        "media": {
            "image_cover_url": _image_url(pins[0].image_url, "400x300") if pins else None,
            "pin_thumbnail_urls": [_image_url(p.image_url, "150x150") for p in pins[:4]],
        },
    }


def render_section(section: Section) -> Payload:
    return {"id": section.id, "name": section.name}


def _sizes(image_url: str) -> Payload:
    return {
        size: {"url": _image_url(image_url, size), "width": width, "height": height}
        for size, width, height in _IMAGE_SIZES
    }


def _media(pin: Pin) -> Payload:
    if not pin.images:
        return {"media_type": "image", "images": _sizes(pin.image_url)}
    items = [
        {
            "item_type": "image",
            "images": _sizes(image["url"]),
            "title": image.get("title"),
            "description": image.get("description"),
            "link": image.get("link"),
        }
        for image in pin.images
    ]
    return {"media_type": "multiple_images", "items": items}


def render_pin(pin: Pin) -> Payload:
    return {
        "id": pin.id,
        "created_at": pinterest_time(pin.created_at),
        "link": pin.link,
        "title": pin.title,
        "description": pin.description,
        "dominant_color": "#6E7874",
        "alt_text": pin.alt_text,
        "creative_type": "REGULAR",
        "board_id": pin.board_id,
        "board_section_id": pin.board_section_id,
        "board_owner": {"username": pin.owner},
        "is_owner": True,
        "is_standard": True,
        "has_been_promoted": False,
        "parent_pin_id": None,
        "pin_metrics": None,
        "media": _media(pin),
    }


def pin_key(pin: Pin) -> str:
    return sort_key(pin.created_at, pin.id)


def board_key(board: Board) -> str:
    return sort_key(board.created_at, board.id)


def section_key(section: Section) -> str:
    return sort_key(section.created_at, section.id)


def _image_url(source: str, size: str) -> str:
    """Pinterest serves its own copy of an image from i.pinimg.com, named by a hash."""
    digest = hashlib.md5(source.encode(), usedforsecurity=False).hexdigest()
    return f"https://i.pinimg.com/{size}/{digest[:2]}/{digest[2:4]}/{digest[4:6]}/{digest}.jpg"
