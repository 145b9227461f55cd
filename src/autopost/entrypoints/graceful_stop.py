"""Stopping on SIGTERM or SIGINT: no new work, what is at work ends (or is handed back) within
``AUTOPOST_STOP_GRACE_SECONDS``, then the process exits with status 0."""

from __future__ import annotations

import math
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

import uvicorn

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def on_stop_signal(stop: Callable[[], None]) -> None:
    """``stop()`` runs when a stop signal arrives, in place of the default (death by it)."""

    def handle(signum: int, frame: FrameType | None) -> None:
        stop()

    for signum in STOP_SIGNALS:
        signal.signal(signum, handle)


class _TellingServer(uvicorn.Server):
    """uvicorn's server, which also says when a stop signal arrives: the embedded worker
    begins its stop then, while the requests being answered end."""

    def __init__(self, config: uvicorn.Config, on_exit: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_exit = on_exit

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        self._on_exit()


def serve_until_stopped(
    app: Any, grace_seconds: float, on_stop: Callable[[], None], **config: Any
) -> None:
    """Serve ``app`` with uvicorn until a stop signal; then end the requests under way (for up
    to ``grace_seconds``) while ``on_stop()`` runs in a thread of its own, and return once
    both have ended.

    uvicorn puts back the signal handlers it found when it has shut down, and raises the
    signal again for them (its "cooperative signal handling"): by default the process then
    dies of it (exit status -15) whatever was still at work. The handlers it finds here only
    start the stop, once."""
    stopping = threading.Thread(target=on_stop, name="stopping")
    start_once = threading.Lock()

    def begin_stop() -> None:
        if start_once.acquire(blocking=False):
            stopping.start()

    on_stop_signal(begin_stop)
    server = _TellingServer(
        uvicorn.Config(app, timeout_graceful_shutdown=math.ceil(grace_seconds), **config),
        on_exit=begin_stop,
    )
    try:
        server.run()
    finally:
        begin_stop()
        stopping.join()
