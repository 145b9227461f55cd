"""Graph's spellings of values: booleans, times, id lists and ``fields`` selections."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from autopost.sandbox.graph_errors import GraphError, invalid_param

GRAPH_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


@dataclass(frozen=True)
class FieldSelection:
    name: str
    subfields: tuple[FieldSelection, ...] | None = None


def graph_time(moment: datetime) -> str:
    """Graph's ``2026-11-25T15:00:00+0000``."""
    return moment.astimezone(UTC).strftime(GRAPH_TIME_FORMAT)


def parse_bool(name: str, raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise invalid_param(f"Param {name} must be a boolean")


def parse_time(name: str, raw: str) -> datetime:
    """A unix timestamp or an ISO 8601 time (UTC when it names no zone)."""
    text = raw.strip()
    try:
        if text.lstrip("-").isdigit():
            return datetime.fromtimestamp(int(text), UTC)
        moment = datetime.fromisoformat(text)
    except (ValueError, OverflowError, OSError):
        raise invalid_param(f"Param {name} must be a unix timestamp or an ISO 8601 time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_id_list(name: str, raw: str) -> list[str]:
    """``1,2,3`` or a JSON list of ids."""
    text = raw.strip()
    if text.startswith("["):
        try:
            values = json.loads(text)
        except ValueError:
            raise invalid_param(f"Param {name} must be a list of ids") from None
        if not isinstance(values, list):
            raise invalid_param(f"Param {name} must be a list of ids")
        return [str(v).strip() for v in values]
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_json(name: str, raw: str, expected: type) -> Any:
    try:
        value = json.loads(raw)
    except ValueError:
        raise invalid_param(f"Param {name} must be JSON") from None
    if not isinstance(value, expected):
        raise invalid_param(f"Param {name} must be a JSON {expected.__name__}")
    return value


def parse_fields(raw: str | None, default: str = "id") -> tuple[FieldSelection, ...]:
    """``id,caption,children{id,media_url}`` as a tree of selections."""
    text = (raw or "").replace(" ", "") or default
    selections, rest = _parse_list(text)
    if rest:
        raise _bad_fields(text)
    return selections


def fields_text(selections: tuple[FieldSelection, ...]) -> str:
    """The ``fields`` parameter that selects ``selections``: ``parse_fields`` backwards."""
    return ",".join(
        s.name + ("{" + fields_text(s.subfields) + "}" if s.subfields else "") for s in selections
    )


def _parse_list(text: str) -> tuple[tuple[FieldSelection, ...], str]:
    selections: list[FieldSelection] = []
    while True:
        name_end = len(text)
        for index, char in enumerate(text):
            if char in ",{}":
                name_end = index
                break
        name, text = text[:name_end], text[name_end:]
        if not name:
            raise _bad_fields(text)
        subfields: tuple[FieldSelection, ...] | None = None
        if text.startswith("{"):
            subfields, text = _parse_list(text[1:])
            if not text.startswith("}"):
                raise _bad_fields(text)
            text = text[1:]
        selections.append(FieldSelection(name, subfields))
        if not text.startswith(","):
            return tuple(selections), text
        text = text[1:]


def _bad_fields(text: str) -> GraphError:
    return invalid_param(f"Syntax error in the fields parameter near '{text[:20]}'")
