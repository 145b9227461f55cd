"""What a claim knows of the steps before it: whether one of them asked for the call that
makes the post visible without anyone seeing what became of it."""

from datetime import UTC, datetime, timedelta

from autopost.domain.publication import ScheduledPublication

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
AHEAD = timedelta(minutes=5)
LEASE = timedelta(seconds=60)


def prepared() -> ScheduledPublication:
    """Due at noon, made ready five minutes ahead: at noon only the publishing call is left."""
    publication = ScheduledPublication(
        post_id=1,
        credential_id=1,
        platform="instagram",
        publish_at=NOON,
        next_run_at=NOON - AHEAD,
        created_at=NOON - timedelta(days=1),
    )
    publication.claim(NOON - AHEAD, LEASE)
    publication.container_created("c1", ready=True, now=NOON - AHEAD)
    publication.prepared(now=NOON - AHEAD)
    return publication


def test_the_claim_that_asks_to_publish_knows_of_no_earlier_request() -> None:
    publication = prepared()
    claim = publication.claim(NOON, LEASE)
    assert publication.publish_requested_at == NOON, "the claim records its own request"
    assert (claim.at, claim.publish_outcome_unknown) == (NOON, False)


def test_after_a_lost_answer_the_next_claim_knows_the_outcome_is_unknown() -> None:
    publication = prepared()
    publication.claim(NOON, LEASE)
    publication.retry_at(NOON + timedelta(seconds=10), "Instagram did not answer.", now=NOON)
    claim = publication.claim(NOON + timedelta(seconds=10), LEASE)
    assert claim.publish_outcome_unknown
    assert publication.publish_requested_at == NOON, "the first request is the one kept"


def test_after_a_worker_died_the_claim_that_takes_over_knows_the_outcome_is_unknown() -> None:
    publication = prepared()
    publication.claim(NOON, LEASE)
    assert publication.claim(NOON + LEASE, LEASE).publish_outcome_unknown


def test_a_post_retried_by_hand_after_a_lost_answer_still_asks_before_publishing() -> None:
    publication = prepared()
    publication.claim(NOON, LEASE)
    publication.fail("Instagram did not answer. (gave up after 3 attempts)", now=NOON)
    publication.retry_now(NOON + timedelta(hours=1))
    assert publication.claim(NOON + timedelta(hours=1), LEASE).publish_outcome_unknown


def test_a_container_made_again_leaves_no_unknown_outcome() -> None:
    publication = prepared()
    publication.claim(NOON, LEASE)
    publication.container_lost(now=NOON)
    publication.retry_at(NOON + timedelta(seconds=10), "The container expired.", now=NOON)
    assert not publication.claim(NOON + timedelta(seconds=10), LEASE).publish_outcome_unknown


def test_a_publication_never_asked_to_publish_has_no_unknown_outcome() -> None:
    publication = prepared()
    publication.retry_at(NOON - AHEAD + timedelta(seconds=10), "down", now=NOON - AHEAD)
    assert not publication.claim(
        NOON - AHEAD + timedelta(seconds=10), LEASE
    ).publish_outcome_unknown
