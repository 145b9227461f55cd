"""``updated_at`` moves with every change of a publication, to the time the change is made;
``next_attempt`` is never in the past while work is planned, and None once none is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from autopost.domain.publication import PublicationStatus, ScheduledPublication

pytestmark = pytest.mark.unit

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
CREATED = NOON - timedelta(days=1)
LEASE = timedelta(seconds=60)
LATER = NOON + timedelta(minutes=7)
AHEAD = timedelta(minutes=5)

Change = Callable[[ScheduledPublication, datetime], None]


def scheduled() -> ScheduledPublication:
    return ScheduledPublication(
        post_id=1,
        credential_id=1,
        platform="instagram",
        publish_at=NOON,
        next_run_at=NOON,
        created_at=CREATED,
    )


def claimed() -> ScheduledPublication:
    publication = scheduled()
    publication.claim(NOON, LEASE)
    return publication


def with_container(ready: bool) -> ScheduledPublication:
    publication = claimed()
    publication.container_created("c1", ready=ready, now=NOON)
    return publication


def failed() -> ScheduledPublication:
    publication = claimed()
    publication.fail("refused", now=NOON)
    return publication


def prepared_ahead() -> ScheduledPublication:
    publication = scheduled()
    publication.reschedule(NOON, AHEAD, now=CREATED)
    publication.claim(NOON - AHEAD, LEASE)
    publication.container_created("c1", ready=True, now=NOON)
    return publication


def test_a_new_publication_was_last_changed_when_it_was_created() -> None:
    assert scheduled().updated_at == CREATED


CHANGES: dict[str, tuple[Callable[[], ScheduledPublication], Change]] = {
    "claimed (processing)": (scheduled, lambda p, now: p.claim(now, LEASE)),
    "lease renewed": (claimed, lambda p, now: p.renew_lease(now, LEASE)),
    "container created": (claimed, lambda p, now: p.container_created("c1", now=now)),
    "container finished": (
        lambda: with_container(ready=False),
        lambda p, now: p.container_finished(now=now),
    ),
    "container lost": (
        lambda: with_container(ready=False),
        lambda p, now: p.container_lost(now=now),
    ),
    "waiting for its container": (
        lambda: with_container(ready=False),
        lambda p, now: p.wait_for_container(now + timedelta(seconds=5), now=now),
    ),
    "prepared": (prepared_ahead, lambda p, now: p.prepared(now=now)),
    "publish requested": (claimed, lambda p, now: p.publish_requested(now)),
    "published": (claimed, lambda p, now: p.mark_published("m1", None, now)),
    "retry planned": (claimed, lambda p, now: p.retry_at(now + LEASE, "down", now=now)),
    "deferred": (claimed, lambda p, now: p.defer(now + LEASE, "quota", now=now)),
    "rate limited": (claimed, lambda p, now: p.rate_limited(now + LEASE, "slow", now=now)),
    "failed": (claimed, lambda p, now: p.fail("refused", now=now)),
    "rescheduled": (scheduled, lambda p, now: p.reschedule(NOON + timedelta(hours=1), now=now)),
    "failed one rescheduled": (failed, lambda p, now: p.reschedule(NOON, now=now)),
    "edited": (scheduled, lambda p, now: p.edited(now=now)),
    "sent to another board": (scheduled, lambda p, now: p.send_to_board("900", now=now)),
    "retried by hand": (failed, lambda p, now: p.retry_now(now)),
    "cancelled": (scheduled, lambda p, now: p.cancel(now=now)),
    "failed one cancelled": (failed, lambda p, now: p.cancel(now=now)),
}


@pytest.mark.parametrize(("make", "change"), CHANGES.values(), ids=CHANGES.keys())
def test_every_change_moves_updated_at_to_its_time(
    make: Callable[[], ScheduledPublication], change: Change
) -> None:
    publication = make()
    change(publication, LATER)
    assert publication.updated_at == LATER


def test_asking_for_the_schedule_it_already_has_changes_nothing() -> None:
    publication = scheduled()
    publication.send_to_board("900", now=NOON)
    publication.reschedule(NOON, now=LATER)
    publication.send_to_board("900", now=LATER)
    assert publication.updated_at == NOON


def test_cancelling_a_cancelled_publication_leaves_updated_at() -> None:
    publication = scheduled()
    publication.cancel(now=NOON)
    publication.cancel(now=LATER)
    assert publication.updated_at == NOON


def test_next_attempt_is_the_planned_time_while_it_is_ahead() -> None:
    publication = scheduled()
    assert publication.next_attempt(NOON - timedelta(hours=1)) == NOON
    publication.claim(NOON, LEASE)
    publication.retry_at(NOON + timedelta(minutes=2), "down", now=NOON)
    assert publication.next_attempt(NOON + timedelta(minutes=1)) == NOON + timedelta(minutes=2)


def test_next_attempt_is_now_once_the_planned_time_has_passed() -> None:
    publication = scheduled()
    assert publication.next_attempt(NOON + timedelta(minutes=3)) == NOON + timedelta(minutes=3)
    publication.claim(NOON, LEASE)
    publication.retry_at(NOON + timedelta(minutes=2), "down", now=NOON)
    assert publication.next_attempt(LATER) == LATER


@pytest.mark.parametrize(
    "end",
    [
        lambda p: p.mark_published("m1", None, NOON),
        lambda p: p.fail("refused", now=NOON),
    ],
    ids=["published", "failed"],
)
def test_no_next_attempt_once_it_is_published_or_failed(
    end: Callable[[ScheduledPublication], None],
) -> None:
    publication = claimed()
    end(publication)
    assert publication.next_attempt(NOON - timedelta(hours=1)) is None


def test_no_next_attempt_once_it_is_cancelled() -> None:
    publication = scheduled()
    publication.cancel(now=NOON - timedelta(hours=1))
    assert publication.status is PublicationStatus.CANCELLED
    assert publication.next_attempt(NOON - timedelta(hours=2)) is None
