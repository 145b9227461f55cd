"""Reading the Graph API's JSON answers: ids, texts, times and paging cursors.

What cannot be read is None (or empty), so the caller decides whether it matters.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

Json = dict[str, Any]


def node_path(node_id: str, edge: str | None = None) -> str:
    node = quote(node_id, safe="")
    return f"{node}/{edge}" if edge else node


def node_id(value: object) -> str | None:
    """Graph ids are strings, but an id that came back as a number is still an id."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text(value)


def text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def integer(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def objects(value: object) -> list[Json]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def graph_time(value: object) -> datetime | None:
    """Graph writes ``2026-11-25T15:00:00+0000``; the answer is in UTC."""
    if not isinstance(value, str):
        return None
    try:
        # fromisoformat is some fifty times faster than strptime, which a sync of many
        # media feels; a time without an offset is not Graph's and is refused.
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.utcoffset() is not None else None


def next_cursor(paging: object) -> str | None:
    """The ``after`` cursor when there is a next page, else None."""
    if not isinstance(paging, dict) or not isinstance(paging.get("next"), str):
        return None
    cursors = paging.get("cursors")
    after = cursors.get("after") if isinstance(cursors, dict) else None
    if isinstance(after, str) and after:
        return after
    # Only the cursor is taken from ``next``: the URL itself could carry a token.
    found = parse_qs(urlsplit(paging["next"]).query).get("after")
    return found[0] if found else None
