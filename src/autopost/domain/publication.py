"""A post's publication on one account, and the state machine it moves through.

scheduled -> processing -> published | failed, and scheduled | failed -> cancelled.

Before that, a post may be held back (``HELD``, never worked on, never claimed): a ``draft``,
which needs no time (``publish_at`` is None only then), or, where approval applies, a post
``awaiting_approval`` until a reviewer approves it (then it is scheduled) or sends it back
(``returned``, with the reviewer's ``review_comment``), to be edited and submitted again::

    draft -> scheduled | awaiting_approval
    scheduled | failed -> awaiting_approval      (edited by someone whose posts need approval)
    awaiting_approval -> scheduled | returned
    returned -> awaiting_approval
    draft | awaiting_approval | returned -> cancelled
``next_run_at`` is the one clock a worker obeys: while scheduled, the time to start (the due
time, or earlier by the platform's ``prepare_ahead`` to make ready everything that comes
before the call that makes the post visible); the end of the lease while a worker holds it;
the next poll or retry while it waits. Until its due time a publication is ``scheduled``,
also while it is prepared, so it can still be moved, edited or cancelled; a
prepared one waits for its due time with its container ready. It is ``processing`` from the
first step at or after its due time on.

Every change is made at a time the caller passes (``now``, from the injected clock), and
moves ``updated_at`` to it.

Passing failures are retried within a window of time (``retry_deadline``) that opens with
the first of them, at the post's time or later: a post that fails while it is made ready, or
at its time, has its window from its time; one first tried, and failing, after its time
(scheduled in the past, retried by hand, or not taken while no worker ran) had no chance to
get through a passing failure yet, and gets its whole window from that try. A pause the
platform asks for (a rate limit, a spent quota) is not a failure: the window's end moves on
by the pause, so waiting as told never makes a post fail sooner.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from attrs import Factory, define, field, frozen

from autopost.domain.errors import InvalidTransition
from autopost.domain.platform import Platform
from autopost.domain.post import Post, PostContent


class PublicationStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    PROCESSING = "processing"
    PUBLISHED = "published"
    FAILED = "failed"
    CANCELLED = "cancelled"
    # Held back: nothing is scheduled, no worker or sweep ever takes it.
    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    RETURNED = "returned"


class FirstCommentStatus(enum.StrEnum):
    """Where an Instagram post's first comment is. ``planned``: the post has one, written once
    it is published; ``pending``: published, the comment is to be written (or its writing was
    asked for and is not recorded yet); ``written``; ``failed``: Instagram refused it, or kept
    failing past the retry window. The post's own status never depends on it."""

    PLANNED = "planned"
    PENDING = "pending"
    WRITTEN = "written"
    FAILED = "failed"


ACTIVE = frozenset({PublicationStatus.SCHEDULED, PublicationStatus.PROCESSING})
HELD = frozenset(
    {PublicationStatus.DRAFT, PublicationStatus.AWAITING_APPROVAL, PublicationStatus.RETURNED}
)
# What an edit may change: a post not yet at work, or one that failed.
CHANGEABLE = frozenset({PublicationStatus.SCHEDULED, PublicationStatus.FAILED, *HELD})
NO_LEAD = timedelta(0)


def first_run(publish_at: datetime, prepare_ahead: timedelta = NO_LEAD) -> datetime:
    """When work on a publication due at ``publish_at`` starts."""
    return publish_at - prepare_ahead


@frozen
class Claim:
    """One step of work taken on a publication at ``at``.

    ``publish_outcome_unknown``: an earlier step asked for the call that makes the post
    visible and no outcome of it was recorded (its answer was lost, or its worker died):
    the platform may have published it, so it must be asked before that call is sent again.
    """

    at: datetime
    publish_outcome_unknown: bool


@define(slots=False, eq=False)
class ScheduledPublication:
    post_id: int
    credential_id: int
    platform: Platform = field(converter=Platform)
    # None only for a draft saved without a time.
    publish_at: datetime | None
    next_run_at: datetime
    created_at: datetime
    status: PublicationStatus = PublicationStatus.SCHEDULED
    id: int | None = None
    version: int = 1
    attempts: int = 0
    polling: bool = False
    container_id: str | None = None
    container_ready: bool = False
    # Holds one place in the account's publishing quota (Instagram's 24-hour limit): taken
    # when a check found room, until the platform counts the post itself (published) or
    # the place is given back (failed, cancelled, moved, edited, deferred for the quota).
    quota_reserved: bool = False
    publish_requested_at: datetime | None = None
    remote_id: str | None = None
    permalink: str | None = None
    board_id: str | None = None
    # The board's section the pin goes to; None for the board itself.
    board_section_id: str | None = None
    error: str | None = None
    published_at: datetime | None = None
    # Where the retry window starts (see the module's docstring); None until it opens.
    retry_from: datetime | None = None
    # The first comment, written after the post is published (``FirstCommentStatus``); None
    # when the post has none. Its request's moment is kept until its outcome is: a request
    # still recorded may have been written without anyone seeing the answer.
    first_comment_status: FirstCommentStatus | None = None
    first_comment_requested_at: datetime | None = None
    first_comment_attempts: int = 0
    first_comment_id: str | None = None
    first_comment_error: str | None = None
    # Why a reviewer sent it back: kept until it is approved.
    review_comment: str | None = None
    # When it last changed: created, moved, edited, cancelled, retried, or a step of work.
    updated_at: datetime = field(default=Factory(lambda self: self.created_at, takes_self=True))
    # This account's own content, where it is not the post's: another platform's (a pin of a
    # post whose first account is Instagram), one the client overrode for this account, or
    # what was published here before the post was edited for its other accounts.
    own_content: PostContent | None = None

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def can_change(self) -> bool:
        """It may still be moved, edited or cancelled: it waits (held or scheduled), or it
        failed."""
        return self.status in CHANGEABLE

    def what_is_published(self, post: Post) -> Post:
        """``post`` as this account publishes it: with this account's own content, if any."""
        if self.own_content is None or self.own_content == post.content:
            return post
        return Post(
            content=self.own_content,
            created_at=post.created_at,
            owner_id=post.owner_id,
            id=post.id,
            updated_at=post.updated_at,
        )

    def is_claimable(self, now: datetime) -> bool:
        return self.is_active and self.next_run_at <= now

    @property
    def is_held(self) -> bool:
        return self.status in HELD

    @property
    def due_at(self) -> datetime:
        """Its time, for what only a publication that has one (every one but a draft
        without a time) is asked."""
        if self.publish_at is None:
            raise InvalidTransition(self.status, "worked on without a time")
        return self.publish_at

    def is_due(self, now: datetime) -> bool:
        return self.due_at <= now

    def next_attempt(self, now: datetime) -> datetime | None:
        """When work on it starts next, as people are told: ``next_run_at``, or ``now`` once
        that time has come and no worker has taken it yet (it is being sent to one); None
        when no more work is planned (published, failed, cancelled)."""
        if not self.is_active:
            return None
        return max(self.next_run_at, now)

    def claim(self, now: datetime, lease: timedelta) -> Claim:
        """Take the publication for one step of work, until ``now + lease`` at the latest.
        Before its due time that step prepares it and it stays ``scheduled``: a change made
        meanwhile wins over the step, whose save then finds another version."""
        if not self.is_claimable(now):
            raise InvalidTransition(self.status, "claimed now")
        # Read before this claim records its own request. A request time stays until the
        # post is published or its container is made again: one still there is a request
        # that may have gone through without anyone seeing it.
        outcome_unknown = self.publish_requested_at is not None
        if not self.polling:
            self.attempts += 1
        if self.is_due(now):
            self.status = PublicationStatus.PROCESSING
            if self.container_ready:  # prepared: this step is the call that publishes it
                self.publish_requested(now)
        self.next_run_at = now + lease
        self.updated_at = now
        return Claim(now, outcome_unknown)

    def open_retry_window(self, now: datetime) -> None:
        """A passing failure at ``now``: the first one opens the window of retries, at the
        post's time or ``now``, whichever is later."""
        if self.retry_from is None:
            self.retry_from = max(self.due_at, now)

    def retry_deadline(self, window: timedelta) -> datetime:
        """Until when passing failures are retried: ``window`` past the opening of the retry
        window (the post's time, while it is not open), moved on by the pauses the platform
        asked for since."""
        return (self.retry_from or self.due_at) + window

    def renew_lease(self, now: datetime, lease: timedelta) -> None:
        """Keep the publication for another ``lease``: saved at each checkpoint of a step."""
        self._require_active("kept")
        self.next_run_at = now + lease
        self.updated_at = now

    def container_created(self, container_id: str, ready: bool = False, *, now: datetime) -> None:
        """``ready``: the platform made it at once (an image); else it is processed first."""
        self._require_active("given a container")
        self.container_id = container_id
        self.container_ready = ready
        self.polling = False
        self.updated_at = now

    def container_finished(self, *, now: datetime) -> None:
        self._require_active("given a finished container")
        if self.container_id is None:
            raise InvalidTransition(self.status, "given a finished container without one")
        self.container_ready = True
        self.polling = False
        self.updated_at = now

    def container_lost(self, *, now: datetime) -> None:
        """The container expired or broke before it was published: make a new one next."""
        self._require_active("given a new container")
        self._void_container()
        self.updated_at = now

    def reserve_quota(self, *, now: datetime) -> None:
        """A place in the platform's quota is this publication's until it is published or
        gives it back: a new container, a retry or a rate limit keeps it."""
        self._require_active("given a place in the quota")
        self.quota_reserved = True
        self.updated_at = now

    def wait_for_container(self, until: datetime, *, now: datetime) -> None:
        self._require_active("waiting for its container")
        self.polling = True
        self.next_run_at = until
        self.updated_at = now

    def prepared(self, *, now: datetime) -> None:
        """Everything before the call that makes it visible is done ahead of its time: it
        waits, still changeable, for its due time. The attempt that prepared it is the one
        that goes on then, counted once."""
        self._require_active("prepared")
        if not self.container_ready:
            raise InvalidTransition(self.status, "prepared without a ready container")
        self.status = PublicationStatus.SCHEDULED
        self.next_run_at = self.due_at
        self.error = None
        self.polling = False
        if self.attempts > 0:
            self.attempts -= 1
        self.updated_at = now

    def publish_requested(self, now: datetime) -> None:
        self._require_active("published")
        self.status = PublicationStatus.PROCESSING
        if self.publish_requested_at is None:
            self.publish_requested_at = now
        self.updated_at = now

    def mark_published(self, remote_id: str | None, permalink: str | None, now: datetime) -> None:
        self._require(PublicationStatus.PROCESSING, "marked published")
        self.status = PublicationStatus.PUBLISHED
        self.quota_reserved = False  # the platform's own count has it now
        self.remote_id = remote_id
        self.permalink = permalink
        self.published_at = now
        self.error = None
        self.polling = False
        self.updated_at = now
        if self.first_comment_status is FirstCommentStatus.PLANNED:
            # Written at once, now that the post is recorded as published.
            self.first_comment_status = FirstCommentStatus.PENDING
            self.next_run_at = now

    def plan_first_comment(self, planned: bool, *, now: datetime) -> None:
        """Whether the post's first comment is to be written once it is published: known when
        what is published is read (its container made), and again each time that is made."""
        self._require_active("given a first comment")
        status = FirstCommentStatus.PLANNED if planned else None
        if status is not self.first_comment_status:
            self.first_comment_status = status
            self.updated_at = now

    def first_comment_due(self, now: datetime) -> bool:
        """Published, with its first comment to write, and it is time to."""
        return (
            self.status is PublicationStatus.PUBLISHED
            and self.first_comment_status is FirstCommentStatus.PENDING
            and self.next_run_at <= now
        )

    @property
    def has_work(self) -> bool:
        """Still to be worked on: publishing it, or writing its first comment."""
        return self.is_active or (
            self.status is PublicationStatus.PUBLISHED
            and self.first_comment_status is FirstCommentStatus.PENDING
        )

    def claim_first_comment(self, now: datetime, lease: timedelta) -> bool:
        """Take the writing of the first comment, until ``now + lease`` at the latest, and
        record its request before it is sent. True when an earlier request's outcome is
        unknown (its answer was lost, or its worker died): Instagram is asked whether the
        comment is there before it is written again."""
        if not self.first_comment_due(now):
            raise InvalidTransition(self.status, "given its first comment now")
        outcome_unknown = self.first_comment_requested_at is not None
        if self.first_comment_requested_at is None:
            self.first_comment_requested_at = now
        self.first_comment_attempts += 1
        self.next_run_at = now + lease
        self.updated_at = now
        return outcome_unknown

    def first_comment_written(self, comment_id: str, *, now: datetime) -> None:
        self._require_first_comment_pending("written")
        self.first_comment_status = FirstCommentStatus.WRITTEN
        self.first_comment_id = comment_id
        self.first_comment_error = None
        self.updated_at = now

    def first_comment_retry_at(self, when: datetime, reason: str, *, now: datetime) -> None:
        """A passing failure: written again at ``when``. The request's moment stays: the
        failed call may have written it all the same, and that is asked first."""
        self._require_first_comment_pending("retried")
        self.first_comment_error = reason
        self.next_run_at = when
        self.updated_at = now

    def first_comment_failed(self, reason: str, *, now: datetime) -> None:
        """Refused, or given up on: the post stays published."""
        self._require_first_comment_pending("failed")
        self.first_comment_status = FirstCommentStatus.FAILED
        self.first_comment_error = reason
        self.first_comment_requested_at = None
        self.updated_at = now

    def first_comment_deadline(self, window: timedelta) -> datetime:
        """Until when a first comment that fails in passing is tried again: the retry window,
        from the moment the post was published."""
        assert self.published_at is not None
        return self.published_at + window

    def permalink_found(self, permalink: str, *, now: datetime) -> None:
        """The published post's address, learnt after it was recorded as published."""
        self._require(PublicationStatus.PUBLISHED, "given its address")
        self.permalink = permalink
        self.updated_at = now

    def retry_at(self, when: datetime, reason: str, *, now: datetime) -> None:
        """A transient failure: try again at ``when``, keeping what was already done."""
        self._require_active("retried")
        self.next_run_at = when
        self.error = reason
        self.polling = False
        self.updated_at = now

    def defer(self, until: datetime, reason: str, *, now: datetime) -> None:
        """Not a failure: the platform cannot take it yet (its daily quota). Until then it
        can be moved, edited or cancelled."""
        self._require_active("deferred")
        self._pause(until, reason, now)
        self.status = PublicationStatus.SCHEDULED

    def rate_limited(self, until: datetime, reason: str, *, now: datetime) -> None:
        """Not a failure: the platform's rate limit asks for a pause until ``until``. Once
        publishing it was asked for, the post may already be out (an answer was lost before
        the limit was hit), so it stays processing: moving or editing it then could publish
        it twice. Before that, it can be changed during the pause, as a deferred one."""
        self._require_active("paused for a rate limit")
        self._pause(until, reason, now)
        if self.publish_requested_at is None:
            self.status = PublicationStatus.SCHEDULED

    def defer_for_quota(self, until: datetime, reason: str, *, now: datetime) -> None:
        """The platform's quota is spent: the place is given back, and asked for again at
        ``until``, when the quota's window has moved on."""
        self.defer(until, reason, now=now)
        self.quota_reserved = False

    def fail(self, reason: str, *, now: datetime) -> None:
        self._require_active("failed")
        self.status = PublicationStatus.FAILED
        self.quota_reserved = False
        self.error = reason
        self.polling = False
        self.updated_at = now

    def _pause(self, until: datetime, reason: str, now: datetime) -> None:
        """Wait until ``until`` as the platform asked: the claim that met the pause is not
        counted as an attempt, and the retry window's end moves on by the part of the pause
        that comes after the window's start."""
        if self.retry_from is not None:
            self.retry_from += max(until - max(now, self.retry_from), timedelta(0))
        self.next_run_at = until
        self.error = reason
        self.polling = False
        if self.attempts > 0:
            self.attempts -= 1
        self.updated_at = now

    def reschedule(
        self, publish_at: datetime, prepare_ahead: timedelta = NO_LEAD, *, now: datetime
    ) -> None:
        """Due at ``publish_at`` (perhaps the same time, after an edit); what was prepared
        for another time is void. Asking for the schedule it already has changes nothing,
        ``updated_at`` included."""
        if self.status not in (PublicationStatus.SCHEDULED, PublicationStatus.FAILED):
            raise InvalidTransition(self.status, "rescheduled")
        before = self._schedule()
        if self.status is PublicationStatus.FAILED:
            self.attempts = 0
            self.retry_from = None
        if publish_at != self.publish_at:
            self._void_container()
            self.retry_from = None
            self.quota_reserved = False  # the quota of another moment is asked for then
        self.publish_at = publish_at
        self.next_run_at = first_run(publish_at, prepare_ahead)
        self.status = PublicationStatus.SCHEDULED
        self.error = None
        self.polling = False
        if self._schedule() != before:
            self.updated_at = now

    def edited(self, *, now: datetime) -> None:
        """The content changed: anything prepared from the old content is void."""
        if not self.can_change:
            raise InvalidTransition(self.status, "edited")
        self._void_container()
        self.quota_reserved = False
        self.updated_at = now

    def send_to_board(self, board_id: str, *, now: datetime, section_id: str | None = None) -> None:
        """Pinterest only: the board the pin goes to, and its section (None: the board
        itself; a section is of one board, so a new board drops the old section)."""
        if (board_id, section_id) != (self.board_id, self.board_section_id):
            self.board_id = board_id
            self.board_section_id = section_id
            self.updated_at = now

    def retry_now(self, now: datetime, prepare_ahead: timedelta = NO_LEAD) -> None:
        """Tried again by hand: at once, but never published before its time."""
        if self.status is not PublicationStatus.FAILED:
            raise InvalidTransition(self.status, "retried")
        self.status = PublicationStatus.SCHEDULED
        self.next_run_at = max(now, first_run(self.due_at, prepare_ahead))
        self.error = None
        self.attempts = 0
        self.retry_from = None  # a new window, from its next failure
        self.updated_at = now

    def cancel(self, *, now: datetime) -> None:
        """Cancelling a cancelled publication changes nothing."""
        if self.status is PublicationStatus.CANCELLED:
            return
        if not self.can_change:
            raise InvalidTransition(self.status, "cancelled")
        self.status = PublicationStatus.CANCELLED
        self.quota_reserved = False
        self.updated_at = now

    # Held back: drafts and approval (see the module's docstring).

    def hold_as_draft(self, publish_at: datetime | None, *, now: datetime) -> None:
        """Kept as a draft, for ``publish_at`` or for no time yet: a new post saved as one,
        or one taken back before it is at work (or while it waits for a reviewer)."""
        if self.status not in CHANGEABLE:
            raise InvalidTransition(self.status, "kept as a draft")
        self._hold(PublicationStatus.DRAFT, now)
        self.publish_at = publish_at

    def plan(
        self, publish_at: datetime, prepare_ahead: timedelta = NO_LEAD, *, now: datetime
    ) -> None:
        """A held publication's time, kept for when it is scheduled. The same time changes
        nothing, ``updated_at`` included."""
        if not self.is_held:
            raise InvalidTransition(self.status, "given a time while held")
        if publish_at != self.publish_at:
            self.publish_at = publish_at
            self.next_run_at = first_run(publish_at, prepare_ahead)
            self.updated_at = now

    def submit_for_approval(self, *, now: datetime) -> None:
        """Waits for a reviewer: a new post, a draft given its time, a returned post edited,
        or a scheduled (approved) or failed one edited by someone whose posts need approval.
        Whatever was prepared is void, and the place it held in the quota given back."""
        if self.status not in (
            PublicationStatus.SCHEDULED,
            PublicationStatus.FAILED,
            PublicationStatus.DRAFT,
            PublicationStatus.RETURNED,
        ):
            raise InvalidTransition(self.status, "submitted for approval")
        if self.publish_at is None:
            raise InvalidTransition(self.status, "submitted for approval without a time")
        self._hold(PublicationStatus.AWAITING_APPROVAL, now)

    def approve(self, prepare_ahead: timedelta = NO_LEAD, *, now: datetime) -> None:
        """Scheduled for its time; one whose time passed while it waited is published as soon
        as possible, as any post whose time is in the past."""
        self._require(PublicationStatus.AWAITING_APPROVAL, "approved")
        self._release(prepare_ahead, now)
        self.review_comment = None

    def return_for_changes(self, comment: str, *, now: datetime) -> None:
        """Sent back by a reviewer, saying why."""
        self._require(PublicationStatus.AWAITING_APPROVAL, "returned")
        self.status = PublicationStatus.RETURNED
        self.review_comment = comment
        self.updated_at = now

    def schedule_draft(self, prepare_ahead: timedelta = NO_LEAD, *, now: datetime) -> None:
        """A draft scheduled for its time (given with ``plan`` first)."""
        self._require(PublicationStatus.DRAFT, "scheduled")
        self._release(prepare_ahead, now)

    def _hold(self, status: PublicationStatus, now: datetime) -> None:
        self._void_container()
        self.quota_reserved = False
        self.status = status
        self.error = None
        self.attempts = 0
        self.retry_from = None
        self.updated_at = now

    def _release(self, prepare_ahead: timedelta, now: datetime) -> None:
        due = self.due_at
        self.status = PublicationStatus.SCHEDULED
        self.next_run_at = first_run(due, prepare_ahead)
        self.updated_at = now

    def _schedule(self) -> tuple[object, ...]:
        """What a reschedule may change."""
        return (
            self.publish_at,
            self.next_run_at,
            self.status,
            self.attempts,
            self.error,
            self.polling,
            self.container_id,
            self.container_ready,
            self.quota_reserved,
            self.publish_requested_at,
        )

    def _void_container(self) -> None:
        self.container_id = None
        self.container_ready = False
        self.publish_requested_at = None
        self.polling = False

    def _require_active(self, action: str) -> None:
        """A step of work: before its due time the publication is still ``scheduled``."""
        if not self.is_active:
            raise InvalidTransition(self.status, action)

    def _require_first_comment_pending(self, action: str) -> None:
        if self.first_comment_status is not FirstCommentStatus.PENDING:
            raise InvalidTransition(self.status, f"first comment {action}")

    def _require(self, status: PublicationStatus, action: str) -> None:
        if self.status is not status:
            raise InvalidTransition(self.status, action)
