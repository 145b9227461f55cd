"""Pinterest's pagination: ``page_size`` and an opaque ``bookmark`` to the next page.

A bookmark names the sort key of the last item served, not an offset, so pins created while a
client pages through a newest-first list do not make it see an item twice.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import TypeVar

from autopost.sandbox.pinterest_contract import PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX
from autopost.sandbox.pinterest_errors import invalid_request

T = TypeVar("T")
_PREFIX = "sbx1:"


def page_size(raw: str | None) -> int:
    if raw is None:
        return PAGE_SIZE_DEFAULT
    if not (raw.isascii() and raw.strip().isdigit()):
        raise invalid_request(f"Parameter 'page_size' was not numeric (was {raw})")
    size = int(raw)
    if not 1 <= size <= PAGE_SIZE_MAX:
        raise invalid_request(
            f"Parameter 'page_size' must be between 1 and {PAGE_SIZE_MAX} (was {size})"
        )
    return size


def paginate(
    items: Sequence[T],
    key: Callable[[T], str],
    params: dict[str, str],
    *,
    newest_first: bool,
) -> tuple[list[T], str | None]:
    """One page of ``items`` (already sorted by ``key``) and the bookmark of the next, if any."""
    size = page_size(params.get("page_size"))
    remaining = list(items)
    if params.get("bookmark"):
        after = _decode(params["bookmark"])
        remaining = [i for i in items if (key(i) < after if newest_first else key(i) > after)]
    page = remaining[:size]
    more = len(remaining) > size
    return page, _encode(key(page[-1])) if more else None


def _encode(key: str) -> str:
    return base64.urlsafe_b64encode((_PREFIX + key).encode()).decode().rstrip("=")


def _decode(bookmark: str) -> str:
    try:
        text = base64.urlsafe_b64decode(bookmark + "=" * (-len(bookmark) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    if not text.startswith(_PREFIX):
        raise invalid_request("Invalid bookmark: pass back the bookmark of the previous page.")
    return text.removeprefix(_PREFIX)
