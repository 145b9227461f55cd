"""Health, over the real readiness and status use cases and in-memory fakes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from tests.fakes import FakeClock
from tests.operations_fakes import (
    FakeBrokerProbe,
    FakeDatabaseProbe,
    FakeHeartbeats,
    FakeScheduleOverview,
)

from autopost.application.operations.readiness import CheckReadiness
from autopost.application.operations.status import ReadStatus, StatusReport
from autopost.application.ports.database_probe import DatabaseState
from autopost.application.ports.schedule_overview import DuePublication
from autopost.domain.platform import Platform
from autopost.domain.readiness import Readiness
from autopost.domain.worker_heartbeat import WorkerHeartbeat
from features.conftest import at, run

scenarios("operations.feature")


class Instance:
    def __init__(self) -> None:
        self.clock = FakeClock(at("12:00"))
        self.interval = timedelta(seconds=15)
        self.heartbeats = FakeHeartbeats()
        self.database = FakeDatabaseProbe()
        self.broker = FakeBrokerProbe()
        self.overview = FakeScheduleOverview()

    def readiness(self) -> Readiness:
        check = CheckReadiness(
            self.database, self.broker, self.heartbeats, self.clock, self.interval
        )
        return run(check.execute())

    def status(self) -> StatusReport:
        status = ReadStatus(
            self.heartbeats,
            self.broker,
            self.overview,
            self.clock,
            self.interval,
            timedelta(minutes=1),
        )
        return run(status.execute())

    def beat(self, when: datetime) -> None:
        heartbeat = WorkerHeartbeat("worker@box:1", "worker", "box", 1, when, when, 8)
        run(self.heartbeats.beat(heartbeat))

    def due(self, time: str) -> None:
        number = len(self.overview.publications) + 1
        self.overview.publications.append(
            DuePublication(number, number, Platform.INSTAGRAM, at(time), "scheduled")
        )


@pytest.fixture
def instance() -> Instance:
    return Instance()


@given("the database and the broker answer")
def both_answer(instance: Instance) -> None:
    assert instance.database.answer.migrated and instance.broker.answer.reachable


@given("no worker has said it is alive")
def no_worker(instance: Instance) -> None:
    assert not instance.heartbeats.rows


@given(parsers.parse("workers say they are alive every {seconds:d} seconds"))
def every(instance: Instance, seconds: int) -> None:
    instance.interval = timedelta(seconds=seconds)


@given(parsers.parse("a worker said it was alive at {time}"))
def alive_at(instance: Instance, time: str) -> None:
    instance.beat(at(time))


@given("a worker is alive")
@when("a worker says it is alive")
def alive_now(instance: Instance) -> None:
    instance.beat(instance.clock.now())


@given("the database is at an older schema")
def older_schema(instance: Instance) -> None:
    instance.database.answer = DatabaseState(True, "0016", "0018", kind="sqlite")


@given(parsers.parse("a post due at {time} is still not published"))
@given(parsers.parse("a post is due at {time}"))
def post_due(instance: Instance, time: str) -> None:
    instance.due(time)


@when(parsers.parse("the operator asks at {time}"))
def asks_at(instance: Instance, time: str) -> None:
    instance.clock.set(at(time))


@then("Autopost is ready")
def ready(instance: Instance) -> None:
    readiness = instance.readiness()
    assert readiness.ready, readiness.problems


@then(parsers.parse("Autopost is not ready, because of its {what}"))
def not_ready(instance: Instance, what: str) -> None:
    readiness = instance.readiness()
    assert not readiness.ready
    assert readiness.problems[0].name == what


@then(parsers.parse('it says to run "{command}"'))
def says_to_run(instance: Instance, command: str) -> None:
    assert f"`{command}`" in instance.readiness().problems[0].detail


@then("the status shows that worker as recently dead")
def recently_dead(instance: Instance) -> None:
    report = instance.status()
    assert [beat.name for beat in report.recently_dead] == ["worker@box:1"]
    assert report.alive == []


@then(
    parsers.parse(
        "the status shows {due:d} publication due in the next hour and {overdue:d} overdue"
    )
)
def due_and_overdue(instance: Instance, due: int, overdue: int) -> None:
    report = instance.status()
    assert (report.due_next_hour, report.overdue_count) == (due, overdue)
