"""Graph's cursor paging over sorted keys: ``limit``, ``after``, ``before`` and the ``paging``
block with ``cursors`` and ``next``/``previous`` links.

A cursor is an opaque encoding of the key of the first or last item of a page, never a position,
so finding a page is a bisection however deep it is. Links repeat the request without its
``access_token``: the sandbox never echoes a token, so a client following them sends its token
in a header.
"""

from __future__ import annotations

import base64
import binascii
import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from starlette.datastructures import URL

from autopost.sandbox.graph_errors import invalid_param

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
PAGING_PARAMS = frozenset({"fields", "limit", "after", "before"})

K = TypeVar("K", int, tuple[int, int])


@dataclass(frozen=True)
class Window(Generic[K]):
    items: list[K]  # in the order the answer lists them
    more_after: bool  # a next page exists
    more_before: bool  # a previous page exists


def parse_limit(raw: str | None) -> int:
    """Graph caps ``limit`` at the edge's maximum rather than refusing a larger one."""
    if raw is None:
        return DEFAULT_LIMIT
    if not raw.strip().isdigit() or int(raw) < 1:
        raise invalid_param("Param limit must be a positive integer")
    return min(int(raw), MAX_LIMIT)


def newest_first(
    keys: Sequence[K], limit: int, after: K | None, before: K | None, low: int = 0, high: int = -1
) -> Window[K]:
    """A page of ``keys[low:high]`` (sorted oldest first), read from the newest."""
    high = len(keys) if high < 0 else high
    if after is not None:
        end = max(low, min(high, bisect.bisect_left(keys, after)))
        start = max(low, end - limit)
    elif before is not None:
        start = min(high, max(low, bisect.bisect_right(keys, before)))
        end = min(high, start + limit)
    else:
        end, start = high, max(low, high - limit)
    return Window(list(reversed(keys[start:end])), more_after=start > low, more_before=end < high)


def oldest_first(keys: Sequence[K], limit: int, after: K | None, before: K | None) -> Window[K]:
    """A page of ``keys`` (sorted oldest first), read from the oldest."""
    high = len(keys)
    if after is not None:
        start = bisect.bisect_right(keys, after)
        end = min(high, start + limit)
    elif before is not None:
        end = bisect.bisect_left(keys, before)
        start = max(0, end - limit)
    else:
        start, end = 0, min(high, limit)
    return Window(list(keys[start:end]), more_after=end < high, more_before=start > 0)


def encode_cursor(kind: str, *parts: int) -> str:
    text = ":".join([kind, *(str(part) for part in parts)])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str, size: int) -> tuple[int, ...]:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    name, *parts = text.split(":")
    if name != kind or len(parts) != size or not all(p.isdigit() for p in parts):
        raise invalid_param("The cursor is invalid")
    return tuple(int(part) for part in parts)


def paging_block(
    window: Window[K], base: URL, limit: int, cursor: Callable[[K], str]
) -> dict[str, Any] | None:
    """``paging`` for a page read at ``base``, or None for an empty page (Graph leaves it out)."""
    if not window.items:
        return None
    before, after = cursor(window.items[0]), cursor(window.items[-1])
    paging: dict[str, Any] = {"cursors": {"before": before, "after": after}}
    base = base.remove_query_params(["access_token", "after", "before"])
    if window.more_after:
        paging["next"] = str(base.include_query_params(limit=limit, after=after))
    if window.more_before:
        paging["previous"] = str(base.include_query_params(limit=limit, before=before))
    return paging
