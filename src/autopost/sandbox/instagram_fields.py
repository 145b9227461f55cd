"""What ``?fields=`` answers for containers, users and the publishing limit (media and
comments: ``instagram_media_fields``).

A field the node's contract does not list is refused as Graph does; a listed field the sandbox
has no value for is left out of the answer, as Graph leaves out empty fields.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from autopost.sandbox.graph_errors import nonexisting_field
from autopost.sandbox.graph_values import FieldSelection
from autopost.sandbox.instagram_containers import STATUS_TEXT, container_status
from autopost.sandbox.instagram_contract import (
    CONTAINER_FIELDS,
    IG_USER_FIELDS,
    PUBLISHING_LIMIT_FIELDS,
)
from autopost.sandbox.instagram_insights import followers
from autopost.sandbox.instagram_state import Account, Container

QUOTA_DURATION_SECONDS = 86_400


def render_container(
    container: Container, selections: tuple[FieldSelection, ...], now: datetime
) -> dict[str, Any]:
    status = container_status(container, now)
    values: dict[str, Callable[[], Any]] = {
        "id": lambda: container.id,
        "status": lambda: STATUS_TEXT[status],
        "status_code": lambda: status.value,
    }
    return render_node(values, selections, CONTAINER_FIELDS, "ShadowIGMediaBuilder", container.id)


def render_user(
    account: Account, selections: tuple[FieldSelection, ...], now: datetime
) -> dict[str, Any]:
    values: dict[str, Callable[[], Any]] = {
        "id": lambda: account.ig_user_id,
        "username": lambda: account.username,
        "name": lambda: account.username,
        "media_count": lambda: len(account.feed),
        "followers_count": lambda: followers(account.ig_user_id, now),
        "follows_count": lambda: 0,
        "biography": lambda: "",
    }
    return render_node(values, selections, IG_USER_FIELDS, "IGUser", account.ig_user_id)


def render_publishing_limit(
    used: int, quota_total: int, selections: tuple[FieldSelection, ...]
) -> dict[str, Any]:
    values: dict[str, Callable[[], Any]] = {
        "config": lambda: {"quota_total": quota_total, "quota_duration": QUOTA_DURATION_SECONDS},
        "quota_usage": lambda: used,
    }
    node_type = "ContentPublishingLimitResponse"
    return render_node(values, selections, PUBLISHING_LIMIT_FIELDS, node_type)


def render_node(
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
