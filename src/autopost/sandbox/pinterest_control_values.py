"""Reading the Pinterest control API's JSON bodies; anything wrong is a ``ControlError``."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from autopost.sandbox.control_http import ControlError
from autopost.sandbox.pinterest_settings import Environment, PinterestSettings

_POSITIVE_INTS = frozenset(
    {"access_token_seconds", "refresh_token_seconds", "rate_limit_per_minute"}
)
_STRINGS = frozenset({"client_id", "client_secret"})
_SECONDS = frozenset({"video_processing_seconds"})
_USERNAME = re.compile(r"^[A-Za-z0-9_]{3,30}$")
_NUMERIC = re.compile(r"^[0-9]+$")


def settings_changes(body: dict[str, Any]) -> dict[str, Any]:
    known = {f.name for f in fields(PinterestSettings)}
    changes: dict[str, Any] = {}
    for name, value in body.items():
        if name not in known:
            raise ControlError(f"unknown setting {name}; known: {', '.join(sorted(known))}")
        if name == "environment":
            changes[name] = environment_of(value)
        elif name in _POSITIVE_INTS:
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ControlError(f"{name} must be an integer, 1 or more")
            changes[name] = value
        elif name in _STRINGS:
            changes[name] = _non_empty(name, value)
        elif name in _SECONDS:
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ControlError(f"{name} must be a number of seconds, 0 or more")
            changes[name] = float(value)
        elif not isinstance(value, bool):
            raise ControlError(f"{name} must be true or false")
        else:
            changes[name] = value
    return changes


def environment_of(value: Any) -> Environment:
    try:
        return Environment(value)
    except ValueError:
        known = ", ".join(e.value for e in Environment)
        raise ControlError(f"environment must be one of: {known}") from None


def account_changes(body: dict[str, Any]) -> tuple[str, bool | None]:
    username = _non_empty("username", body.get("username"))
    if not _USERNAME.match(username):
        raise ControlError("username must be 3 to 30 letters, digits or underscores")
    listing_empty = body.get("boards_listing_empty")
    if listing_empty is not None and not isinstance(listing_empty, bool):
        raise ControlError("boards_listing_empty must be true or false")
    return username, listing_empty


def board_specs(value: Any) -> list[tuple[str | None, str]]:
    """``[{"id"?, "name"}]`` as (id or None, name) pairs."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(b, dict) for b in value):
        raise ControlError('boards must be a list of {"id"?, "name"} objects')
    specs: list[tuple[str | None, str]] = []
    for board in value:
        name = _non_empty("a board's name", board.get("name"))
        board_id = board.get("id")
        if board_id is not None and (not isinstance(board_id, str) or not _NUMERIC.match(board_id)):
            raise ControlError("a board's id must be a string of digits, as Pinterest's are")
        specs.append((board_id, name))
    return specs


def _non_empty(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ControlError(f"{name} must be a non-empty string")
    return value
