"""A delivery is tried again on the Standard Webhooks example schedule, more than a day long,
and an endpoint that keeps failing is disabled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.webhooks import (
    DISABLE_AFTER,
    RETRY_SCHEDULE,
    DeliveryStatus,
    WebhookDelivery,
    WebhookEndpoint,
    next_try,
)

pytestmark = pytest.mark.unit

T0 = datetime(2030, 1, 1, tzinfo=UTC)


def no_jitter() -> float:
    return 0.0


def test_the_schedule_starts_at_5_seconds_and_retries_for_more_than_a_day() -> None:
    assert RETRY_SCHEDULE[:4] == (
        timedelta(seconds=5),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
    )
    assert sum(RETRY_SCHEDULE, timedelta()) > timedelta(hours=24)
    assert list(RETRY_SCHEDULE) == sorted(RETRY_SCHEDULE)


def test_each_failure_waits_the_next_pause_and_the_last_gives_up() -> None:
    delivery = WebhookDelivery(1, "evt_1", "post.scheduled", 1, T0, next_try_at=T0)
    now = T0
    for pause in RETRY_SCHEDULE:
        delivery.failed(now, "HTTP 500", 500, 12, rand=no_jitter)
        assert delivery.next_try_at == now + pause
        now = delivery.next_try_at
    delivery.failed(now, "HTTP 500", 500, 12, rand=no_jitter)
    assert delivery.status is DeliveryStatus.FAILED
    assert delivery.next_try_at is None
    assert delivery.attempts == len(RETRY_SCHEDULE) + 1


def test_jitter_only_stretches_a_pause_by_up_to_a_tenth() -> None:
    assert next_try(1, T0, rand=lambda: 0.999) < T0 + timedelta(seconds=5.5)
    assert next_try(1, T0, rand=lambda: 0.0) == T0 + timedelta(seconds=5)


def test_a_longer_retry_after_is_followed_up_to_a_day() -> None:
    assert next_try(1, T0, timedelta(minutes=10), no_jitter) == T0 + timedelta(minutes=10)
    assert next_try(1, T0, timedelta(days=9), no_jitter) == T0 + timedelta(hours=24)


def test_an_endpoint_failing_for_five_days_is_disabled_and_one_success_resets_it() -> None:
    endpoint = WebhookEndpoint("https://h.example.com/", "sealed", T0)
    assert not endpoint.failed(T0, 500)
    endpoint.answered(T0 + timedelta(days=3))
    assert not endpoint.failed(T0 + timedelta(days=4), 500)
    assert not endpoint.failed(T0 + timedelta(days=8), None)
    assert endpoint.failed(T0 + timedelta(days=4) + DISABLE_AFTER, 500)
    assert not endpoint.enabled
    assert endpoint.disabled_reason == "Every delivery failed for 5 days."
    endpoint.change(now=T0 + timedelta(days=10), enabled=True)
    assert endpoint.enabled and endpoint.failing_since is None


def test_an_endpoint_answering_410_gone_is_disabled_at_once() -> None:
    endpoint = WebhookEndpoint("https://h.example.com/", "sealed", T0)
    assert endpoint.failed(T0, 410)
    assert "410 Gone" in (endpoint.disabled_reason or "")
