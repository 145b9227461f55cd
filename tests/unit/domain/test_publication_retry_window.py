"""The window within which passing failures are retried: it opens with the first of them, at
the post's time or later, and every pause the platform asks for moves its end on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.publication import PublicationStatus, ScheduledPublication

pytestmark = pytest.mark.unit

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)
WINDOW = timedelta(hours=1)
AHEAD = timedelta(minutes=5)


def scheduled(at: datetime = NOON) -> ScheduledPublication:
    return ScheduledPublication(
        post_id=1,
        credential_id=1,
        platform="instagram",
        publish_at=at,
        next_run_at=at,
        created_at=NOON - timedelta(days=1),
    )


def failing(publication: ScheduledPublication, now: datetime) -> None:
    """Claimed at ``now``, and failed for now."""
    publication.next_run_at = min(publication.next_run_at, now)
    publication.claim(now, LEASE)
    publication.open_retry_window(now)
    publication.retry_at(now + timedelta(seconds=10), "down", now=now)


def test_a_post_failing_while_it_is_made_ready_has_its_window_from_its_time() -> None:
    publication = scheduled()
    failing(publication, NOON - AHEAD)
    failing(publication, NOON + timedelta(minutes=2))
    assert publication.retry_deadline(WINDOW) == NOON + WINDOW


def test_a_post_failing_at_its_time_has_its_window_from_its_time() -> None:
    publication = scheduled()
    failing(publication, NOON)
    failing(publication, NOON + timedelta(minutes=30))
    assert publication.retry_deadline(WINDOW) == NOON + WINDOW


def test_a_post_first_tried_and_failing_after_its_time_gets_its_window_from_that_try() -> None:
    publication = scheduled(at=NOON - timedelta(hours=3))
    failing(publication, NOON)
    failing(publication, NOON + timedelta(seconds=10))
    assert publication.retry_deadline(WINDOW) == NOON + WINDOW


def test_a_post_made_ready_ahead_but_first_tried_late_gets_its_whole_window() -> None:
    publication = scheduled()
    publication.next_run_at = NOON - AHEAD
    publication.claim(NOON - AHEAD, LEASE)
    publication.container_created("c1", ready=True, now=NOON - AHEAD)
    publication.prepared(now=NOON - AHEAD)
    failing(publication, NOON + timedelta(minutes=30))  # no worker ran until then
    assert publication.retry_deadline(WINDOW) == NOON + timedelta(minutes=30) + WINDOW


def test_a_pause_moves_the_windows_end_on_by_its_length() -> None:
    publication = scheduled()
    failing(publication, NOON)
    publication.claim(NOON + timedelta(minutes=10), LEASE)
    publication.rate_limited(NOON + timedelta(minutes=30), "slow", now=NOON + timedelta(minutes=10))
    assert publication.retry_deadline(WINDOW) == NOON + WINDOW + timedelta(minutes=20)


def test_a_quota_deferral_past_the_window_leaves_the_rest_of_it_for_afterwards() -> None:
    publication = scheduled()
    failing(publication, NOON)
    publication.claim(NOON + timedelta(minutes=10), LEASE)
    publication.defer(NOON + timedelta(hours=20), "quota", now=NOON + timedelta(minutes=10))
    assert publication.retry_deadline(WINDOW) == NOON + timedelta(hours=20, minutes=50)


def test_a_pause_before_any_failure_leaves_the_window_to_open_with_the_first() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.rate_limited(NOON + timedelta(minutes=40), "slow", now=NOON)
    assert publication.retry_from is None
    failing(publication, NOON + timedelta(minutes=40))
    assert publication.retry_deadline(WINDOW) == NOON + timedelta(minutes=40) + WINDOW


def test_a_passing_failure_uses_the_window_up() -> None:
    publication = scheduled()
    failing(publication, NOON)
    failing(publication, NOON + timedelta(minutes=50))
    assert publication.retry_deadline(WINDOW) == NOON + WINDOW


def test_a_post_retried_by_hand_gets_a_new_window_from_its_next_failure() -> None:
    publication = scheduled()
    failing(publication, NOON)
    publication.fail("kept failing", now=NOON + WINDOW)
    publication.retry_now(NOON + 2 * WINDOW)
    failing(publication, NOON + 2 * WINDOW)
    assert publication.retry_deadline(WINDOW) == NOON + 3 * WINDOW


def test_a_failed_post_rescheduled_for_its_own_time_gets_a_new_window() -> None:
    publication = scheduled()
    failing(publication, NOON)
    publication.fail("kept failing", now=NOON + WINDOW)
    publication.reschedule(NOON, now=NOON + 2 * WINDOW)
    failing(publication, NOON + 2 * WINDOW)
    assert publication.retry_deadline(WINDOW) == NOON + 3 * WINDOW


def test_a_post_moved_to_another_time_gets_the_window_of_that_time() -> None:
    publication = scheduled()
    failing(publication, NOON)
    publication.claim(NOON + timedelta(seconds=10), LEASE)
    publication.defer(NOON + timedelta(hours=2), "quota", now=NOON + timedelta(seconds=10))
    publication.reschedule(NOON + timedelta(days=1), now=NOON + timedelta(minutes=1))
    failing(publication, NOON + timedelta(days=1))
    assert publication.retry_deadline(WINDOW) == NOON + timedelta(days=1) + WINDOW


def test_a_rate_limit_is_not_an_attempt() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.rate_limited(NOON + timedelta(minutes=1), "slow", now=NOON)
    assert publication.attempts == 0
    assert publication.next_run_at == NOON + timedelta(minutes=1)
    assert publication.error == "slow"


def test_a_rate_limit_before_publishing_was_asked_for_lets_the_post_be_changed() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.rate_limited(NOON + timedelta(minutes=1), "slow", now=NOON)
    assert publication.status is PublicationStatus.SCHEDULED


def test_a_rate_limit_after_publishing_was_asked_for_keeps_the_post_processing() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.publish_requested(NOON)
    publication.rate_limited(NOON + timedelta(minutes=1), "slow", now=NOON)
    assert publication.status is PublicationStatus.PROCESSING
    assert publication.publish_requested_at == NOON
