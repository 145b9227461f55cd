"""A period's report, from Autopost's own records: counts, lateness percentiles, the on-time
rate and failures by kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.delivery_report import (
    ON_TIME,
    Delivery,
    percentile,
    report_of,
    reports_by_account,
)
from autopost.domain.publication import PublicationStatus as S
from autopost.domain.refusal_advice import FailureKind

pytestmark = pytest.mark.unit

NOON = datetime(2026, 12, 1, 12, tzinfo=UTC)


def published(late: timedelta, account: int = 1) -> Delivery:
    return Delivery(account, S.PUBLISHED, NOON, NOON + late, None)


def failed(error: str, account: int = 1) -> Delivery:
    return Delivery(account, S.FAILED, NOON, None, error)


def test_percentiles_are_nearest_rank_values_some_post_had() -> None:
    values = [timedelta(seconds=s) for s in range(1, 51)]
    assert percentile(values, 0.5) == timedelta(seconds=25)
    assert percentile(values, 0.99) == timedelta(seconds=50)
    assert percentile([timedelta(seconds=3)], 0.99) == timedelta(seconds=3)
    assert percentile([], 0.5) is None


def test_a_post_is_on_time_up_to_a_minute_after_its_time() -> None:
    report = report_of(1, [published(ON_TIME), published(ON_TIME + timedelta(seconds=1))])
    assert (report.published, report.on_time, report.on_time_rate) == (2, 1, 0.5)


def test_lateness_is_read_from_the_records_and_never_below_zero() -> None:
    report = report_of(1, [published(timedelta(seconds=-2)), published(timedelta(seconds=4))])
    assert report.lateness_p50 == timedelta(0)
    assert report.lateness_p99 == timedelta(seconds=4)


def test_failures_are_counted_by_kind_most_first() -> None:
    report = report_of(
        1,
        [
            failed("Error validating access token: the session has expired."),
            failed("The media URL could not be fetched."),
            failed("Only photo or video can be accepted as media type (aspect ratio)."),
            failed("Something odd."),
        ],
    )
    assert report.failed == 4
    assert report.failures == (
        (FailureKind.MEDIA, 2),
        (FailureKind.ACCOUNT, 1),
        (FailureKind.OTHER, 1),
    )


def test_posts_still_to_come_are_waiting_and_cancelled_ones_are_not_counted() -> None:
    report = report_of(
        1,
        [
            Delivery(1, S.SCHEDULED, NOON, None, None),
            Delivery(1, S.AWAITING_APPROVAL, NOON, None, None),
            Delivery(1, S.CANCELLED, NOON, None, None),
        ],
    )
    assert (report.published, report.failed, report.waiting) == (0, 0, 2)
    assert report.on_time_rate is None and report.lateness_p50 is None


def test_each_account_has_its_report_then_all_of_them_together() -> None:
    reports = reports_by_account(
        [published(timedelta(seconds=1), 2), failed("Odd.", 1), published(timedelta(0), 2)]
    )
    assert [(r.credential_id, r.published, r.failed) for r in reports] == [
        (1, 0, 1),
        (2, 2, 0),
        (None, 2, 1),
    ]
