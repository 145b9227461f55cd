"""``GET /{ig-user-id}/media``: newest first, in pages joined by opaque cursors.

The ``next`` and ``previous`` links repeat the request without its ``access_token``: the sandbox
never echoes a token, so a client following them sends its token in a header.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any

from starlette.datastructures import URL

from autopost.sandbox.graph_errors import invalid_param
from autopost.sandbox.graph_values import parse_fields, parse_time
from autopost.sandbox.instagram_fields import render_media
from autopost.sandbox.instagram_state import InstagramState, Media

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


def encode_cursor(media_id: str) -> str:
    return base64.urlsafe_b64encode(f"media:{media_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    if not text.startswith("media:"):
        raise invalid_param("The cursor is invalid")
    return text.removeprefix("media:")


def list_media(
    state: InstagramState,
    params: dict[str, str],
    url: URL,
    include: Callable[[Media], bool],
) -> dict[str, Any]:
    selections = parse_fields(params.get("fields"))
    since = parse_time("since", params["since"]) if "since" in params else None
    until = parse_time("until", params["until"]) if "until" in params else None
    items = sorted(
        (
            m
            for m in state.media.values()
            if include(m)
            and (since is None or m.timestamp >= since)
            and (until is None or m.timestamp <= until)
        ),
        key=lambda m: (m.timestamp, int(m.id)),
        reverse=True,
    )
    limit = _limit(params.get("limit"))
    ids = [m.id for m in items]
    if "after" in params:
        start = _position(ids, params["after"]) + 1
    elif "before" in params:
        start = max(0, _position(ids, params["before"]) - limit)
    else:
        start = 0
    page = items[start : start + limit]
    answer: dict[str, Any] = {"data": [render_media(state, m, selections) for m in page]}
    if page:
        before, after = encode_cursor(page[0].id), encode_cursor(page[-1].id)
        paging: dict[str, Any] = {"cursors": {"before": before, "after": after}}
        base = url.remove_query_params(["access_token", "after", "before"])
        if start + limit < len(items):
            paging["next"] = str(base.include_query_params(limit=limit, after=after))
        if start > 0:
            paging["previous"] = str(base.include_query_params(limit=limit, before=before))
        answer["paging"] = paging
    return answer


def _limit(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    if not raw.strip().isdigit() or int(raw) < 1:
        raise invalid_param("Param limit must be a positive integer")
    return min(int(raw), MAX_LIMIT)


def _position(ids: list[str], cursor: str) -> int:
    media_id = decode_cursor(cursor)
    if media_id not in ids:
        raise invalid_param("The cursor is invalid")
    return ids.index(media_id)
