"""Meta's usage headers read as "how long to hold back before the next call".

``x-app-usage`` and ``x-business-use-case-usage`` report, in percent of the limit, how much
of the rolling window an app or account has used. Calls are throttled as usage nears 100,
not after the platform starts refusing them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

SLOW_DOWN_FROM = 75.0
STOP_FROM = 95.0
FULL_STOP = timedelta(minutes=5)


def usage_percent(headers: Mapping[str, str]) -> tuple[float, timedelta | None]:
    """The highest usage reported in the headers, and the platform's own time to regain access."""
    highest = 0.0
    regain: timedelta | None = None
    app = _json(headers.get("x-app-usage"))
    if isinstance(app, dict):
        highest = max([highest, *_percents(app)])
    business = _json(headers.get("x-business-use-case-usage"))
    if isinstance(business, dict):
        for entries in business.values():
            for entry in entries if isinstance(entries, list) else []:
                if not isinstance(entry, dict):
                    continue
                highest = max([highest, *_percents(entry)])
                minutes = entry.get("estimated_time_to_regain_access")
                if isinstance(minutes, int | float) and minutes > 0:
                    wait = timedelta(minutes=minutes)
                    regain = wait if regain is None else max(regain, wait)
    return highest, regain


def hold_back(percent: float, regain: timedelta | None = None) -> timedelta:
    """How long to wait before calling again at this usage."""
    if regain is not None:
        return regain
    if percent >= STOP_FROM:
        return FULL_STOP
    if percent >= SLOW_DOWN_FROM:
        share = (percent - SLOW_DOWN_FROM) / (STOP_FROM - SLOW_DOWN_FROM)
        return FULL_STOP * share / 10
    return timedelta(0)


def _percents(entry: Mapping[str, Any]) -> list[float]:
    keys = ("call_count", "total_time", "total_cputime")
    return [float(entry[k]) for k in keys if isinstance(entry.get(k), int | float)]


def _json(raw: str | None) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None
