from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.errors import InvalidTransition
from autopost.domain.publication import PublicationStatus, ScheduledPublication

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
    publication.container_created("c1")
    publication.wait_for_container(NOON + timedelta(seconds=5))
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
            publication.reschedule(NOON)
        else:
            getattr(publication, action)()


def test_reschedule_moves_the_time_the_worker_obeys() -> None:
    publication = scheduled()
    later = NOON + timedelta(hours=2)
    publication.reschedule(later)
    assert (publication.publish_at, publication.next_run_at) == (later, later)


def test_a_failed_publication_can_be_retried_by_hand_and_cancelled() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.fail("broken")
    publication.retry_now(NOON + timedelta(minutes=1))
    assert publication.status is PublicationStatus.SCHEDULED
    assert publication.attempts == 0 and publication.error is None
    publication.cancel()
    assert publication.status is PublicationStatus.CANCELLED


def test_only_a_failed_publication_can_be_retried() -> None:
    with pytest.raises(InvalidTransition):
        scheduled().retry_now(NOON)


def test_deferring_is_not_a_failed_attempt() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.defer(NOON + timedelta(hours=1), "quota")
    assert publication.status is PublicationStatus.SCHEDULED
    assert publication.attempts == 0
    assert publication.next_run_at == NOON + timedelta(hours=1)


def test_cancelling_twice_is_harmless() -> None:
    publication = scheduled()
    publication.cancel()
    publication.cancel()
    assert publication.status is PublicationStatus.CANCELLED


def test_editing_voids_a_prepared_container() -> None:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    publication.container_created("c1")
    publication.retry_at(NOON + timedelta(minutes=1), "timeout")
    publication.fail("gave up")
    publication.edited()
    assert publication.container_id is None
