"""``GET /{ig-user-id}/media`` and ``/stories``: newest first, in pages joined by cursors.

A page is read from the account's ``Timeline`` by bisection, so a page of 100 costs the same
on the first page as on the thousandth of an account with a hundred thousand media.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.datastructures import URL

from autopost.sandbox.graph_paging import (
    decode_cursor,
    encode_cursor,
    newest_first,
    paging_block,
    parse_limit,
)
from autopost.sandbox.graph_values import parse_fields, parse_time
from autopost.sandbox.instagram_media_fields import NodeRenderer
from autopost.sandbox.instagram_timeline import MediaKey, Timeline


def media_cursor(key: MediaKey) -> str:
    return encode_cursor("media", *key)


def list_media(
    renderer: NodeRenderer,
    timeline: Timeline,
    params: dict[str, str],
    url: URL,
    not_before: datetime | None = None,
) -> dict[str, Any]:
    """``not_before``: media older than this are past listing (a story after 24 hours)."""
    selections = parse_fields(params.get("fields"))
    since = parse_time("since", params["since"]) if "since" in params else None
    until = parse_time("until", params["until"]) if "until" in params else None
    if not_before is not None:
        since = not_before if since is None else max(since, not_before)
    limit = parse_limit(params.get("limit"))
    low, high = timeline.bounds(since, until)
    window = newest_first(
        timeline.keys, limit, _key(params.get("after")), _key(params.get("before")), low, high
    )
    media = renderer.state.media
    answer: dict[str, Any] = {
        "data": [renderer.media(media[str(media_id)], selections) for _, media_id in window.items]
    }
    paging = paging_block(window, url, limit, media_cursor)
    if paging is not None:
        answer["paging"] = paging
    return answer


def _key(cursor: str | None) -> MediaKey | None:
    if cursor is None:
        return None
    moment, media_id = decode_cursor("media", cursor, 2)
    return moment, media_id
