"""The standard ``Retry-After`` header: seconds to wait, or the date to come back at."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime


def retry_after_header(headers: Mapping[str, str], now: datetime) -> timedelta | None:
    raw = (headers.get("retry-after") or "").strip()
    if raw.isdigit():
        return timedelta(seconds=int(raw))
    if raw:
        try:
            return max(parsedate_to_datetime(raw) - now, timedelta(0))
        except (TypeError, ValueError):
            pass
    return None
