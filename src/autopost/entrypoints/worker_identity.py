"""Who a worker process is, for its heartbeat."""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime

from autopost.domain.worker_heartbeat import WorkerHeartbeat, worker_name

WORKER = "worker"  # `autopost worker`
EMBEDDED = "embedded"  # the worker inside `autopost serve`, without a broker


def embedded_worker_name() -> str:
    return worker_name(EMBEDDED, socket.gethostname(), os.getpid())


def this_worker(kind: str, threads: int) -> WorkerHeartbeat:
    """This process's worker, as it starts now."""
    now = datetime.now(UTC)
    host, pid = socket.gethostname(), os.getpid()
    return WorkerHeartbeat(worker_name(kind, host, pid), kind, host, pid, now, now, threads)
