"""What ``?fields=`` answers for each Graph node the sandbox knows.

A field the node's contract does not list is refused as Graph does; a listed field the sandbox
has no value for is left out of the answer, as Graph leaves out empty fields.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from autopost.sandbox.graph_errors import nonexisting_field
from autopost.sandbox.graph_values import FieldSelection, graph_time
from autopost.sandbox.instagram_containers import STATUS_TEXT, container_status
from autopost.sandbox.instagram_contract import (
    CONTAINER_FIELDS,
    IG_MEDIA_EDGES,
    IG_MEDIA_FIELDS,
    IG_USER_FIELDS,
    PUBLISHING_LIMIT_FIELDS,
)
from autopost.sandbox.instagram_state import Account, Container, InstagramState, Media, ProductType

ID_ONLY = (FieldSelection("id"),)
QUOTA_DURATION_SECONDS = 86_400


def render_media(
    state: InstagramState, media: Media, selections: tuple[FieldSelection, ...]
) -> dict[str, Any]:
    values: dict[str, Callable[[], Any]] = {
        "id": lambda: media.id,
        "caption": lambda: media.caption,
        "comments_count": lambda: 0,
        "like_count": lambda: 0,
        "is_comment_enabled": lambda: True,
        "is_shared_to_feed": lambda: media.is_shared_to_feed,
        "media_product_type": lambda: media.product.value,
        "media_type": lambda: media.media_type,
        "media_url": lambda: media.media_url,
        "permalink": lambda: media.permalink,
        "shortcode": lambda: media.shortcode,
        "thumbnail_url": lambda: media.thumbnail_url,
        "timestamp": lambda: graph_time(media.timestamp),
        "username": lambda: media.username,
        "alt_text": lambda: media.alt_text,
        "owner": lambda: {"id": media.owner},
        "children": lambda: _children(state, media, selections),
        "comments": lambda: {"data": []},
    }
    return _render(values, selections, IG_MEDIA_FIELDS | IG_MEDIA_EDGES, "IGMedia", media.id)


def _children(
    state: InstagramState, media: Media, selections: tuple[FieldSelection, ...]
) -> dict[str, Any] | None:
    if not media.children:
        return None
    asked = next(s for s in selections if s.name == "children").subfields or ID_ONLY
    return {"data": [render_media(state, state.media[c], asked) for c in media.children]}


def render_container(
    container: Container, selections: tuple[FieldSelection, ...], now: datetime
) -> dict[str, Any]:
    status = container_status(container, now)
    values: dict[str, Callable[[], Any]] = {
        "id": lambda: container.id,
        "status": lambda: STATUS_TEXT[status],
        "status_code": lambda: status.value,
    }
    return _render(values, selections, CONTAINER_FIELDS, "ShadowIGMediaBuilder", container.id)


def render_user(
    state: InstagramState, account: Account, selections: tuple[FieldSelection, ...]
) -> dict[str, Any]:
    def media_count() -> int:
        return sum(
            1
            for m in state.media.values()
            if m.owner == account.ig_user_id
            and m.parent_id is None
            and m.product != ProductType.STORY
        )

    values: dict[str, Callable[[], Any]] = {
        "id": lambda: account.ig_user_id,
        "username": lambda: account.username,
        "name": lambda: account.username,
        "media_count": media_count,
        "followers_count": lambda: 0,
        "follows_count": lambda: 0,
        "biography": lambda: "",
    }
    return _render(values, selections, IG_USER_FIELDS, "IGUser", account.ig_user_id)


def render_publishing_limit(
    used: int, quota_total: int, selections: tuple[FieldSelection, ...]
) -> dict[str, Any]:
    values: dict[str, Callable[[], Any]] = {
        "config": lambda: {"quota_total": quota_total, "quota_duration": QUOTA_DURATION_SECONDS},
        "quota_usage": lambda: used,
    }
    return _render(values, selections, PUBLISHING_LIMIT_FIELDS, "ContentPublishingLimitResponse")


def _render(
    values: dict[str, Callable[[], Any]],
    selections: tuple[FieldSelection, ...],
    known: frozenset[str],
    node_type: str,
    node_id: str | None = None,
) -> dict[str, Any]:
    """The selected fields; a node's ``id`` comes along even when not asked for, as on Graph."""
    answer: dict[str, Any] = {}
    for selection in selections:
        if selection.name not in known:
            raise nonexisting_field(selection.name, node_type)
        produce = values.get(selection.name)
        value = produce() if produce else None
        if value is not None:
            answer[selection.name] = value
    if node_id is not None:
        answer.setdefault("id", node_id)
    return answer
