"""Heartbeats, the database probe and the schedule overview on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from persistence_builders import NOW, Seed
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.database_probe import SqlaDatabaseProbe, newest_revision
from autopost.adapters.persistence.engine import create_engine
from autopost.adapters.persistence.schedule_overview import SqlaScheduleOverview
from autopost.adapters.persistence.worker_heartbeat_repository import SqlaWorkerHeartbeats
from autopost.domain.publication import PublicationStatus
from autopost.domain.worker_heartbeat import WorkerHeartbeat

pytestmark = pytest.mark.integration


def beat(name: str, ago: timedelta, in_flight: int = 0) -> WorkerHeartbeat:
    started = NOW - timedelta(hours=1)
    return WorkerHeartbeat(name, "worker", "host-a", 4242, started, NOW - ago, 8, in_flight)


async def test_a_heartbeat_replaces_the_workers_row_and_old_rows_are_forgotten(
    engine: AsyncEngine,
) -> None:
    heartbeats = SqlaWorkerHeartbeats(engine)
    await heartbeats.beat(beat("worker@a:1", timedelta(minutes=1)))
    await heartbeats.beat(beat("worker@a:1", timedelta(0), in_flight=5))
    await heartbeats.beat(beat("worker@b:2", timedelta(hours=2)))
    rows = await heartbeats.all()
    assert [(row.name, row.last_seen, row.in_flight) for row in rows] == [
        ("worker@a:1", NOW, 5),
        ("worker@b:2", NOW - timedelta(hours=2), 0),
    ]
    assert rows[0] == beat("worker@a:1", timedelta(0), in_flight=5)
    assert await heartbeats.forget(NOW - timedelta(hours=1)) == 1
    assert [row.name for row in await heartbeats.all()] == ["worker@a:1"]
    await heartbeats.remove("worker@a:1")
    await heartbeats.remove("worker@a:1")  # a second stop is no error
    assert await heartbeats.all() == []


async def test_the_probe_says_a_migrated_database_is_at_the_newest_revision(
    engine: AsyncEngine,
) -> None:
    state = await SqlaDatabaseProbe(engine).state()
    assert state.reachable and state.migrated
    assert state.revision == state.newest == newest_revision() is not None


async def test_the_probe_says_a_database_never_migrated_has_no_revision(tmp_path: Path) -> None:
    fresh = create_engine(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        state = await SqlaDatabaseProbe(fresh).state()
    finally:
        await fresh.dispose()
    assert state.reachable and state.revision is None and not state.migrated


async def test_the_probe_says_why_a_database_does_not_answer_without_its_password() -> None:
    down = create_engine("postgresql://autopost:hunter2-secret@127.0.0.1:1/autopost")
    try:
        state = await SqlaDatabaseProbe(down).state()
    finally:
        await down.dispose()
    assert not state.reachable and state.error
    assert "hunter2-secret" not in state.error


async def test_the_overview_counts_what_is_due_within_the_hour_and_lists_what_is_late(
    engine: AsyncEngine, seed: Seed
) -> None:
    await seed.publication(publish_at=NOW + timedelta(minutes=59))
    await seed.publication(publish_at=NOW + timedelta(minutes=61))
    late = await seed.publication(publish_at=NOW - timedelta(minutes=10))
    later = await seed.publication(
        publish_at=NOW - timedelta(minutes=5), status=PublicationStatus.PROCESSING
    )
    await seed.publication(
        publish_at=NOW - timedelta(minutes=20), status=PublicationStatus.PUBLISHED
    )
    await seed.publication(
        publish_at=NOW - timedelta(minutes=20), status=PublicationStatus.CANCELLED
    )
    overview = SqlaScheduleOverview(engine)
    assert await overview.due_between(NOW, NOW + timedelta(hours=1)) == 1
    overdue = await overview.overdue(NOW - timedelta(minutes=1), limit=10)
    assert [(p.publication_id, p.status) for p in overdue] == [
        (late, "scheduled"),
        (later, "processing"),
    ]
    assert overdue[0].publish_at == NOW - timedelta(minutes=10)
    assert await overview.count_overdue(NOW - timedelta(minutes=1)) == 2
    assert len(await overview.overdue(NOW - timedelta(minutes=1), limit=1)) == 1
