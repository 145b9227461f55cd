"""A Dramatiq worker and its periodic jobs, in this process, on one event loop.

The event loop is the runtime's own, not the one Dramatiq's ``AsyncIO`` middleware runs: that
one stops with the Dramatiq worker, and at a stop the publications in flight must outlive the
worker's taking of messages (see ``WorkerRuntime.stop``). Actors find it where Dramatiq's
helpers look (``dramatiq.asyncio.get_event_loop_thread``).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import dramatiq
from attrs import frozen
from dramatiq.asyncio import EventLoopThread, set_event_loop_thread

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

# After the grace period, how long the publications still running get to end once cancelled
# (a rollback each), before their claims are handed back.
CANCEL_WAIT_S = 5.0

# Run on the event loop once the work still in flight has been cancelled; made just before
# that, when it can still see what the work held.
HandBack = Callable[[], Awaitable[Any]]


@frozen
class PeriodicJob:
    """Work a worker does every ``interval`` seconds on its event loop, in a thread of its own:
    one slow job never holds back another."""

    name: str
    run: Callable[[], Awaitable[Any]]
    interval: float
    first_after: float = 0.0
    # Keeps running while a stop waits for the publications in flight (their leases' renewal);
    # every other job stops when the stop begins.
    through_stop: bool = False


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
        hand_back: Callable[[], HandBack] | None = None,
    ) -> None:
        """``on_start``: run on the event loop once it runs, before the periodic jobs start.
        ``stop_grace``: how long a stop waits for the publications in flight to end.
        ``hand_back``: called when that was not long enough, before the rest is cancelled; what
        it returns gives back, once they are, the claims that work held."""
        self._broker = broker
        self._jobs = jobs
        self._worker_threads = worker_threads
        self._on_start = on_start
        self._on_stop = on_stop
        self._in_flight = in_flight
        self._stop_grace = stop_grace
        self._hand_back = hand_back
        self._draining = threading.Event()
        self._stopping = threading.Event()
        self._stop_lock = threading.Lock()
        self._stop_asked = False
        self._stopped = threading.Event()
        self._loop_thread: EventLoopThread | None = None
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
        self._loop_thread = EventLoopThread(log)
        self._loop_thread.start(timeout=5.0)
        set_event_loop_thread(self._loop_thread)
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
        if self._loop_thread is None or not self._loop_thread.is_alive():
            raise RuntimeError("the worker is not running")
        return self._loop_thread.run_coroutine(coroutine)

    def stop(self) -> None:
        """Stop taking work, let what is in flight end, then stop. Done once: a second caller
        waits for the first one's stop to end.

        The Dramatiq worker stops first: the messages it had taken from the broker and not yet
        started go back to the broker at once, for another worker. The publications in flight
        go on, their leases renewed, for up to ``stop_grace`` seconds; what is still running
        then is cancelled and its claims handed back (``hand_back``)."""
        with self._stop_lock:
            already_asked, self._stop_asked = self._stop_asked, True
        if already_asked:
            self._stopped.wait()
            return
        try:
            self._stop()
        finally:
            self._stopped.set()

    def _stop(self) -> None:
        self._in_flight.stop_taking()
        self._draining.set()
        if self._worker is not None:
            self._worker.stop(timeout=10_000)
        if not self._in_flight.wait_idle(self._stop_grace):
            self._cancel_in_flight()
        self._stopping.set()
        for thread in self._job_threads:
            thread.join(timeout=10)
        if self._on_stop is not None and self._loop_thread is not None:
            try:
                self.run_on_loop(self._on_stop())
            except Exception:
                log.warning("cleanup after the worker failed", exc_info=True)
        if self._loop_thread is not None:
            self._loop_thread.stop()  # type: ignore[no-untyped-call]
            set_event_loop_thread(None)
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)

    def _cancel_in_flight(self) -> None:
        give_back = self._hand_back() if self._hand_back is not None else None
        cancelled = self._in_flight.cancel_all()
        if not self._in_flight.wait_idle(CANCEL_WAIT_S):
            log.warning("%d publication(s) did not end when cancelled", self._in_flight.running)
        handed_back = 0
        if give_back is not None:
            try:
                handed_back = self.run_on_loop(give_back())
            except Exception:
                log.warning("the claims held could not be handed back", exc_info=True)
        # Those not handed back keep their leases: when they run out, the sweep gives them to
        # another worker, which asks the platform first where a publishing call was sent.
        log.warning(
            "stopped %d publication(s) still in flight after %ss; %s claim(s) handed back",
            cancelled,
            f"{self._stop_grace:g}",
            handed_back,
        )

    def _every_interval(self, job: PeriodicJob) -> None:
        stop = self._stopping if job.through_stop else self._draining
        if stop.wait(job.first_after):
            return
        while not stop.is_set():
            try:
                self.run_on_loop(job.run())
            except Exception:
                log.exception("%s failed; trying again in %ss", job.name, job.interval)
            stop.wait(job.interval)
