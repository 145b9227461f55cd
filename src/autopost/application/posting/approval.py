"""Drafts and approval: scheduling a draft, approving a post or sending it back, and what
creating or editing a post does when it is (or becomes) held back.

Whether a post waits for a reviewer is ``domain.approval``'s rule; the transitions are the
publication's (``ScheduledPublication``). Each transition is written to the audit log, in
the transaction that makes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.events import publication_events
from autopost.application.policy import PostingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.posting.approval_errors import (
    NotADraft,
    NotAReviewer,
    NotAwaitingApproval,
    ReviewCommentRequired,
)
from autopost.application.posting.loading import Loaded, load
from autopost.application.posting.views import PostView
from autopost.application.publishing.dispatch import Dispatcher
from autopost.domain.access import Action, Resource
from autopost.domain.approval import may_review, needs_approval
from autopost.domain.credential import Credential
from autopost.domain.errors import NotFound
from autopost.domain.publication import PublicationStatus, ScheduledPublication

# The audit log's words for each transition.
SCHEDULED = "scheduled"
SAVED_AS_DRAFT = "saved as a draft"
SUBMITTED = "submitted for approval"
APPROVED = "approved"
RETURNED = "returned"


def approval_applies(actor: Actor, credential: Credential, policy: PostingPolicy) -> bool:
    """Does a post ``actor`` schedules or edits on ``credential``'s account wait for a
    reviewer?"""
    return needs_approval(
        actor.permissions,
        required_everywhere=policy.approval_required,
        account_requires=credential.requires_approval,
    )


def planned_for(publication: ScheduledPublication) -> str:
    """The audit log's summary of a post's time."""
    return "" if publication.publish_at is None else f"for {publication.publish_at}"


def hold_new(
    publication: ScheduledPublication,
    actor: Actor,
    credential: Credential,
    policy: PostingPolicy,
    *,
    draft: bool,
    timed: bool,
    now: datetime,
) -> str:
    """A new post's publication, before it is stored: kept as a draft (``timed``: with the
    time it was given, else with none), or held for approval when that applies, else left
    scheduled. The transition's words for the audit log."""
    if draft:
        publication.hold_as_draft(publication.publish_at if timed else None, now=now)
        return SAVED_AS_DRAFT
    if approval_applies(actor, credential, policy):
        publication.submit_for_approval(now=now)
        return SUBMITTED
    return SCHEDULED


@frozen
class EditedSchedule:
    """What an edit asks of a post's schedule: ``when`` its new time (None: unchanged),
    ``draft`` True to keep it as a draft, False to schedule a draft (None: unchanged), and
    whether its content changed."""

    when: datetime | None
    draft: bool | None
    content_changed: bool


def settle_edit(
    publication: ScheduledPublication,
    actor: Actor,
    credential: Credential,
    policy: PostingPolicy,
    edit: EditedSchedule,
    lead: timedelta,
    now: datetime,
) -> str | None:
    """The schedule of an edited post: rescheduled as any post, kept held with its new
    time, a draft scheduled, or sent (back) for approval when someone whose posts need it
    changed it. The transition's words for the audit log, when there is one."""
    review = approval_applies(actor, credential, policy)
    if edit.draft and publication.status is not PublicationStatus.DRAFT:
        publication.hold_as_draft(edit.when or publication.publish_at, now=now)
        return SAVED_AS_DRAFT
    if publication.is_held:
        if edit.when is not None:
            publication.plan(edit.when, lead, now=now)
        if publication.status is PublicationStatus.DRAFT:
            if edit.draft is False:
                return _release_draft(publication, review, lead, now)
            return None
        if publication.status is PublicationStatus.RETURNED:
            publication.submit_for_approval(now=now)
            return SUBMITTED
        return None  # awaiting approval, with its new content or time
    before = publication.publish_at
    publication.reschedule(edit.when or publication.due_at, lead, now=now)
    if review and (edit.content_changed or publication.publish_at != before):
        publication.submit_for_approval(now=now)
        return SUBMITTED
    return None


def _release_draft(
    publication: ScheduledPublication, review: bool, lead: timedelta, now: datetime
) -> str:
    """A draft given its time goes: to a reviewer, or straight to the schedule. A draft that
    has no time yet is published as soon as possible."""
    if publication.publish_at is None:
        publication.plan(now, lead, now=now)
    if review:
        publication.submit_for_approval(now=now)
        return SUBMITTED
    publication.schedule_draft(lead, now=now)
    return SCHEDULED


def _in_status(
    loaded: Loaded, status: PublicationStatus, refused: type[NotADraft | NotAwaitingApproval]
) -> list[ScheduledPublication]:
    """The post's publications in ``status``; none is refused, in the first one's words."""
    found = [p for p in loaded.publications if p.status is status]
    if not found:
        raise refused(loaded.publications[0].status.value)
    return found


@frozen
class ScheduleDraft:
    """``date_pub``: the draft's time ("now": as soon as possible); None keeps the time it
    was saved with (none: now)."""

    post_id: int
    date_pub: datetime | Literal["now"] | None = None


class ScheduleDraftUseCase:
    def __init__(
        self, uow: UnitOfWork, clock: Clock, dispatcher: Dispatcher, policy: PostingPolicy
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._dispatcher = dispatcher
        self._policy = policy

    async def execute(self, actor: Actor, command: ScheduleDraft) -> PostView:
        now = self._clock.now()
        async with self._uow as uow:
            loaded = await load(uow, command.post_id)
            authorize(actor, Action.CHANGE, Resource.POST, loaded.post.owner_id)
            actions: list[str] = []
            released = _in_status(loaded, PublicationStatus.DRAFT, NotADraft)
            for publication in released:
                lead = self._dispatcher.lead(publication.platform)
                if command.date_pub is not None:
                    publication.plan(
                        now if command.date_pub == "now" else command.date_pub, lead, now=now
                    )
                credential = loaded.accounts[publication.credential_id]
                review = approval_applies(actor, credential, self._policy)
                action = _release_draft(publication, review, lead, now)
                if action not in actions:
                    actions.append(action)
                    summary = planned_for(publication)
                    await record(uow, actor, action, Resource.POST, loaded.post.id, now, summary)
                self._dispatcher.send_after_commit(uow, publication)
            await tell_held(uow, loaded.post.id, loaded.post.owner_id, released, now)
            await uow.commit()
            return loaded.view(now)


async def tell_held(
    uow: UnitOfWork,
    post_id: int | None,
    owner_id: int | None,
    publications: Sequence[ScheduledPublication],
    now: datetime,
) -> None:
    """The events of publications just scheduled or sent for approval: one
    ``post.scheduled`` for those scheduled, one ``publication.awaiting_approval`` each for
    the others."""
    assert post_id is not None
    scheduled = [p for p in publications if p.status is PublicationStatus.SCHEDULED]
    if scheduled:
        await uow.events.add(publication_events.post_scheduled(post_id, owner_id, scheduled, now))
    waiting = [p for p in publications if p.status is PublicationStatus.AWAITING_APPROVAL]
    for event in publication_events.awaiting_approval(waiting, now):
        await uow.events.add(event)


class ApprovePostUseCase:
    """Approved: scheduled for its time, or published as soon as possible once that passed."""

    def __init__(self, uow: UnitOfWork, clock: Clock, dispatcher: Dispatcher) -> None:
        self._uow = uow
        self._clock = clock
        self._dispatcher = dispatcher

    async def execute(self, actor: Actor, post_id: int) -> PostView:
        if not may_review(actor.permissions):
            raise NotAReviewer()
        now = self._clock.now()
        async with self._uow as uow:
            loaded = await load(uow, post_id)
            waiting = _in_status(loaded, PublicationStatus.AWAITING_APPROVAL, NotAwaitingApproval)
            for publication in waiting:
                publication.approve(self._dispatcher.lead(publication.platform), now=now)
                self._dispatcher.send_after_commit(uow, publication)
            summary = planned_for(waiting[0])
            await record(uow, actor, APPROVED, Resource.POST, post_id, now, summary)
            for event in publication_events.approved(waiting, now):
                await uow.events.add(event)
            await uow.commit()
            return loaded.view(now)


class ReturnPostUseCase:
    """Sent back to its author with a comment saying what to change."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, post_id: int, comment: str) -> PostView:
        if not may_review(actor.permissions):
            raise NotAReviewer()
        comment = comment.strip()
        if not comment:
            raise ReviewCommentRequired()
        now = self._clock.now()
        async with self._uow as uow:
            loaded = await load(uow, post_id)
            waiting = _in_status(loaded, PublicationStatus.AWAITING_APPROVAL, NotAwaitingApproval)
            for publication in waiting:
                publication.return_for_changes(comment, now=now)
            await record(uow, actor, RETURNED, Resource.POST, post_id, now, comment)
            for event in publication_events.returned(waiting, comment, now):
                await uow.events.add(event)
            await uow.commit()
            return loaded.view(now)


class SetAccountApprovalUseCase:
    """Whether Contributors' posts to one account wait for approval."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, credential_id: int, required: bool) -> Credential:
        async with self._uow as uow:
            credential = await uow.credentials.get(credential_id)
            if credential is None:
                raise NotFound("credential", credential_id)
            authorize(actor, Action.CHANGE, Resource.CREDENTIAL, credential.owner_id)
            if credential.requires_approval is not required:
                credential.requires_approval = required
                now = self._clock.now()
                summary = "requires approval" if required else "requires no approval"
                await record(
                    uow, actor, "changed", Resource.CREDENTIAL, credential_id, now, summary
                )
                await uow.commit()
            return credential
