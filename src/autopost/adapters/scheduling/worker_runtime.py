"""A Dramatiq worker and its periodic jobs, in this process, on one event loop."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import dramatiq
from attrs import frozen
from dramatiq.asyncio import get_event_loop_thread

from autopost.adapters.scheduling.in_flight import InFlight

log = logging.getLogger(__name__)

WORKER_TIMEOUT_MS = 100  # how often the worker looks at delayed messages whose time has come

# Each message is taken by a worker thread that hands its coroutine to the event loop's thread;
# then the worker thread needs the interpreter lock back to take the next message. Python lets
# a busy thread keep the lock for 5 ms before it must let a waiting one in, so under load each
# hand-back waited up to 5 ms while the loop ran
# short of work: 1,000 posts due over 10 s were published at 82 per second with a p99 of
# 2.4 s in the embedded mode, and at the offered 100 per second with a p99 of 0.3-0.4 s at
# 1 ms (the same CPU time). Applies to the whole process.
SWITCH_INTERVAL_S = 0.001


@frozen
class PeriodicJob:
    """Work a worker does every ``interval`` seconds on its event loop, in a thread of its own:
    one slow job never holds back another."""

    name: str
    run: Callable[[], Awaitable[Any]]
    interval: float
    first_after: float = 0.0


class WorkerRuntime:
    def __init__(
        self,
        broker: dramatiq.Broker,
        jobs: Sequence[PeriodicJob],
        worker_threads: int,
        in_flight: InFlight,
        on_start: Callable[[], Awaitable[None]] | None = None,
        on_stop: Callable[[], Awaitable[None]] | None = None,
        stop_grace: float = 30.0,
    ) -> None:
        """``on_start``: run on the event loop once it runs, before the periodic jobs start.
        ``stop_grace``: how long a stop waits for the publications in flight to end."""
        self._broker = broker
        self._jobs = jobs
        self._worker_threads = worker_threads
        self._on_start = on_start
        self._on_stop = on_stop
        self._in_flight = in_flight
        self._stop_grace = stop_grace
        self._stopping = threading.Event()
        self._worker: dramatiq.Worker | None = None
        self._job_threads: list[threading.Thread] = []
        self._switch_interval: float | None = None

    @property
    def jobs(self) -> Sequence[PeriodicJob]:
        """The periodic jobs this worker runs once started."""
        return self._jobs

    def start(self) -> None:
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        self._worker = dramatiq.Worker(
            self._broker, worker_threads=self._worker_threads, worker_timeout=WORKER_TIMEOUT_MS
        )
        self._worker.start()
        if self._on_start is not None:
            self.run_on_loop(self._on_start())
        for job in self._jobs:
            thread = threading.Thread(
                target=self._every_interval, args=(job,), name=job.name, daemon=True
            )
            thread.start()
            self._job_threads.append(thread)

    def run_on_loop(self, coroutine: Awaitable[Any]) -> Any:
        loop_thread = get_event_loop_thread()
        if loop_thread is None:
            raise RuntimeError("the worker is not running")
        return loop_thread.run_coroutine(coroutine)

    def stop(self) -> None:
        """Take no new publication, let those in flight end (their leases still renewed),
        then stop the periodic jobs and the worker."""
        self._in_flight.stop_taking()
        if not self._in_flight.wait_idle(self._stop_grace):
            # Their claims run out and the sweep hands them to another worker.
            log.warning("%d publication(s) still in flight at stop", self._in_flight.running)
        self._stopping.set()
        for thread in self._job_threads:
            thread.join(timeout=10)
        if self._on_stop is not None and get_event_loop_thread() is not None:
            try:
                self.run_on_loop(self._on_stop())
            except Exception:
                log.warning("cleanup after the worker failed", exc_info=True)
        if self._worker is not None:
            self._worker.stop(timeout=10_000)
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)

    def _every_interval(self, job: PeriodicJob) -> None:
        if self._stopping.wait(job.first_after):
            return
        while not self._stopping.is_set():
            try:
                self.run_on_loop(job.run())
            except Exception:
                log.exception("%s failed; trying again in %ss", job.name, job.interval)
            self._stopping.wait(job.interval)
