from __future__ import annotations

from datetime import timedelta

from pytest_bdd import parsers, scenarios, then, when

from autopost.application.access import SYSTEM
from autopost.application.posting.reports import PeriodReport, ReadReport
from autopost.domain.delivery_report import AccountReport
from autopost.domain.refusal_advice import FailureKind
from features.conftest import Scenario, at, instagram_limits_requests, run

scenarios("reports.feature")


def day_report(scenario: Scenario) -> AccountReport:
    """The report of the scenario's day, its one account."""
    use_case = ReadReport(scenario.world.uow())
    report: PeriodReport = run(use_case.execute(SYSTEM, at("0:00"), at("0:00 in 1 days")))
    (account,) = report.accounts
    assert account.credential_id is not None
    return account


@when(
    parsers.parse(
        "Instagram limits requests for the next {count:d} calls, asking to wait {minutes:d} "
        "minutes each time"
    )
)
def limits_from_now(scenario: Scenario, count: int, minutes: int) -> None:
    instagram_limits_requests(scenario, count, minutes)


@then(parsers.parse("the day's report counts {published:d} published, {on_time:d} of them on time"))
def counts_published(scenario: Scenario, published: int, on_time: int) -> None:
    report = day_report(scenario)
    assert (report.published, report.on_time) == (published, on_time)


@then(parsers.parse("its latest post was {minutes:d} minutes late"))
def latest_late(scenario: Scenario, minutes: int) -> None:
    assert day_report(scenario).lateness_p99 == timedelta(minutes=minutes)


@then(parsers.parse("the day's report counts {failed:d} failed about the media"))
def counts_failed(scenario: Scenario, failed: int) -> None:
    report = day_report(scenario)
    assert (report.failed, report.failures) == (failed, ((FailureKind.MEDIA, failed),))


@then(parsers.parse("the day's report counts {waiting:d} waiting and nothing else"))
def counts_waiting(scenario: Scenario, waiting: int) -> None:
    report = day_report(scenario)
    assert (report.waiting, report.published, report.failed) == (waiting, 0, 0)
