"""Approval per account on a post to several accounts: only the publications on accounts that
require it wait for a reviewer; approving or sending back the post acts on those."""

from __future__ import annotations

from datetime import timedelta

from autopost.application.posting.posts import SchedulePost
from autopost.domain.post import InstagramContent
from autopost.domain.publication import PublicationStatus
from tests.approval_world import CONTRIBUTOR, PUBLISHER, ApprovalWorld
from tests.harness import NOON

SHARED = {"url": "https://cdn.example.com/a.jpg", "caption": "Spring"}


async def two_accounts(world: ApprovalWorld) -> tuple[int, int]:
    free = await world.connect_instagram("17841400000000021")
    guarded = await world.connect_instagram("17841400000000022")
    world.account_id = guarded.id or 0
    await world.require_approval(PUBLISHER)
    assert free.id and guarded.id
    return free.id, guarded.id


async def test_only_the_account_that_requires_approval_waits() -> None:
    world = ApprovalWorld(approval_required=False)
    ids = await two_accounts(world)
    world.actor = CONTRIBUTOR
    command = SchedulePost(
        content=InstagramContent(**SHARED), date_pub=NOON, credential_ids=ids, shared=SHARED
    )
    view = await world.schedule_command(command)
    assert [p.status for p in view.publications] == [
        PublicationStatus.SCHEDULED,
        PublicationStatus.AWAITING_APPROVAL,
    ]
    approved = await world.approve(PUBLISHER, view.post.id or 0)
    assert [p.status for p in approved.publications] == [PublicationStatus.SCHEDULED] * 2
    await world.run_until(NOON + timedelta(minutes=1))
    assert len(world.gateway.published) == 2


async def test_a_post_sent_back_keeps_its_other_accounts_scheduled() -> None:
    world = ApprovalWorld(approval_required=False)
    ids = await two_accounts(world)
    world.actor = CONTRIBUTOR
    command = SchedulePost(
        content=InstagramContent(**SHARED), date_pub=NOON, credential_ids=ids, shared=SHARED
    )
    view = await world.schedule_command(command)
    returned = await world.send_back(PUBLISHER, view.post.id or 0, "Say which spring")
    assert [(p.status, p.review_comment) for p in returned.publications] == [
        (PublicationStatus.SCHEDULED, None),
        (PublicationStatus.RETURNED, "Say which spring"),
    ]
