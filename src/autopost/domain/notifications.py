"""Who is told what: the events a person can be told of, the channels, and their choices."""

from __future__ import annotations

import enum

from attrs import define, field

# The event catalogue's types, as the outbox emits them.
POST_SCHEDULED = "post.scheduled"
PUBLICATION_PUBLISHED = "publication.published"
PUBLICATION_FAILED = "publication.failed"
PUBLICATION_DEFERRED = "publication.deferred"
PUBLICATION_AWAITING_APPROVAL = "publication.awaiting_approval"
PUBLICATION_APPROVED = "publication.approved"
PUBLICATION_RETURNED = "publication.returned"
ACCOUNT_NEEDS_RECONNECT = "account.needs_reconnect"
ACCOUNT_TOKEN_EXPIRING = "account.token_expiring"  # noqa: S105 (an event type)
SYNC_COMPLETED = "sync.completed"
COMMENT_RECEIVED = "comment.received"
WEBHOOK_DISABLED = "webhook.disabled"

EVENT_TYPES: tuple[str, ...] = (
    POST_SCHEDULED,
    PUBLICATION_PUBLISHED,
    PUBLICATION_FAILED,
    PUBLICATION_DEFERRED,
    PUBLICATION_AWAITING_APPROVAL,
    PUBLICATION_APPROVED,
    PUBLICATION_RETURNED,
    ACCOUNT_NEEDS_RECONNECT,
    ACCOUNT_TOKEN_EXPIRING,
    SYNC_COMPLETED,
    COMMENT_RECEIVED,
    WEBHOOK_DISABLED,
)

# What reaches a person who has chosen nothing yet: what needs them to act.
DEFAULT_EVENTS: frozenset[str] = frozenset(
    {PUBLICATION_FAILED, ACCOUNT_NEEDS_RECONNECT, WEBHOOK_DISABLED}
)

LANGUAGES: tuple[str, ...] = ("ru", "en")


class Channel(enum.StrEnum):
    TELEGRAM = "telegram"
    EMAIL = "email"


class UnknownEvent(ValueError):
    """An event type the catalogue does not have."""


def _known(events: frozenset[str] | set[str] | list[str] | tuple[str, ...]) -> frozenset[str]:
    chosen = frozenset(events)
    unknown = chosen - set(EVENT_TYPES)
    if unknown:
        raise UnknownEvent(", ".join(sorted(unknown)))
    return chosen


def _language(value: str) -> str:
    return value if value in LANGUAGES else "en"


@define(slots=False, eq=False)
class NotificationChoices:
    """One person's choices: which events reach them on each channel, whether a daily digest
    of what was published and what failed comes by e-mail, and in which language.

    ``every_account``: events about everyone's posts and accounts too, not only their own;
    only an Administrator's choice counts (``wants`` asks).
    """

    user_id: int
    telegram_events: frozenset[str] = field(default=DEFAULT_EVENTS, converter=_known)
    email_events: frozenset[str] = field(default=DEFAULT_EVENTS, converter=_known)
    daily_digest: bool = False
    every_account: bool = False
    language: str = field(default="en", converter=_language)

    def events(self, channel: Channel) -> frozenset[str]:
        return self.telegram_events if channel is Channel.TELEGRAM else self.email_events


def wants(
    choices: NotificationChoices,
    channel: Channel,
    event_type: str,
    owner_id: int | None,
    is_admin: bool,
) -> bool:
    """Whether the person whose choices these are is told of the event on ``channel``: an
    event they chose, about their own post or account, or about anyone's for an
    Administrator who chose every account."""
    if event_type not in choices.events(channel):
        return False
    if owner_id is not None and owner_id == choices.user_id:
        return True
    return choices.every_account and is_admin
