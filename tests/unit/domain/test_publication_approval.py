"""Drafts and approval on the publication's state machine: each transition allowed, and each
refused from the statuses that do not allow it."""

from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.errors import InvalidTransition
from autopost.domain.publication import HELD, PublicationStatus, ScheduledPublication

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
EARLIER = NOON - timedelta(hours=3)
LEAD = timedelta(minutes=5)
LEASE = timedelta(seconds=60)
S = PublicationStatus


def scheduled(at: datetime | None = NOON) -> ScheduledPublication:
    return ScheduledPublication(
        post_id=1,
        credential_id=1,
        platform="instagram",
        publish_at=at,
        next_run_at=at or EARLIER,
        created_at=NOON - timedelta(days=1),
    )


def in_status(status: PublicationStatus) -> ScheduledPublication:
    """A publication that came to ``status`` the way the product takes it there."""
    publication = scheduled()
    match status:
        case S.PROCESSING:
            publication.claim(NOON, LEASE)
        case S.PUBLISHED:
            publication.claim(NOON, LEASE)
            publication.mark_published("m1", None, NOON)
        case S.FAILED:
            publication.claim(NOON, LEASE)
            publication.fail("refused", now=NOON)
        case S.CANCELLED:
            publication.cancel(now=EARLIER)
        case S.DRAFT:
            publication.hold_as_draft(None, now=EARLIER)
        case S.AWAITING_APPROVAL:
            publication.submit_for_approval(now=EARLIER)
        case S.RETURNED:
            publication.submit_for_approval(now=EARLIER)
            publication.return_for_changes("Another photo, please.", now=EARLIER)
    assert publication.status is status
    return publication


def prepared() -> ScheduledPublication:
    """Made ready ahead of its time, holding a place in the quota."""
    publication = scheduled()
    publication.next_run_at = NOON - LEAD
    publication.claim(NOON - LEAD, LEASE)
    publication.container_created("c1", ready=True, now=NOON - LEAD)
    publication.reserve_quota(now=NOON - LEAD)
    publication.prepared(now=NOON - LEAD)
    assert publication.container_ready and publication.quota_reserved
    return publication


def allowed_from(*statuses: PublicationStatus) -> list[tuple[PublicationStatus, bool]]:
    return [(status, status in statuses) for status in PublicationStatus]


def test_a_held_publication_is_never_claimable_nor_worked_on_even_when_overdue() -> None:
    for status in HELD:
        publication = in_status(status)
        publication.next_run_at = EARLIER
        assert not publication.is_active and not publication.has_work
        assert not publication.is_claimable(NOON + timedelta(days=1))
        assert publication.next_attempt(NOON) is None
        with pytest.raises(InvalidTransition):
            publication.claim(NOON, LEASE)


def test_a_draft_may_have_no_time_and_then_is_worked_on_never() -> None:
    publication = scheduled()
    publication.hold_as_draft(None, now=EARLIER)
    assert publication.status is S.DRAFT and publication.publish_at is None
    assert publication.updated_at == EARLIER
    with pytest.raises(InvalidTransition):
        publication.is_due(NOON)


def test_a_draft_may_keep_the_time_it_was_given() -> None:
    publication = scheduled()
    publication.hold_as_draft(NOON, now=EARLIER)
    assert publication.publish_at == NOON


def test_taking_a_prepared_post_back_as_a_draft_voids_what_was_prepared() -> None:
    publication = prepared()
    publication.hold_as_draft(NOON, now=NOON - LEAD)
    assert publication.container_id is None and not publication.container_ready
    assert not publication.quota_reserved and publication.attempts == 0


@pytest.mark.parametrize(
    ("status", "allowed"),
    allowed_from(S.SCHEDULED, S.FAILED, S.DRAFT, S.AWAITING_APPROVAL, S.RETURNED),
)
def test_kept_as_a_draft_only_before_it_is_at_work(
    status: PublicationStatus, allowed: bool
) -> None:
    publication = in_status(status)
    if allowed:
        publication.hold_as_draft(NOON, now=NOON)
        assert publication.status is S.DRAFT
    else:
        with pytest.raises(InvalidTransition):
            publication.hold_as_draft(NOON, now=NOON)
        assert publication.status is status


def test_a_draft_given_its_time_is_scheduled_for_it() -> None:
    publication = in_status(S.DRAFT)
    publication.plan(NOON, LEAD, now=EARLIER)
    publication.schedule_draft(LEAD, now=EARLIER)
    assert publication.status is S.SCHEDULED
    assert (publication.publish_at, publication.next_run_at) == (NOON, NOON - LEAD)
    assert publication.is_claimable(NOON - LEAD)


def test_a_draft_without_a_time_cannot_be_scheduled() -> None:
    publication = in_status(S.DRAFT)
    with pytest.raises(InvalidTransition):
        publication.schedule_draft(LEAD, now=EARLIER)
    assert publication.status is S.DRAFT


@pytest.mark.parametrize(("status", "allowed"), allowed_from(S.DRAFT))
def test_only_a_draft_is_scheduled_as_one(status: PublicationStatus, allowed: bool) -> None:
    publication = in_status(status)
    if status is S.DRAFT:
        publication.plan(NOON, now=EARLIER)
    if allowed:
        publication.schedule_draft(now=EARLIER)
        assert publication.status is S.SCHEDULED
    else:
        with pytest.raises(InvalidTransition):
            publication.schedule_draft(now=EARLIER)
        assert publication.status is status


@pytest.mark.parametrize(("status", "allowed"), allowed_from(*HELD))
def test_only_a_held_publication_is_given_a_time_without_being_scheduled(
    status: PublicationStatus, allowed: bool
) -> None:
    publication = in_status(status)
    later = NOON + timedelta(days=1)
    if allowed:
        publication.plan(later, LEAD, now=EARLIER)
        assert publication.publish_at == later and publication.status is status
    else:
        with pytest.raises(InvalidTransition):
            publication.plan(later, LEAD, now=EARLIER)


def test_planning_the_same_time_again_changes_nothing() -> None:
    publication = in_status(S.AWAITING_APPROVAL)
    publication.plan(NOON, now=NOON)
    assert publication.updated_at == EARLIER


@pytest.mark.parametrize(
    ("status", "allowed"), allowed_from(S.SCHEDULED, S.FAILED, S.DRAFT, S.RETURNED)
)
def test_submitted_for_approval_when_new_edited_or_sent_back(
    status: PublicationStatus, allowed: bool
) -> None:
    publication = in_status(status)
    if status is S.DRAFT:
        publication.plan(NOON, now=EARLIER)
    if allowed:
        publication.submit_for_approval(now=NOON)
        assert publication.status is S.AWAITING_APPROVAL
        assert (publication.attempts, publication.error, publication.updated_at) == (0, None, NOON)
    else:
        with pytest.raises(InvalidTransition):
            publication.submit_for_approval(now=NOON)
        assert publication.status is status


def test_a_draft_without_a_time_is_not_submitted_for_approval() -> None:
    publication = in_status(S.DRAFT)
    with pytest.raises(InvalidTransition):
        publication.submit_for_approval(now=NOON)


def test_an_approved_post_that_was_prepared_gives_its_preparation_up_when_submitted_again() -> None:
    publication = prepared()
    publication.submit_for_approval(now=NOON - LEAD)
    assert publication.container_id is None and not publication.quota_reserved


@pytest.mark.parametrize(("status", "allowed"), allowed_from(S.AWAITING_APPROVAL))
def test_only_a_post_awaiting_approval_is_approved(
    status: PublicationStatus, allowed: bool
) -> None:
    publication = in_status(status)
    if allowed:
        publication.approve(LEAD, now=EARLIER)
        assert publication.status is S.SCHEDULED
        assert publication.next_run_at == NOON - LEAD
    else:
        with pytest.raises(InvalidTransition):
            publication.approve(LEAD, now=EARLIER)
        assert publication.status is status


def test_a_post_approved_after_its_time_is_claimable_at_once() -> None:
    publication = in_status(S.AWAITING_APPROVAL)
    late = NOON + timedelta(hours=1)
    publication.approve(LEAD, now=late)
    assert publication.is_claimable(late)
    publication.claim(late, LEASE)
    assert publication.status is S.PROCESSING


def test_approval_clears_the_reviewers_comment() -> None:
    publication = in_status(S.RETURNED)
    publication.submit_for_approval(now=NOON)
    assert publication.review_comment == "Another photo, please."
    publication.approve(now=NOON)
    assert publication.review_comment is None


@pytest.mark.parametrize(("status", "allowed"), allowed_from(S.AWAITING_APPROVAL))
def test_only_a_post_awaiting_approval_is_sent_back(
    status: PublicationStatus, allowed: bool
) -> None:
    publication = in_status(status)
    if allowed:
        publication.return_for_changes("Shorter caption.", now=NOON)
        assert publication.status is S.RETURNED
        assert publication.review_comment == "Shorter caption."
    else:
        with pytest.raises(InvalidTransition):
            publication.return_for_changes("Shorter caption.", now=NOON)
        assert publication.status is status


@pytest.mark.parametrize("status", sorted(HELD))
def test_a_held_post_can_be_edited_and_cancelled(status: PublicationStatus) -> None:
    publication = in_status(status)
    publication.edited(now=NOON)
    publication.cancel(now=NOON)
    assert publication.status is S.CANCELLED


@pytest.mark.parametrize("status", sorted(HELD))
def test_a_held_post_is_not_rescheduled_past_its_review(status: PublicationStatus) -> None:
    with pytest.raises(InvalidTransition):
        in_status(status).reschedule(NOON, now=NOON)
