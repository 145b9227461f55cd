"""A real worker (``build_worker`` started on the in-process broker) writes its heartbeat as
it starts, and a clean stop removes its row."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from tests.e2e.processes import wait_until

from autopost.adapters.persistence.engine import create_engine
from autopost.adapters.persistence.migrate import upgrade_database
from autopost.adapters.persistence.worker_heartbeat_repository import SqlaWorkerHeartbeats
from autopost.adapters.scheduling.broker import create_broker
from autopost.domain.worker_heartbeat import WorkerHeartbeat
from autopost.entrypoints.settings import Settings
from autopost.entrypoints.worker import build_worker

pytestmark = pytest.mark.integration


def rows(url: str) -> Sequence[WorkerHeartbeat]:
    async def read() -> Sequence[WorkerHeartbeat]:
        engine = create_engine(url)
        try:
            return await SqlaWorkerHeartbeats(engine).all()
        finally:
            await engine.dispose()

    return asyncio.run(read())


def test_a_worker_beats_at_its_interval_and_a_clean_stop_removes_its_row(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'autopost.db'}"
    upgrade_database(url)
    settings = Settings(
        var_dir=tmp_path, database_url=url, secret_key="k", heartbeat_seconds=7.0, worker_threads=2
    )
    runtime, _ = build_worker(settings, create_broker(None), kind="embedded")
    (job,) = [job for job in runtime.jobs if job.name == "heartbeat"]
    assert (job.interval, job.first_after) == (7.0, 0.0)
    runtime.start()
    try:
        (beat,) = wait_until(lambda: rows(url), 10, "the worker's first heartbeat")
    finally:
        runtime.stop()
    assert (beat.kind, beat.pid, beat.threads) == ("embedded", os.getpid(), 2)
    assert beat.name == f"embedded@{beat.host}:{os.getpid()}"
    assert rows(url) == []
