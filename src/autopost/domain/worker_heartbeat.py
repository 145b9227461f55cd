"""A worker's heartbeat: who it is, and when it was last seen alive."""

from __future__ import annotations

from datetime import datetime, timedelta

from attrs import frozen

# A worker counts as alive while its last beat is at most this many intervals old: one late
# beat (a busy event loop, a slow database) does not make it look dead.
FRESH_BEATS = 3
# The row of a worker not seen for this long is removed: until then it is shown as recently
# dead, for whoever asks why the workers are fewer.
FORGET_AFTER = timedelta(hours=1)


@frozen
class WorkerHeartbeat:
    """``name`` is unique per worker process (its host and process id, and when it started).
    ``kind`` says where it runs: ``worker`` (``autopost worker``) or ``embedded`` (inside
    ``autopost serve``)."""

    name: str
    kind: str
    host: str
    pid: int
    started_at: datetime
    last_seen: datetime
    threads: int = 0
    in_flight: int = 0

    def is_fresh(self, now: datetime, interval: timedelta) -> bool:
        return now - self.last_seen <= FRESH_BEATS * interval

    def seen_again(self, now: datetime, in_flight: int) -> WorkerHeartbeat:
        return WorkerHeartbeat(
            self.name,
            self.kind,
            self.host,
            self.pid,
            self.started_at,
            now,
            self.threads,
            in_flight,
        )


def forget_before(now: datetime, interval: timedelta) -> datetime:
    """Rows last seen before this are of workers long dead: never before they stopped being
    fresh, however long the interval."""
    return now - max(FORGET_AFTER, 2 * FRESH_BEATS * interval)


def worker_name(kind: str, host: str, pid: int) -> str:
    """One name per worker process: a process restarted with the same id takes its row over."""
    return f"{kind}@{host}:{pid}"
