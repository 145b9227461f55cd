"""Pinterest's JSON answers read into the port's values; what cannot be read is None."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from autopost.application.ports.pinterest_gateway import (
    PinterestAccount,
    RemoteBoard,
    RemotePin,
    RemoteSection,
    TokenGrant,
)

Json = dict[str, Any]


def token_grant(body: Json) -> TokenGrant | None:
    access_token = _text(body.get("access_token"))
    if access_token is None:
        return None
    return TokenGrant(
        access_token=access_token,
        refresh_token=_text(body.get("refresh_token")),
        expires_in=_int(body.get("expires_in")),
        scope=_text(body.get("scope")),
    )


def account(body: Json) -> PinterestAccount | None:
    username = _text(body.get("username"))
    if username is None:
        return None
    return PinterestAccount(username=username, board_count=_int(body.get("board_count")))


def board(item: Json) -> RemoteBoard | None:
    board_id, name = _text(item.get("id")), _text(item.get("name"))
    if board_id is None or name is None:
        return None
    return RemoteBoard(board_id=board_id, name=name)


def section(item: Json) -> RemoteSection | None:
    section_id, name = _text(item.get("id")), _text(item.get("name"))
    if section_id is None or name is None:
        return None
    return RemoteSection(section_id=section_id, name=name)


def pin(item: Json, board_id: str | None = None) -> RemotePin | None:
    """``board_id``: the board asked for, when the answer does not say."""
    pin_id = _text(item.get("id"))
    if pin_id is None:
        return None
    return RemotePin(
        pin_id=pin_id,
        board_id=_text(item.get("board_id")) or board_id,
        title=_text(item.get("title")),
        link=_text(item.get("link")),
        created_at=_timestamp(item.get("created_at")),
    )


def page(body: Json) -> tuple[list[Json], str | None] | None:
    """A page's items and the bookmark of the next page (None on the last)."""
    items = body.get("items")
    if not isinstance(items, list):
        return None
    return [item for item in items if isinstance(item, dict)], _text(body.get("bookmark"))


def _text(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and value else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _timestamp(value: object) -> datetime | None:
    """Pinterest writes ISO 8601 (``2020-01-01T20:10:40-00:00``); one without a zone is UTC."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
