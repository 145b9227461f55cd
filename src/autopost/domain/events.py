"""The events Autopost tells people and systems about: one catalogue, versioned payloads.

An event is recorded with the change it reports, in the same transaction (the outbox), and
delivered after that transaction commits: to webhooks, and to a person's own channels
(``owner_id``). Its ``id`` is stable: every delivery of it carries the same one, for receivers
to deduplicate.
"""

from __future__ import annotations

import enum
import secrets
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from attrs import field, frozen

# The version of every payload below. A change a receiver could trip on (a field renamed or
# removed, a meaning changed) makes a new version; a field added does not.
PAYLOAD_VERSION = 1

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class EventType(enum.StrEnum):
    POST_SCHEDULED = "post.scheduled"
    PUBLICATION_PUBLISHED = "publication.published"
    PUBLICATION_FAILED = "publication.failed"
    PUBLICATION_DEFERRED = "publication.deferred"
    PUBLICATION_AWAITING_APPROVAL = "publication.awaiting_approval"
    PUBLICATION_APPROVED = "publication.approved"
    PUBLICATION_RETURNED = "publication.returned"
    ACCOUNT_NEEDS_RECONNECT = "account.needs_reconnect"
    ACCOUNT_TOKEN_EXPIRING = "account.token_expiring"  # noqa: S105 (a name)
    SYNC_COMPLETED = "sync.completed"
    COMMENT_RECEIVED = "comment.received"
    WEBHOOK_DISABLED = "webhook.disabled"


# What each event says, in a person's words (the README and the OpenAPI document say it too).
DESCRIPTIONS: Mapping[EventType, str] = {
    EventType.POST_SCHEDULED: "A post was scheduled on one or more accounts.",
    EventType.PUBLICATION_PUBLISHED: "A post is on the platform (its id, and its permalink).",
    EventType.PUBLICATION_FAILED: "A post could not be published: why, and what to do.",
    EventType.PUBLICATION_DEFERRED: (
        "A post waits for the platform (a quota or rate limit) and is tried again later."
    ),
    EventType.PUBLICATION_AWAITING_APPROVAL: "A post waits for a reviewer's approval.",
    EventType.PUBLICATION_APPROVED: "A reviewer approved a post: it is scheduled.",
    EventType.PUBLICATION_RETURNED: "A reviewer sent a post back with a comment.",
    EventType.ACCOUNT_NEEDS_RECONNECT: "A connected account must be connected again.",
    EventType.ACCOUNT_TOKEN_EXPIRING: (
        "A connected account's token expires within a week and cannot be renewed by Autopost."
    ),
    EventType.SYNC_COMPLETED: "An Instagram account's media and comments were brought in.",
    EventType.COMMENT_RECEIVED: "A sync found new comments on an account's media.",
    EventType.WEBHOOK_DISABLED: "A webhook endpoint kept failing and was disabled.",
}


def new_event_id(at: datetime) -> str:
    """``evt_`` and 26 characters sortable by time (48 bits of milliseconds, then 80 random
    bits, in Crockford's base 32, as a ULID): unique, and never holding a ``.`` (the
    signature joins the id with dots)."""
    value = (int(at.timestamp() * 1000) << 80) | secrets.randbits(80)
    chars = []
    for _ in range(26):
        value, digit = divmod(value, 32)
        chars.append(_CROCKFORD[digit])
    return "evt_" + "".join(reversed(chars))


@frozen
class Event:
    """``data``: JSON-able (ids, words, ISO 8601 times). ``owner_id``: the user whose post or
    account it is (None for none). ``subject``: what the event is about, whose events reach a
    receiver in the order they happened ("post:12", "account:3"); None for no order.
    ``key``: set for events to be recorded once only (the same key again is ignored)."""

    id: str
    type: EventType = field(converter=EventType)
    occurred_at: datetime
    data: Mapping[str, Any]
    owner_id: int | None = None
    subject: str | None = None
    key: str | None = None
    version: int = PAYLOAD_VERSION

    def body(self) -> dict[str, Any]:
        """What a receiver gets: the Standard Webhooks payload."""
        return {
            "type": self.type.value,
            "timestamp": iso(self.occurred_at),
            "data": dict(self.data),
        }


def new_event(
    type_: EventType,
    at: datetime,
    data: Mapping[str, Any],
    *,
    owner_id: int | None = None,
    subject: str | None = None,
    key: str | None = None,
) -> Event:
    return Event(new_event_id(at), type_, at, dict(data), owner_id, subject, key)


def iso(moment: datetime | None) -> str | None:
    """A time as a payload holds it: ISO 8601 in UTC, with its zone."""
    if moment is None:
        return None
    return moment.isoformat().replace("+00:00", "Z")
