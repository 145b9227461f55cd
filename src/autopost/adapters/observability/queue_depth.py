"""The broker's queue depth, asked at each scrape."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping

from prometheus_client import REGISTRY
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

NAME = "autopost_queue_depth"
HELP = "Messages the broker holds for publishing, by state (ready, delayed)."

# The messages held, by state; None where the broker cannot say.
Depth = Callable[[], Mapping[str, int] | None]


class QueueDepthCollector(Collector):
    def __init__(self, depth: Depth) -> None:
        self._depth = depth

    def describe(self) -> Iterable[Metric]:
        # Registering must not ask the broker.
        return [GaugeMetricFamily(NAME, HELP, labels=["state"])]

    def collect(self) -> Iterable[Metric]:
        family = GaugeMetricFamily(NAME, HELP, labels=["state"])
        try:
            counts = self._depth()
        except Exception as failed:
            # A scrape still answers with everything else; the broker's own health is /readyz's.
            log.warning("the broker did not say its queue depth: %s", type(failed).__name__)
            counts = None
        for state, count in (counts or {}).items():
            family.add_metric([state], count)
        return [family]


_watched: list[QueueDepthCollector] = []


def watch_queue(depth: Depth) -> None:
    """Report ``depth()`` at each scrape of this process, instead of any depth watched
    before."""
    while _watched:
        REGISTRY.unregister(_watched.pop())
    collector = QueueDepthCollector(depth)
    REGISTRY.register(collector)
    _watched.append(collector)
