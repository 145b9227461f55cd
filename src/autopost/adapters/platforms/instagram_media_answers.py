"""What a media sync asks the Graph API for, and its answers read into the port's values.

An item without an id or a time cannot be kept: it reads as None.
"""

from __future__ import annotations

from typing import Any

from autopost.adapters.platforms.graph_answers import (
    Json,
    graph_time,
    integer,
    node_id,
    objects,
    text,
)
from autopost.application.ports.instagram_media_gateway import RemoteComment, RemoteMedia

CHILD_FIELDS = ("id", "media_type", "media_url", "thumbnail_url")
MEDIA_FIELDS = (
    "id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,"
    f"like_count,comments_count,children{{{','.join(CHILD_FIELDS)}}}"
)
REPLY_FIELDS = "id,text,username,timestamp,like_count,hidden"
COMMENT_FIELDS = f"{REPLY_FIELDS},replies{{{REPLY_FIELDS}}}"


def remote_media(item: Json) -> RemoteMedia | None:
    media_id, media_type = node_id(item.get("id")), text(item.get("media_type"))
    timestamp = graph_time(item.get("timestamp"))
    if media_id is None or media_type is None or timestamp is None:
        return None
    return RemoteMedia(
        media_id=media_id,
        media_type=media_type,
        timestamp=timestamp,
        caption=item.get("caption") if isinstance(item.get("caption"), str) else None,
        media_product_type=text(item.get("media_product_type")),
        media_url=text(item.get("media_url")),
        thumbnail_url=text(item.get("thumbnail_url")),
        permalink=text(item.get("permalink")),
        like_count=integer(item.get("like_count")),
        comments_count=integer(item.get("comments_count")),
        children=_children(item.get("children")),
    )


def remote_comment(item: Json, parent_id: str | None = None) -> RemoteComment | None:
    comment_id, timestamp = node_id(item.get("id")), graph_time(item.get("timestamp"))
    if comment_id is None or timestamp is None:
        return None
    said = item.get("text")
    return RemoteComment(
        comment_id=comment_id,
        text=said if isinstance(said, str) else "",
        timestamp=timestamp,
        username=text(item.get("username")),
        like_count=integer(item.get("like_count")),
        hidden=item.get("hidden") is True,
        parent_id=parent_id,
    )


def _children(edge: object) -> tuple[dict[str, Any], ...]:
    items = objects(edge.get("data")) if isinstance(edge, dict) else []
    return tuple(
        {name: child[name] for name in CHILD_FIELDS if text(child.get(name)) is not None}
        for child in items
    )
