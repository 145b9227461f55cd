from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.readiness import Check, Readiness
from autopost.domain.worker_heartbeat import WorkerHeartbeat, forget_before, worker_name

pytestmark = pytest.mark.unit

NOON = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
INTERVAL = timedelta(seconds=15)


def beat(last_seen: datetime) -> WorkerHeartbeat:
    return WorkerHeartbeat("worker@h:1", "worker", "h", 1, NOON - timedelta(hours=1), last_seen)


def test_a_worker_is_alive_while_its_last_beat_is_at_most_three_intervals_old() -> None:
    assert beat(NOON - 3 * INTERVAL).is_fresh(NOON, INTERVAL)
    assert not beat(NOON - 3 * INTERVAL - timedelta(seconds=1)).is_fresh(NOON, INTERVAL)


def test_one_late_beat_does_not_make_a_worker_look_dead() -> None:
    assert beat(NOON - 2 * INTERVAL).is_fresh(NOON, INTERVAL)


def test_a_beat_moves_last_seen_and_keeps_who_the_worker_is() -> None:
    again = beat(NOON - INTERVAL).seen_again(NOON, in_flight=4)
    assert (again.last_seen, again.in_flight, again.started_at) == (
        NOON,
        4,
        NOON - timedelta(hours=1),
    )
    assert again.name == "worker@h:1"


def test_dead_workers_are_forgotten_after_an_hour_never_while_still_fresh() -> None:
    assert forget_before(NOON, INTERVAL) == NOON - timedelta(hours=1)
    slow = timedelta(minutes=30)  # three intervals of 30 minutes are longer than an hour
    assert forget_before(NOON, slow) == NOON - 6 * slow


def test_a_worker_name_says_its_kind_host_and_process() -> None:
    assert worker_name("embedded", "box", 42) == "embedded@box:42"


def test_ready_only_when_every_check_is_ok() -> None:
    ok = Check("database", True, "sqlite")
    assert Readiness([ok, Check("broker", True, "redis")]).ready
    down = Check("workers", False, "no worker")
    readiness = Readiness([ok, down])
    assert not readiness.ready
    assert readiness.problems == [down]
