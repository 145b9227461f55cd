"""What the metrics count and what a platform call's line says: the adapters at the edges."""

from __future__ import annotations

import pytest
from prometheus_client import REGISTRY

from autopost.adapters.observability.exposition import bearer_matches, exposition
from autopost.adapters.observability.platform_calls import endpoint_name, record_call
from autopost.adapters.observability.prometheus_publishing_observer import (
    PrometheusPublishingObserver,
)
from autopost.adapters.observability.queue_depth import watch_queue
from autopost.application.ports.publishing_observer import StepReport


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_a_publication_recorded_published_counts_once_with_its_lateness() -> None:
    before_published = sample(
        "autopost_publications_total", platform="pinterest", status="published"
    )
    before_late = sample(
        "autopost_publication_lateness_seconds_bucket", platform="pinterest", le="0.5"
    )
    before_later = sample(
        "autopost_publication_lateness_seconds_bucket", platform="pinterest", le="0.25"
    )
    observer = PrometheusPublishingObserver()
    observer.step_ended(StepReport("pinterest", "ready", "scheduled"))
    observer.step_ended(StepReport("pinterest", "published", "published", lateness_seconds=0.3))
    assert sample("autopost_publications_total", platform="pinterest", status="published") == (
        before_published + 1
    )
    assert sample(
        "autopost_publication_lateness_seconds_bucket", platform="pinterest", le="0.5"
    ) == (before_late + 1)
    assert sample(
        "autopost_publication_lateness_seconds_bucket", platform="pinterest", le="0.25"
    ) == (before_later)


def test_waits_and_deferrals_are_counted_by_platform() -> None:
    waits = sample("autopost_rate_limit_waits_total", platform="instagram")
    waited = sample("autopost_rate_limit_wait_seconds_total", platform="instagram")
    quota = sample("autopost_quota_deferrals_total", platform="instagram")
    failed = sample("autopost_publications_total", platform="instagram", status="failed")
    observer = PrometheusPublishingObserver()
    observer.step_ended(StepReport("instagram", "rate_limited", "scheduled", wait_seconds=30))
    observer.step_ended(StepReport("instagram", "quota", "scheduled"))
    observer.step_ended(StepReport("instagram", "retry", "failed"))
    assert sample("autopost_rate_limit_waits_total", platform="instagram") == waits + 1
    assert sample("autopost_rate_limit_wait_seconds_total", platform="instagram") == waited + 30
    assert sample("autopost_quota_deferrals_total", platform="instagram") == quota + 1
    assert sample("autopost_publications_total", platform="instagram", status="failed") == (
        failed + 1
    )


@pytest.mark.parametrize(
    ("method", "path", "name"),
    [
        ("POST", "17841400000000001/media_publish", "POST {id}/media_publish"),
        ("GET", "17900000000000002", "GET {id}"),
        ("GET", "boards/55%2F1/pins?bookmark=abc", "GET boards/{id}/pins"),
        ("POST", "oauth/token", "POST oauth/token"),
        ("GET", "v24.0/me", "GET v24.0/me"),
        ("GET", "access_token?access_token=EAAB-secret", "GET access_token"),
        ("GET", "Some-Account-Name/media", "GET {id}/media"),
    ],
)
def test_an_endpoint_is_named_without_ids_or_query(method: str, path: str, name: str) -> None:
    assert endpoint_name(method, path) == name


def test_a_platform_call_is_one_line_and_one_observation(caplog: pytest.LogCaptureFixture) -> None:
    labels = {"platform": "instagram", "endpoint": "POST {id}/media", "outcome": "rate_limited"}
    before = sample("autopost_platform_call_duration_seconds_count", **labels)
    with caplog.at_level("INFO", logger="autopost.platform_calls"):
        record_call("instagram", "POST", "178414/media?access_token=SECRET", 429, 0.2)
    assert sample("autopost_platform_call_duration_seconds_count", **labels) == before + 1
    (line,) = caplog.records
    assert line.getMessage() == "instagram POST {id}/media: 429 in 0.200 s"
    assert (line.endpoint, line.status, line.outcome) == ("POST {id}/media", 429, "rate_limited")  # type: ignore[attr-defined]
    assert "SECRET" not in caplog.text


def test_a_call_that_got_no_answer_says_why_by_the_errors_kind_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level("INFO", logger="autopost.platform_calls"):
        record_call("pinterest", "GET", "pins", None, 30.0, "ReadTimeout")
    assert caplog.records[-1].getMessage() == "pinterest GET pins: ReadTimeout in 30.000 s"
    assert caplog.records[-1].outcome == "transport_error"  # type: ignore[attr-defined]


def test_the_queue_depth_is_asked_at_scrape_time_and_a_failure_costs_only_it() -> None:
    depth = {"ready": 3, "delayed": 7}
    watch_queue(lambda: depth)
    assert sample("autopost_queue_depth", state="ready") == 3
    depth["ready"] = 0
    assert sample("autopost_queue_depth", state="ready") == 0

    def broken() -> dict[str, int]:
        raise ConnectionError("broker down")

    watch_queue(broken)
    try:
        assert REGISTRY.get_sample_value("autopost_queue_depth", {"state": "ready"}) is None
        assert "autopost_sweep_duration_seconds_count" in exposition().decode()
    finally:
        watch_queue(lambda: None)


@pytest.mark.parametrize(
    ("header", "matches"),
    [
        ("Bearer s3cret", True),
        ("bearer s3cret", True),
        ("Bearer s3cre", False),
        ("Bearer s3cret2", False),
        ("Token s3cret", False),
        ("s3cret", False),
        (None, False),
    ],
)
def test_the_metrics_token_is_a_bearer_token(header: str | None, matches: bool) -> None:
    assert bearer_matches(header, "s3cret") is matches
    assert bearer_matches(header, "") is False
