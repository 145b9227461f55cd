"""Reading Pinterest's answer to ``GET /pins/{pin_id}/analytics``:
``{"all": {"daily_metrics": [{"date", "data_status", "metrics": {...}}], ...}}``."""

from __future__ import annotations

from datetime import date
from typing import Any

from autopost.domain.insights import PinDay, PinMetric

METRIC_TYPES = ",".join(metric.value for metric in PinMetric)


def pin_days(body: dict[str, Any]) -> list[PinDay]:
    """Each day Pinterest has numbers for; a day still being processed (``data_status`` other
    than ``READY``) is left for a later run, which asks for the last week again."""
    split = body.get("all")
    if not isinstance(split, dict):
        return []
    daily = split.get("daily_metrics")
    days: list[PinDay] = []
    for entry in daily if isinstance(daily, list) else []:
        if not isinstance(entry, dict) or entry.get("data_status", "READY") != "READY":
            continue
        try:
            day = date.fromisoformat(str(entry.get("date")))
        except ValueError:
            continue
        metrics = entry.get("metrics")
        values = {
            metric: round(value)
            for metric in PinMetric
            if isinstance(metrics, dict)
            and isinstance(value := metrics.get(metric.value), int | float)
            and not isinstance(value, bool)
            and value >= 0
        }
        days.append(PinDay(day, values))
    return days
