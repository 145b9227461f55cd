"""The posting slots and queue use cases on a ``Harness``: its fakes, clock and broker."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

from autopost.application.access import Actor
from autopost.application.integrations.credentials import ConnectAccount, SaveCredential
from autopost.application.posting.posts import SchedulePost
from autopost.application.posting.queue import (
    GetPostingSlots,
    ListQueue,
    QueueView,
    ReorderQueue,
    SetPostingSlots,
    SetSlots,
    ShuffleQueue,
)
from autopost.application.posting.views import PostView
from autopost.domain.platform import Platform
from autopost.domain.post import ContentType, InstagramContent
from autopost.domain.slots import PostingSchedule
from tests.harness import ACCOUNT, Harness

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


class Queues:
    def __init__(self, world: Harness, seed: int = 7) -> None:
        self.world = world
        self.rng = random.Random(seed)

    async def connect(self, account: str = ACCOUNT, actor: Actor | None = None) -> int:
        world = self.world
        credential = await SaveCredential(
            world.uow(), world.box, world.clock, world.pinterest_policy
        ).execute(actor or world.actor, ConnectAccount(Platform.INSTAGRAM, account, "t"))
        assert credential.id is not None
        return credential.id

    async def set_slots(
        self,
        credential_id: int,
        time_zone: str,
        slots: Sequence[tuple[str, str]],
        actor: Actor | None = None,
    ) -> PostingSchedule:
        command = SetSlots(credential_id, time_zone, tuple(slots))
        use_case = SetPostingSlots(self.world.uow(), self.world.clock)
        return await use_case.execute(actor or self.world.actor, command)

    async def slots(self, credential_id: int, actor: Actor | None = None) -> PostingSchedule | None:
        use_case = GetPostingSlots(self.world.uow())
        return await use_case.execute(actor or self.world.actor, credential_id)

    async def queue_post(
        self, credential_id: int, caption: str = "Queued", actor: Actor | None = None
    ) -> PostView:
        command = SchedulePost(
            content=InstagramContent(
                content_type=ContentType.PHOTO, url="https://cdn.example.com/a.jpg", caption=caption
            ),
            credential_id=credential_id,
            queue=True,
        )
        if actor is None:
            return await self.world.schedule_command(command)
        saved, self.world.actor = self.world.actor, actor
        try:
            return await self.world.schedule_command(command)
        finally:
            self.world.actor = saved

    async def schedule_at(self, credential_id: int, when: datetime) -> PostView:
        command = SchedulePost(
            content=InstagramContent(
                content_type=ContentType.PHOTO, url="https://cdn.example.com/b.jpg", caption="At"
            ),
            credential_id=credential_id,
            date_pub=when,
        )
        return await self.world.schedule_command(command)

    async def queue(self, credential_id: int, actor: Actor | None = None) -> QueueView:
        use_case = ListQueue(self.world.uow(), self.world.clock)
        return await use_case.execute(actor or self.world.actor, credential_id)

    async def reorder(
        self, credential_id: int, order: Sequence[int], actor: Actor | None = None
    ) -> QueueView:
        use_case = ReorderQueue(self.world.uow(), self.world.clock, self.world.dispatcher)
        return await use_case.execute(actor or self.world.actor, credential_id, order)

    async def shuffle(self, credential_id: int, actor: Actor | None = None) -> QueueView:
        use_case = ShuffleQueue(self.world.uow(), self.world.clock, self.world.dispatcher, self.rng)
        return await use_case.execute(actor or self.world.actor, credential_id)
