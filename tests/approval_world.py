"""Drafts and approval over the in-memory harness: a connected account, a Contributor, a
Publisher and an Administrator, and the use cases as each of them calls them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from autopost.application.access import Actor
from autopost.application.policy import PostingPolicy
from autopost.application.posting.approval import (
    ApprovePostUseCase,
    ReturnPostUseCase,
    ScheduleDraft,
    ScheduleDraftUseCase,
    SetAccountApprovalUseCase,
)
from autopost.application.posting.posts import EditPost, EditPostUseCase, SchedulePost, When
from autopost.application.posting.views import PostView
from autopost.domain.access import Role
from autopost.domain.credential import Credential
from autopost.domain.post import ContentType, InstagramContent
from tests.harness import ACCOUNT, NOON, Harness

CONTRIBUTOR = Actor.of(7, {Role.CONTRIBUTORS}, False, "carol")
PUBLISHER = Actor.of(8, {Role.PUBLISHERS}, False, "paula")
ADMINISTRATOR = Actor.of(9, {Role.ADMINISTRATORS}, False, "ada")
OBSERVER = Actor.of(10, {Role.OBSERVERS}, False, "otto")


class ApprovalWorld(Harness):
    """``approval_required``: the setting, on for every account."""

    def __init__(self, approval_required: bool = True) -> None:
        super().__init__()
        self.posting_policy = PostingPolicy(approval_required=approval_required)
        self.account_id = 0

    async def connect(self, requires_approval: bool = False) -> Credential:
        credential = Credential(
            platform="instagram",
            account_id=ACCOUNT,
            access_token=self.box.seal("EAAG-secret-token"),
            created_at=self.clock.now(),
            requires_approval=requires_approval,
        )
        async with self.uow() as uow:
            await uow.credentials.add(credential)
            await uow.commit()
        assert credential.id is not None
        self.account_id = credential.id
        return credential

    async def write(
        self, actor: Actor, at: When = NOON, *, draft: bool = False, caption: str = "Hello"
    ) -> PostView:
        """A photo post to the connected account, by ``actor``."""
        self.actor = actor
        content = InstagramContent(
            content_type=ContentType.PHOTO, url="https://cdn.example.com/a.jpg", caption=caption
        )
        command = SchedulePost(content=content, date_pub=at, user_id=ACCOUNT, draft=draft)
        return await self.schedule_command(command)

    async def change(
        self,
        actor: Actor,
        post_id: int,
        *,
        date_pub: When | None = None,
        draft: bool | None = None,
        **changes: object,
    ) -> PostView:
        command = EditPost(post_id=post_id, changes=changes, date_pub=date_pub, draft=draft)
        return await EditPostUseCase(
            self.uow(),
            self.box,
            self.clock,
            self.dispatcher,
            self.catalog,
            self.pinterest_policy.template,
            self.posting_policy,
        ).execute(actor, command)

    async def schedule_draft(
        self, actor: Actor, post_id: int, date_pub: datetime | Literal["now"] | None = None
    ) -> PostView:
        use_case = ScheduleDraftUseCase(
            self.uow(), self.clock, self.dispatcher, self.posting_policy
        )
        return await use_case.execute(actor, ScheduleDraft(post_id, date_pub))

    async def approve(self, actor: Actor, post_id: int) -> PostView:
        use_case = ApprovePostUseCase(self.uow(), self.clock, self.dispatcher)
        return await use_case.execute(actor, post_id)

    async def send_back(self, actor: Actor, post_id: int, comment: str) -> PostView:
        return await ReturnPostUseCase(self.uow(), self.clock).execute(actor, post_id, comment)

    async def require_approval(self, actor: Actor, required: bool = True) -> Credential:
        use_case = SetAccountApprovalUseCase(self.uow(), self.clock)
        return await use_case.execute(actor, self.account_id, required)

    def audit_of(self, post_id: int) -> list[tuple[str, str]]:
        """What the audit log says of the post, oldest first: (who, what)."""
        entries = sorted(self.store.rows["audit"].values(), key=lambda e: (e.at, e.id or 0))
        return [
            (e.actor_name, e.action)
            for e in entries
            if e.resource == "post" and e.resource_id == str(post_id)
        ]
