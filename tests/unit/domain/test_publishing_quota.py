"""A place in the platform's publishing quota: when one is free, and how long a publication
holds it."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.publication import PublicationStatus, ScheduledPublication
from autopost.domain.publishing_quota import QuotaRoom, quota_room

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


@pytest.mark.parametrize(
    ("used", "unsent", "maybe_counted", "room"),
    [
        (97, 2, 0, QuotaRoom.FREE),
        (98, 2, 0, QuotaRoom.SPENT),
        (96, 0, 3, QuotaRoom.FREE),
        # Four sent a moment ago: the last place is free if Instagram counted one of them.
        (96, 0, 4, QuotaRoom.UNCERTAIN),
        (99, 1, 4, QuotaRoom.SPENT),
        (100, 0, 0, QuotaRoom.SPENT),
    ],
)
def test_a_place_is_free_or_spent_whatever_instagram_counted_else_uncertain(
    used: int, unsent: int, maybe_counted: int, room: QuotaRoom
) -> None:
    assert quota_room(used, 100, unsent, maybe_counted) is room


def holding() -> ScheduledPublication:
    """Claimed ahead of its time, and given a place in the quota."""
    publication = ScheduledPublication(
        post_id=1,
        credential_id=1,
        platform="instagram",
        publish_at=NOON,
        next_run_at=NOON - timedelta(minutes=5),
        created_at=NOON - timedelta(days=1),
    )
    publication.claim(NOON - timedelta(minutes=5), LEASE)
    publication.reserve_quota(now=NOON - timedelta(minutes=5))
    return publication


def test_a_place_is_held_through_new_containers_retries_and_rate_limits() -> None:
    publication = holding()
    later = NOON - timedelta(minutes=4)
    publication.container_created("c1", ready=True, now=later)
    publication.container_lost(now=later)
    publication.retry_at(later, "Instagram is down.", now=later)
    publication.defer(later, "Near Instagram's rate limit.", now=later)
    publication.reschedule(NOON, now=later)  # to the time it has: nothing changes
    assert publication.quota_reserved


def published_at_noon(publication: ScheduledPublication) -> None:
    publication.claim(NOON, LEASE)
    publication.mark_published("m1", None, NOON)


GIVE_BACK: dict[str, Callable[[ScheduledPublication], None]] = {
    "published": published_at_noon,
    "failed": lambda p: p.fail("Instagram refused the post.", now=NOON),
    "deferred for the quota": lambda p: p.defer_for_quota(NOON, "limit reached", now=NOON),
    "moved": lambda p: p.reschedule(NOON + timedelta(hours=1), now=NOON),
    "edited": lambda p: p.edited(now=NOON),
    "cancelled": lambda p: p.cancel(now=NOON),
}


@pytest.mark.parametrize("change", GIVE_BACK.values(), ids=GIVE_BACK.keys())
def test_a_place_is_given_back_when_the_publication_no_longer_needs_it(
    change: Callable[[ScheduledPublication], None],
) -> None:
    publication = holding()
    change(publication)
    assert not publication.quota_reserved


def test_a_publication_tried_again_by_hand_asks_for_a_place_again() -> None:
    publication = holding()
    publication.fail("Instagram refused the post.", now=NOON)
    publication.retry_now(NOON)
    assert publication.status is PublicationStatus.SCHEDULED
    assert not publication.quota_reserved
