"""Publications in flight on the worker's event loop, many at once.

A publication spends nearly all of its time waiting for the platform (hundreds of milliseconds
a call, seconds for ``media_publish`` at busy times). Run by a worker thread that waits for
it, each thread would carry one publication at a time: 8 threads and a platform answering in
500 ms publish about 8 a second. Here a worker thread only starts the publication on the event
loop and goes back for the next message, so the loop carries as many as ``limit`` at once.

A message is done with once its publication has started: the database, not the broker, is the
record of what must happen. If the process dies meanwhile, what it held comes back through the
sweep (a claim whose lease ran out, a publication overdue and unclaimed).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Future

log = logging.getLogger(__name__)

# How often a worker thread waiting for a free place looks whether the worker is stopping.
WAIT_CHECK_S = 0.1


class Stopping(Exception):
    """The worker stops: no new publication is started."""


class InFlight:
    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._places = threading.Semaphore(limit)
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._running = 0
        self._idle = threading.Event()
        self._idle.set()
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def running(self) -> int:
        with self._lock:
            return self._running

    def submit(
        self, loop: asyncio.AbstractEventLoop, work: Callable[[], Awaitable[None]], what: str
    ) -> None:
        """Start ``work()`` on ``loop`` once fewer than ``limit`` are running; return at once
        then. Waits while all places are taken, so that a worker takes no more messages than
        it can carry. Raises ``Stopping`` when the worker stops meanwhile."""
        while not self._places.acquire(timeout=WAIT_CHECK_S):
            if self._stopping.is_set():
                raise Stopping(what)
        if self._stopping.is_set():
            self._places.release()
            raise Stopping(what)
        with self._lock:  # counted before it can start, so it never runs uncounted
            self._running += 1
            self._idle.clear()
        future = asyncio.run_coroutine_threadsafe(self._tracked(work, what), loop)
        future.add_done_callback(self._finished)

    def stop_taking(self) -> None:
        self._stopping.set()

    def wait_idle(self, timeout: float) -> bool:
        """Whether every started publication ended within ``timeout`` seconds."""
        return self._idle.wait(timeout)

    def cancel_all(self) -> int:
        """Cancel every publication still running (at a stop, once the grace period is over);
        how many were. Each ends where it is waiting, its transaction rolled back; it counts
        as running until it has."""
        with self._lock:
            running = list(self._tasks)
        for task in running:
            task.get_loop().call_soon_threadsafe(task.cancel)
        return len(running)

    async def _tracked(self, work: Callable[[], Awaitable[None]], what: str) -> None:
        task = asyncio.current_task()
        assert task is not None
        with self._lock:
            self._tasks.add(task)
        try:
            await _logged(work, what)
        finally:
            with self._lock:
                self._tasks.discard(task)

    def _finished(self, future: Future[None]) -> None:
        with self._lock:
            self._running -= 1
            if not self._running:
                self._idle.set()
        self._places.release()


async def _logged(work: Callable[[], Awaitable[None]], what: str) -> None:
    try:
        await work()
    except Exception:
        # Nothing is lost: the publication's record says what is left to do, and the sweep
        # hands it to a worker again.
        log.exception("%s ended with an error; the sweep will hand it out again", what)
