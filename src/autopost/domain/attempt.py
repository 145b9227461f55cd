"""One step of work on a publication as its timeline shows it: when it was, what Autopost asked
of the platform, and what came of it.

A publication is published in steps (a container made ahead of its time, its processing
checked, then the call that makes it visible), each ending in an outcome; every step is kept
as an attempt, written in the same transaction as what it did to the publication, so the
timeline never shows a step that was not saved, nor misses one that was.
"""

from __future__ import annotations

import enum
from datetime import datetime

from attrs import define, field


class Asked(enum.StrEnum):
    """What Autopost asked of the platform."""

    # Instagram: the media container, made ahead of the post's time.
    PREPARE = "prepare"
    # Instagram: whether the platform has finished processing the container's media.
    CHECK = "check"
    # The call that makes the post visible: Instagram's media_publish, Pinterest's new pin.
    PUBLISH = "publish"


class Answer(enum.StrEnum):
    """What came of it."""

    READY = "ready"  # made ready: waits for its time
    PROCESSING = "processing"  # the platform is still at work on the media
    PUBLISHED = "published"
    DEFERRED = "deferred"  # the platform cannot take it yet
    QUOTA = "quota"  # the account's publishing quota is spent
    RATE_LIMITED = "rate_limited"  # the platform asked for a pause
    RETRY = "retry"  # a problem that may pass: tried again
    FAILED = "failed"
    RECONNECT = "reconnect"  # the platform refused the account's token


# Answers after which Autopost goes on by itself at ``next_at``.
GOES_ON = frozenset(
    {Answer.PROCESSING, Answer.DEFERRED, Answer.QUOTA, Answer.RATE_LIMITED, Answer.RETRY}
)


@define(slots=False, eq=False)
class PublicationAttempt:
    publication_id: int
    at: datetime
    asked: Asked = field(converter=Asked)
    answer: Answer = field(converter=Answer)
    # The platform's words (or the reason Autopost gives), or the permalink once published.
    detail: str = ""
    # When Autopost goes on by itself, for the answers in ``GOES_ON``.
    next_at: datetime | None = None
    id: int | None = None
