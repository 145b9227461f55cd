"""What a process shows its operators besides its log: the queue depth it can ask the broker
for, and for a worker, which has no web server, a ``/metrics`` of its own."""

from __future__ import annotations

import logging
from collections.abc import Callable

import dramatiq

from autopost.adapters.observability.metrics_server import MetricsServer
from autopost.adapters.observability.queue_depth import watch_queue
from autopost.adapters.scheduling.queue_depth import queue_depth
from autopost.entrypoints.settings import Settings

log = logging.getLogger(__name__)


def observe(settings: Settings, broker: dramatiq.Broker, *, own_server: bool) -> Callable[[], None]:
    """Start showing this process's metrics; returns what stops it. ``own_server``: serve
    ``/metrics`` on ``AUTOPOST_METRICS_PORT`` (a worker) rather than through the web server."""
    watch_queue(lambda: queue_depth(broker))
    if not (own_server and settings.metrics_token and settings.metrics_port):
        return lambda: None
    server = MetricsServer(settings.metrics_host, settings.metrics_port, settings.metrics_token)
    server.start()
    log.info("metrics at http://%s:%s/metrics", settings.metrics_host, server.port)
    return server.stop
