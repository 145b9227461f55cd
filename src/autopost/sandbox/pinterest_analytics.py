"""``GET /v5/pins/{pin_id}/analytics``: a pin's daily impressions, saves, pin clicks and
outbound clicks, derived from the pin's id and age so that they change from day to day.

Refused as the contract says: ``start_date`` and ``end_date`` are required dates, no more
than 90 days back and no more than 90 days apart; ``metric_types`` takes the standard and
video pin metrics; an unknown pin is 404 "Pin not found.", another account's pin 403. Days
before the pin was made are ``BEFORE_PIN_CREATED``; today is still ``PROCESSING``.
"""

from __future__ import annotations

import math
import zlib
from datetime import date, timedelta

from autopost.sandbox.pinterest_contract import (
    PIN_ANALYTICS_APP_TYPES,
    PIN_ANALYTICS_METRIC_TYPES,
    PIN_ANALYTICS_PARAMS,
    PIN_ANALYTICS_SPLIT_FIELDS,
)
from autopost.sandbox.pinterest_edge import ApiCall, Payload
from autopost.sandbox.pinterest_errors import PinterestError, invalid_request
from autopost.sandbox.pinterest_state import Pin

MOST_DAYS = 90
INVALID = "Invalid pins analytics parameters."


def pin_analytics(call: ApiCall, pins: dict[str, Pin]) -> tuple[int, Payload]:
    query = call.call.query
    pin_id = call.path_params["pin_id"]
    unknown = sorted(set(query) - PIN_ANALYTICS_PARAMS)
    if unknown:
        raise invalid_request(f"{INVALID} Unknown parameter: {unknown[0]}")
    today = call.now.date()
    start, end = _date(query, "start_date"), _date(query, "end_date")
    if start < today - timedelta(days=MOST_DAYS) or end - start > timedelta(days=MOST_DAYS):
        raise invalid_request(f"{INVALID} Dates reach at most {MOST_DAYS} days back and apart.")
    if end < start:
        raise invalid_request(f"{INVALID} end_date is before start_date.")
    metrics = [m for m in query.get("metric_types", "").split(",") if m]
    if not metrics or any(m not in PIN_ANALYTICS_METRIC_TYPES for m in metrics):
        raise invalid_request(f"{INVALID} metric_types: {query.get('metric_types', '')!r}")
    if query.get("app_types", "ALL") not in PIN_ANALYTICS_APP_TYPES:
        raise invalid_request(f"{INVALID} app_types")
    if query.get("split_field", "NO_SPLIT") not in PIN_ANALYTICS_SPLIT_FIELDS:
        raise invalid_request(f"{INVALID} split_field")
    pin = pins.get(pin_id)
    if pin is None:
        raise PinterestError(404, 404, "Pin not found.")
    if pin.owner != call.account.username:
        raise PinterestError(403, 403, "Not authorized to access board or Pin.")
    created = pin.created_at.date()
    daily: list[Payload] = []
    summary = dict.fromkeys(metrics, 0)
    day = start
    while day <= end:
        entry, values = _day(pin_id, created, day, today, metrics)
        daily.append(entry)
        for metric, value in values.items():
            summary[metric] += value
        day += timedelta(days=1)
    return 200, {"all": {"daily_metrics": daily, "summary_metrics": summary}}


def _day(
    pin_id: str, created: date, day: date, today: date, metrics: list[str]
) -> tuple[Payload, dict[str, int]]:
    if day < created:
        return {"date": day.isoformat(), "data_status": "BEFORE_PIN_CREATED", "metrics": {}}, {}
    seed = zlib.crc32(f"{pin_id}/{day}".encode())
    age = (day - created).days
    # Most impressions in a pin's first days, then a long tail.
    impressions = int((40 + zlib.crc32(pin_id.encode()) % 400) * math.exp(-age / 20)) + seed % 9
    values = {
        "IMPRESSION": impressions,
        "SAVE": impressions * (1 + seed % 4) // 100,
        "PIN_CLICK": impressions * (2 + seed % 5) // 100,
        "OUTBOUND_CLICK": impressions * (seed % 3) // 100,
    }
    status = "PROCESSING" if day >= today else "READY"
    asked = {m: values.get(m, 0) for m in metrics}
    return {"date": day.isoformat(), "data_status": status, "metrics": asked}, asked


def _date(query: dict[str, str], name: str) -> date:
    raw = query.get(name)
    if not raw:
        raise invalid_request(f"{INVALID} {name} is required.")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise invalid_request(f"{INVALID} {name} must be a date (YYYY-MM-DD).") from None
