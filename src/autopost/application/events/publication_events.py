"""Events about posts and their publications; each is about its post ("post:<id>"), so that
a receiver gets a post's events in the order they happened."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from autopost.domain.events import Event, EventType, iso, new_event
from autopost.domain.publication import ScheduledPublication
from autopost.domain.refusal_advice import advice_on


def subject_of_post(post_id: int) -> str:
    return f"post:{post_id}"


def _about(publication: ScheduledPublication) -> dict[str, Any]:
    return {
        "post_id": publication.post_id,
        "publication_id": publication.id,
        "credential_id": publication.credential_id,
        "platform": publication.platform.value,
        "status": publication.status.value,
        "publish_at": iso(publication.publish_at),
    }


def _event(
    type_: EventType, publication: ScheduledPublication, now: datetime, **more: Any
) -> Event:
    return new_event(
        type_,
        now,
        _about(publication) | more,
        subject=subject_of_post(publication.post_id),
    )


def published(publication: ScheduledPublication, now: datetime) -> Event:
    return _event(
        EventType.PUBLICATION_PUBLISHED,
        publication,
        now,
        remote_id=publication.remote_id,
        permalink=publication.permalink,
        published_at=iso(publication.published_at),
    )


def failed(publication: ScheduledPublication, now: datetime) -> Event:
    reason = publication.error or "The platform did not say why."
    return _event(
        EventType.PUBLICATION_FAILED, publication, now, reason=reason, advice=advice_on(reason)
    )


def deferred(publication: ScheduledPublication, now: datetime) -> Event:
    return _event(
        EventType.PUBLICATION_DEFERRED,
        publication,
        now,
        reason=publication.error,
        until=iso(publication.next_run_at),
    )


def awaiting_approval(publications: Sequence[ScheduledPublication], now: datetime) -> list[Event]:
    return [_event(EventType.PUBLICATION_AWAITING_APPROVAL, p, now) for p in publications]


def approved(publications: Sequence[ScheduledPublication], now: datetime) -> list[Event]:
    return [_event(EventType.PUBLICATION_APPROVED, p, now) for p in publications]


def returned(
    publications: Sequence[ScheduledPublication], comment: str, now: datetime
) -> list[Event]:
    return [_event(EventType.PUBLICATION_RETURNED, p, now, comment=comment) for p in publications]


def post_scheduled(
    post_id: int, owner_id: int | None, publications: Sequence[ScheduledPublication], now: datetime
) -> Event:
    """One event for the post, naming each of its publications that was scheduled."""
    return new_event(
        EventType.POST_SCHEDULED,
        now,
        {
            "post_id": post_id,
            "publications": [
                {
                    "publication_id": p.id,
                    "credential_id": p.credential_id,
                    "platform": p.platform.value,
                    "publish_at": iso(p.publish_at),
                }
                for p in publications
            ],
        },
        owner_id=owner_id,
        subject=subject_of_post(post_id),
    )
