"""The Grafana dashboard of docs/ queries only metrics Autopost exposes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from autopost.adapters.observability.exposition import exposition
from autopost.adapters.observability.queue_depth import watch_queue

DASHBOARD = Path(__file__).parents[2] / "docs" / "grafana-dashboard.json"
SUFFIXES = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}


def exposed() -> set[str]:
    """The names of the samples every metric family of a process can have."""
    watch_queue(lambda: None)  # as every process does, with its broker
    return {
        family.name + suffix
        for family in text_string_to_metric_families(exposition().decode())
        for suffix in SUFFIXES.get(family.type, ("",))
    }


def test_every_metric_the_dashboard_queries_is_exposed() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    queries = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    queried = {name for query in queries for name in re.findall(r"\bautopost_\w+", query)}
    assert len(queried) >= 10
    assert queried <= exposed(), queried - exposed()


def test_the_dashboard_shows_what_operators_look_at_first() -> None:
    titles = " / ".join(p["title"] for p in json.loads(DASHBOARD.read_text())["panels"])
    for subject in ("Publications per second", "Lateness", "latency", "errors", "Queue", "Sweep"):
        assert subject in titles
