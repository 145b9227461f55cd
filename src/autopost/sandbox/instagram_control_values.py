"""Reading the Graph emulator's control API bodies; anything wrong is a ``ControlError``."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime, timedelta
from typing import Any

from autopost.sandbox.control_http import ControlError
from autopost.sandbox.instagram_comments import text_problem
from autopost.sandbox.instagram_seed import SeedPlan
from autopost.sandbox.instagram_state import Account, InstagramState
from autopost.sandbox.settings import InstagramSettings

MAX_SEEDED_MEDIA = 1_000_000
MAX_SEEDED_COMMENTS = 2_000_000
_SETTING_MINIMUM = {
    "video_processing_seconds": 0,
    "quota_total": 0,
    "app_call_limit": 1,
    "account_call_limit": 1,
}
_STRING_SETTINGS = frozenset({"app_secret"})
_BOOLEAN_SETTINGS = frozenset({"refuse_second_publish"})
_MEDIA_COUNTS = ("like_count", "comments_count")


def known_account(state: InstagramState, ig_user_id: str) -> Account:
    account = state.accounts.get(ig_user_id)
    if account is None:
        raise ControlError(f"no account {ig_user_id}", status=404)
    return account


def settings_changes(body: dict[str, Any]) -> dict[str, Any]:
    known = {f.name for f in fields(InstagramSettings)}
    changes: dict[str, Any] = {}
    for name, value in body.items():
        if name not in known:
            raise ControlError(f"unknown setting {name}; known: {', '.join(sorted(known))}")
        if name in _STRING_SETTINGS:
            changes[name] = non_empty(name, value)
            continue
        if name in _BOOLEAN_SETTINGS:
            if not isinstance(value, bool):
                raise ControlError(f"{name} must be true or false")
            changes[name] = value
            continue
        wants_int = name != "video_processing_seconds"
        numeric = int if wants_int else (int, float)
        minimum = _SETTING_MINIMUM[name]
        if isinstance(value, bool) or not isinstance(value, numeric) or value < minimum:
            kind = "an integer" if wants_int else "a number"
            raise ControlError(f"{name} must be {kind}, {minimum} or more")
        changes[name] = float(value) if not wants_int else value
    return changes


def seed_plan(body: dict[str, Any], now: datetime) -> SeedPlan:
    known = {"count", "newest", "spacing_seconds", "comments_per_media", "replies_per_comment"}
    _only(body, known | {"carousel_every"})
    spacing = body.get("spacing_seconds", 60)
    if isinstance(spacing, bool) or not isinstance(spacing, int | float) or spacing < 0:
        raise ControlError("spacing_seconds must be a number of seconds, 0 or more")
    plan = SeedPlan(
        count=_int(body, "count", None, 1, MAX_SEEDED_MEDIA),
        newest=_time(body.get("newest"), "newest") or now,
        spacing=timedelta(seconds=spacing),
        comments_per_media=_int(body, "comments_per_media", 0, 0, 1000),
        replies_per_comment=_int(body, "replies_per_comment", 0, 0, 1000),
        carousel_every=_int(body, "carousel_every", 0, 0, MAX_SEEDED_MEDIA),
    )
    if plan.count * plan.comments_per_media * plan.comments_per_thread > MAX_SEEDED_COMMENTS:
        raise ControlError(f"a seed makes at most {MAX_SEEDED_COMMENTS} comments and replies")
    return plan


def media_changes(body: dict[str, Any]) -> dict[str, Any]:
    """``caption``, ``like_count``, ``comments_count``: what a re-sync should pick up."""
    _only(body, {"caption", *_MEDIA_COUNTS})
    caption = body.get("caption")
    if caption is not None and not isinstance(caption, str):
        raise ControlError("caption must be a string or null")
    changes: dict[str, Any] = {
        name: _int(body, name, 0, 0, 2**31) for name in _MEDIA_COUNTS if name in body
    }
    if "caption" in body:
        changes["caption"] = caption or None
    return changes


def comment_spec(body: dict[str, Any]) -> tuple[str, str, str | None]:
    """``text``, ``username`` and, for a reply, ``parent_id``."""
    _only(body, {"text", "username", "parent_id"})
    text = body.get("text")
    if not isinstance(text, str):
        raise ControlError("text must be a string")
    problem = text_problem(text)
    if problem is not None:
        raise ControlError(problem)
    parent_id = body.get("parent_id")
    if parent_id is not None and not isinstance(parent_id, str):
        raise ControlError("parent_id must be a comment id")
    return text, non_empty("username", body.get("username")), parent_id


def non_empty(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ControlError(f"{name} must be a non-empty string")
    return value


def _only(body: dict[str, Any], known: set[str]) -> None:
    unknown = sorted(set(body) - known)
    if unknown:
        raise ControlError(f"unknown field {unknown[0]}; known: {', '.join(sorted(known))}")


def _int(body: dict[str, Any], name: str, default: int | None, low: int, high: int) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ControlError(f"{name} must be an integer from {low} to {high}")
    return value


def _time(value: Any, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        raise ControlError(f"{name} must be an ISO 8601 time")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
