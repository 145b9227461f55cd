from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.errors import InvalidTransition
from autopost.domain.publication import PublicationStatus, ScheduledPublication, first_run

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


def scheduled(at: datetime = NOON) -> ScheduledPublication:
    return ScheduledPublication(
        post_id=1,
        credential_id=1,
        platform="instagram",
        publish_at=at,
        next_run_at=at,
        created_at=NOON - timedelta(days=1),
    )


def test_is_not_claimable_before_its_time() -> None:
    assert not scheduled().is_claimable(NOON - timedelta(milliseconds=1))
    assert scheduled().is_claimable(NOON)


def test_claim_starts_an_attempt_and_holds_it_for_the_lease() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    assert publication.status is PublicationStatus.PROCESSING
    assert publication.attempts == 1
    assert publication.next_run_at == NOON + LEASE
    assert not publication.is_claimable(NOON + LEASE - timedelta(seconds=1))


def test_a_held_publication_can_be_taken_over_once_its_lease_runs_out() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.claim(NOON + LEASE, LEASE)
    assert publication.attempts == 2


def test_polling_a_container_does_not_count_as_another_attempt() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.container_created("c1", now=NOON)
    publication.wait_for_container(NOON + timedelta(seconds=5), now=NOON)
    publication.claim(NOON + timedelta(seconds=5), LEASE)
    assert publication.attempts == 1


def test_published_keeps_the_platform_ids() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.mark_published("m1", "https://instagram.com/p/x/", NOON)
    assert publication.status is PublicationStatus.PUBLISHED
    assert (publication.remote_id, publication.published_at) == ("m1", NOON)
    assert not publication.is_active


@pytest.mark.parametrize("action", ["reschedule", "cancel", "edited"])
def test_a_processing_publication_cannot_be_changed(action: str) -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    with pytest.raises(InvalidTransition):
        if action == "reschedule":
            publication.reschedule(NOON, now=NOON)
        else:
            getattr(publication, action)(now=NOON)


def test_reschedule_moves_the_time_the_worker_obeys() -> None:
    publication = scheduled()
    later = NOON + timedelta(hours=2)
    publication.reschedule(later, now=NOON)
    assert (publication.publish_at, publication.next_run_at) == (later, later)


def test_a_failed_publication_can_be_retried_by_hand_and_cancelled() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.fail("broken", now=NOON)
    publication.retry_now(NOON + timedelta(minutes=1))
    assert publication.status is PublicationStatus.SCHEDULED
    assert publication.attempts == 0 and publication.error is None
    publication.cancel(now=NOON)
    assert publication.status is PublicationStatus.CANCELLED


def test_only_a_failed_publication_can_be_retried() -> None:
    with pytest.raises(InvalidTransition):
        scheduled().retry_now(NOON)


def test_deferring_is_not_a_failed_attempt() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.defer(NOON + timedelta(hours=1), "quota", now=NOON)
    assert publication.status is PublicationStatus.SCHEDULED
    assert publication.attempts == 0
    assert publication.next_run_at == NOON + timedelta(hours=1)


def test_cancelling_twice_is_harmless() -> None:
    publication = scheduled()
    publication.cancel(now=NOON)
    publication.cancel(now=NOON)
    assert publication.status is PublicationStatus.CANCELLED


def test_editing_voids_a_prepared_container() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.container_created("c1", now=NOON)
    publication.retry_at(NOON + timedelta(minutes=1), "timeout", now=NOON)
    publication.fail("gave up", now=NOON)
    publication.edited(now=NOON)
    assert publication.container_id is None


AHEAD = timedelta(minutes=5)


def ahead() -> ScheduledPublication:
    """Due at noon, on a platform where work starts ``AHEAD`` of that."""
    publication = scheduled()
    publication.next_run_at = first_run(NOON, AHEAD)
    return publication


def test_work_starts_ahead_by_the_platforms_lead() -> None:
    assert first_run(NOON, AHEAD) == NOON - AHEAD
    assert first_run(NOON) == NOON


def test_a_prepared_publication_waits_for_its_time_still_changeable() -> None:
    publication = ahead()
    publication.claim(NOON - AHEAD, LEASE)
    publication.container_created("c1", ready=True, now=NOON)
    publication.prepared(now=NOON)
    assert publication.status is PublicationStatus.SCHEDULED
    assert publication.next_run_at == NOON
    assert publication.attempts == 0, "the attempt that prepared it goes on at its time"
    assert not publication.is_claimable(NOON - timedelta(seconds=1))
    publication.claim(NOON, LEASE)
    assert publication.attempts == 1 and publication.container_ready


def test_only_a_ready_container_is_prepared() -> None:
    publication = ahead()
    publication.claim(NOON - AHEAD, LEASE)
    publication.container_created("c1", now=NOON)
    with pytest.raises(InvalidTransition):
        publication.prepared(now=NOON)
    publication.container_finished(now=NOON)
    publication.prepared(now=NOON)
    assert publication.container_ready


def test_waiting_before_its_time_it_stays_scheduled_after_it_is_processing() -> None:
    publication = ahead()
    publication.claim(NOON - AHEAD, LEASE)
    publication.container_created("c1", now=NOON)
    publication.wait_for_container(NOON - AHEAD + timedelta(seconds=5), now=NOON)
    assert publication.status is PublicationStatus.SCHEDULED
    publication.claim(NOON, LEASE)
    publication.wait_for_container(NOON + timedelta(seconds=5), now=NOON)
    assert publication.status is PublicationStatus.PROCESSING


def test_before_its_time_it_stays_scheduled_while_prepared_and_between_retries() -> None:
    publication = ahead()
    publication.claim(NOON - AHEAD, LEASE)
    assert publication.status is PublicationStatus.SCHEDULED, "still changeable"
    publication.retry_at(NOON - AHEAD + timedelta(seconds=10), "down", now=NOON)
    assert publication.status is PublicationStatus.SCHEDULED
    publication.claim(NOON, LEASE)
    publication.retry_at(NOON + timedelta(seconds=10), "down", now=NOON)
    assert publication.status is PublicationStatus.PROCESSING


def test_asking_to_publish_makes_it_processing_even_when_the_step_began_before_its_time() -> None:
    publication = ahead()
    publication.claim(NOON - timedelta(milliseconds=5), LEASE)
    publication.container_created("c1", ready=True, now=NOON)
    publication.publish_requested(NOON)
    assert publication.status is PublicationStatus.PROCESSING
    with pytest.raises(InvalidTransition):
        publication.reschedule(NOON + timedelta(hours=1), now=NOON)


def test_moving_a_prepared_publication_voids_its_container_and_keeping_the_time_does_not() -> None:
    publication = ahead()
    publication.claim(NOON - AHEAD, LEASE)
    publication.container_created("c1", ready=True, now=NOON)
    publication.prepared(now=NOON)
    publication.reschedule(NOON, AHEAD, now=NOON)
    assert publication.container_ready and publication.next_run_at == NOON - AHEAD
    publication.reschedule(NOON + timedelta(hours=1), AHEAD, now=NOON)
    assert publication.container_id is None and not publication.container_ready
    assert publication.next_run_at == NOON + timedelta(hours=1) - AHEAD


def test_a_retry_by_hand_before_its_time_starts_no_earlier_than_its_preparation() -> None:
    publication = ahead()
    publication.claim(NOON - AHEAD, LEASE)
    publication.fail("bad media", now=NOON)
    publication.retry_now(NOON - timedelta(hours=1), AHEAD)
    assert publication.next_run_at == NOON - AHEAD
    publication.claim(NOON - AHEAD, LEASE)
    publication.fail("bad media", now=NOON)
    publication.retry_now(NOON + timedelta(minutes=1), AHEAD)
    assert publication.next_run_at == NOON + timedelta(minutes=1)
