"""Drafts and approval through the use cases, on the in-memory fakes."""

from datetime import timedelta

import pytest

from autopost.application.access import Actor
from autopost.application.posting.approval_errors import (
    NotADraft,
    NotAReviewer,
    NotAwaitingApproval,
    ReviewCommentRequired,
)
from autopost.domain.errors import InvalidTransition, PermissionDenied
from autopost.domain.publication import PublicationStatus
from tests.approval_world import (
    ADMINISTRATOR,
    CONTRIBUTOR,
    OBSERVER,
    PUBLISHER,
    ApprovalWorld,
)
from tests.harness import NOON

S = PublicationStatus
LATER = NOON + timedelta(hours=2)


@pytest.fixture
async def world() -> ApprovalWorld:
    world = ApprovalWorld(approval_required=True)
    await world.connect()
    return world


async def published(world: ApprovalWorld) -> int:
    """How many posts are on Instagram once the clock has run well past their times."""
    await world.run_until(LATER + timedelta(hours=1))
    return len(world.gateway.published)


async def test_a_draft_needs_no_time_and_is_never_sent_nor_published(world: ApprovalWorld) -> None:
    view = await world.write(PUBLISHER, "now", draft=True)
    assert view.publication.status is S.DRAFT
    assert view.publication.publish_at is None
    assert view.next_attempt_at is None
    assert world.scheduler.sent == []
    assert await world.sweep() == 0
    assert await published(world) == 0


async def test_a_draft_keeps_the_time_it_was_given_and_is_not_published_then(
    world: ApprovalWorld,
) -> None:
    view = await world.write(PUBLISHER, NOON, draft=True)
    assert (view.publication.status, view.publication.publish_at) == (S.DRAFT, NOON)
    assert await published(world) == 0


async def test_a_publishers_draft_scheduled_later_is_published_at_its_time(
    world: ApprovalWorld,
) -> None:
    draft = await world.write(PUBLISHER, draft=True)
    view = await world.schedule_draft(PUBLISHER, draft.post.id, NOON)  # type: ignore[arg-type]
    assert (view.publication.status, view.publication.publish_at) == (S.SCHEDULED, NOON)
    await world.run_until(NOON + timedelta(minutes=1))
    assert len(world.gateway.published) == 1


async def test_a_draft_without_a_time_scheduled_without_one_goes_now(
    world: ApprovalWorld,
) -> None:
    draft = await world.write(PUBLISHER, "now", draft=True)
    view = await world.schedule_draft(PUBLISHER, draft.post.id)  # type: ignore[arg-type]
    assert view.publication.publish_at == world.clock.now()
    assert view.publication.status is S.SCHEDULED


async def test_a_contributors_draft_scheduled_waits_for_approval(world: ApprovalWorld) -> None:
    draft = await world.write(CONTRIBUTOR, draft=True)
    view = await world.schedule_draft(CONTRIBUTOR, draft.post.id, NOON)  # type: ignore[arg-type]
    assert view.publication.status is S.AWAITING_APPROVAL
    assert await published(world) == 0


async def test_a_patch_that_clears_draft_schedules_it(world: ApprovalWorld) -> None:
    draft = await world.write(PUBLISHER, NOON, draft=True)
    view = await world.change(PUBLISHER, draft.post.id, draft=False)  # type: ignore[arg-type]
    assert view.publication.status is S.SCHEDULED
    await world.run_until(NOON + timedelta(minutes=1))
    assert len(world.gateway.published) == 1


async def test_a_draft_edited_stays_a_draft_with_its_new_time(world: ApprovalWorld) -> None:
    draft = await world.write(CONTRIBUTOR, draft=True)
    post_id = draft.post.id
    assert post_id is not None
    view = await world.change(CONTRIBUTOR, post_id, date_pub=NOON, caption="Better")
    assert (view.publication.status, view.publication.publish_at) == (S.DRAFT, NOON)
    assert await published(world) == 0


async def test_a_scheduled_post_can_be_taken_back_as_a_draft(world: ApprovalWorld) -> None:
    view = await world.write(PUBLISHER, NOON)
    assert view.post.id is not None
    view = await world.change(PUBLISHER, view.post.id, draft=True)
    assert (view.publication.status, view.publication.publish_at) == (S.DRAFT, NOON)
    assert await published(world) == 0, "the message sent for the scheduled version is stale"


async def test_only_a_draft_is_scheduled_as_one(world: ApprovalWorld) -> None:
    view = await world.write(PUBLISHER, NOON)
    with pytest.raises(NotADraft):
        await world.schedule_draft(PUBLISHER, view.post.id)  # type: ignore[arg-type]


async def test_a_contributor_schedules_only_their_own_draft(world: ApprovalWorld) -> None:
    draft = await world.write(PUBLISHER, draft=True)
    with pytest.raises(PermissionDenied):
        await world.schedule_draft(CONTRIBUTOR, draft.post.id, NOON)  # type: ignore[arg-type]


async def test_a_contributors_post_waits_for_approval_and_is_not_published(
    world: ApprovalWorld,
) -> None:
    view = await world.write(CONTRIBUTOR, NOON)
    assert view.publication.status is S.AWAITING_APPROVAL
    assert view.publication.publish_at == NOON
    assert world.scheduler.sent == []
    assert await published(world) == 0


@pytest.mark.parametrize("reviewer", [PUBLISHER, ADMINISTRATOR])
async def test_an_approved_post_is_published_at_its_time(
    world: ApprovalWorld, reviewer: Actor
) -> None:
    view = await world.write(CONTRIBUTOR, NOON)
    assert view.post.id is not None
    approved = await world.approve(reviewer, view.post.id)
    assert approved.publication.status is S.SCHEDULED
    await world.run_until(NOON - timedelta(minutes=6))
    assert world.gateway.published == []
    await world.run_until(NOON + timedelta(minutes=1))
    assert len(world.gateway.published) == 1


async def test_a_post_approved_after_its_time_is_published_as_soon_as_possible(
    world: ApprovalWorld,
) -> None:
    view = await world.write(CONTRIBUTOR, NOON)
    assert view.post.id is not None
    world.clock.set(NOON + timedelta(hours=1))
    await world.approve(PUBLISHER, view.post.id)
    await world.deliver_due()
    assert len(world.gateway.published) == 1


@pytest.mark.parametrize("who", [CONTRIBUTOR, OBSERVER])
async def test_only_publishers_and_administrators_approve_or_return(
    world: ApprovalWorld, who: Actor
) -> None:
    view = await world.write(CONTRIBUTOR, NOON)
    assert view.post.id is not None
    with pytest.raises(NotAReviewer):
        await world.approve(who, view.post.id)
    with pytest.raises(NotAReviewer):
        await world.send_back(who, view.post.id, "no")
    assert (await world.get(view.post.id)).publication.status is S.AWAITING_APPROVAL


@pytest.mark.parametrize("draft", [True, False])
async def test_approving_or_returning_what_does_not_await_approval_is_refused(
    world: ApprovalWorld, draft: bool
) -> None:
    view = await world.write(PUBLISHER, NOON, draft=draft)
    assert view.post.id is not None
    with pytest.raises(NotAwaitingApproval):
        await world.approve(PUBLISHER, view.post.id)
    with pytest.raises(NotAwaitingApproval):
        await world.send_back(PUBLISHER, view.post.id, "Why?")


async def test_a_returned_post_says_why_and_goes_back_for_approval_once_edited(
    world: ApprovalWorld,
) -> None:
    view = await world.write(CONTRIBUTOR, NOON)
    post_id = view.post.id
    assert post_id is not None
    returned = await world.send_back(PUBLISHER, post_id, "  Use the square photo.  ")
    assert returned.publication.status is S.RETURNED
    assert returned.publication.review_comment == "Use the square photo."
    assert await published(world) == 0
    world.clock.set(NOON - timedelta(hours=1))
    edited = await world.change(CONTRIBUTOR, post_id, url="https://cdn.example.com/square.jpg")
    assert edited.publication.status is S.AWAITING_APPROVAL
    assert edited.publication.review_comment == "Use the square photo."
    approved = await world.approve(PUBLISHER, post_id)
    assert approved.publication.review_comment is None


async def test_a_post_is_not_returned_without_a_comment(world: ApprovalWorld) -> None:
    view = await world.write(CONTRIBUTOR, NOON)
    with pytest.raises(ReviewCommentRequired):
        await world.send_back(PUBLISHER, view.post.id, "   ")  # type: ignore[arg-type]


async def test_an_approved_post_edited_by_a_contributor_needs_approval_again(
    world: ApprovalWorld,
) -> None:
    view = await world.write(CONTRIBUTOR, NOON)
    post_id = view.post.id
    assert post_id is not None
    await world.approve(PUBLISHER, post_id)
    world.clock.set(NOON - timedelta(minutes=10))
    await world.deliver_due()
    edited = await world.change(CONTRIBUTOR, post_id, caption="Changed after approval")
    assert edited.publication.status is S.AWAITING_APPROVAL
    assert await published(world) == 0, "the approved version's message finds it changed"


async def test_an_approved_post_moved_by_a_contributor_needs_approval_again(
    world: ApprovalWorld,
) -> None:
    view = await world.write(CONTRIBUTOR, NOON)
    post_id = view.post.id
    assert post_id is not None
    await world.approve(PUBLISHER, post_id)
    moved = await world.change(CONTRIBUTOR, post_id, date_pub=LATER)
    assert moved.publication.status is S.AWAITING_APPROVAL
    assert moved.publication.publish_at == LATER


async def test_an_edit_that_changes_nothing_keeps_an_approved_post_scheduled(
    world: ApprovalWorld,
) -> None:
    view = await world.write(CONTRIBUTOR, NOON)
    post_id = view.post.id
    assert post_id is not None
    await world.approve(PUBLISHER, post_id)
    same = await world.change(CONTRIBUTOR, post_id, caption="Hello")
    assert same.publication.status is S.SCHEDULED


async def test_a_publishers_edit_of_an_approved_post_needs_no_approval(
    world: ApprovalWorld,
) -> None:
    view = await world.write(CONTRIBUTOR, NOON)
    post_id = view.post.id
    assert post_id is not None
    await world.approve(PUBLISHER, post_id)
    edited = await world.change(PUBLISHER, post_id, caption="Polished")
    assert edited.publication.status is S.SCHEDULED


@pytest.mark.parametrize("author", [PUBLISHER, ADMINISTRATOR])
async def test_publishers_and_administrators_posts_need_no_approval(
    world: ApprovalWorld, author: Actor
) -> None:
    view = await world.write(author, NOON)
    assert view.publication.status is S.SCHEDULED
    await world.run_until(NOON + timedelta(minutes=1))
    assert len(world.gateway.published) == 1


async def test_without_approval_a_contributors_post_is_scheduled_directly() -> None:
    world = ApprovalWorld(approval_required=False)
    await world.connect(requires_approval=False)
    view = await world.write(CONTRIBUTOR, NOON)
    assert view.publication.status is S.SCHEDULED


async def test_an_account_that_requires_approval_holds_contributors_posts_alone() -> None:
    world = ApprovalWorld(approval_required=False)
    await world.connect(requires_approval=False)
    await world.require_approval(PUBLISHER)
    view = await world.write(CONTRIBUTOR, NOON)
    assert view.publication.status is S.AWAITING_APPROVAL


async def test_only_who_manages_accounts_makes_one_require_approval(world: ApprovalWorld) -> None:
    with pytest.raises(PermissionDenied):
        await world.require_approval(CONTRIBUTOR)
    credential = await world.require_approval(ADMINISTRATOR)
    assert credential.requires_approval
    (entry,) = [e for e in world.store.rows["audit"].values() if e.resource == "credential"]
    assert (entry.actor_name, entry.action, entry.summary) == (
        "ada",
        "changed",
        "requires approval",
    )


async def test_a_post_at_work_is_not_taken_back_as_a_draft(world: ApprovalWorld) -> None:
    view = await world.write(PUBLISHER, NOON)
    assert view.post.id is not None
    world.clock.set(NOON)
    world.store.rows["publications"][view.publication.id].status = S.PROCESSING
    with pytest.raises(InvalidTransition):
        await world.change(PUBLISHER, view.post.id, draft=True)


async def test_held_posts_can_be_cancelled(world: ApprovalWorld) -> None:
    view = await world.write(CONTRIBUTOR, NOON)
    assert view.post.id is not None
    await world.cancel(view.post.id)
    assert (await world.get(view.post.id)).publication.status is S.CANCELLED


async def test_every_transition_is_in_the_audit_log(world: ApprovalWorld) -> None:
    draft = await world.write(CONTRIBUTOR, draft=True)
    post_id = draft.post.id
    assert post_id is not None
    await world.schedule_draft(CONTRIBUTOR, post_id, NOON)
    await world.send_back(PUBLISHER, post_id, "Shorter, please.")
    await world.change(CONTRIBUTOR, post_id, caption="Hi")
    await world.approve(PUBLISHER, post_id)
    await world.change(CONTRIBUTOR, post_id, caption="Hi!")
    assert world.audit_of(post_id) == [
        ("carol", "saved as a draft"),
        ("carol", "submitted for approval"),
        ("paula", "returned"),
        ("carol", "changed"),
        ("carol", "submitted for approval"),
        ("paula", "approved"),
        ("carol", "changed"),
        ("carol", "submitted for approval"),
    ]
