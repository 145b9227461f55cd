"""An account's posting slots and its queue: setting and reading the slots, the next free slot
a queued post takes, and listing, reordering and shuffling the posts that sit in the slots.

The queue is not stored apart: it is the account's scheduled posts whose time is one of its
slot moments (``PostingSchedule.holds``), from now on, in time order. Reordering gives the
same moments to the same posts in another order; slots set anew move no post.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from attrs import evolve, frozen

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.posting.errors import NoFreeSlot, NoPostingSlots, NotTheQueue
from autopost.application.publishing.dispatch import Dispatcher
from autopost.domain.access import Action, Resource
from autopost.domain.credential import Credential
from autopost.domain.errors import NotFound
from autopost.domain.platform import Platform
from autopost.domain.publication import ScheduledPublication
from autopost.domain.slots import (
    PUBLISHING_QUOTAS,
    PostingSchedule,
    PublishingQuota,
    next_free_slot,
    posting_schedule,
)


@frozen
class SetSlots:
    """``slots`` as a person writes them: (weekday ``mon``..``sun``, ``HH:MM``)."""

    credential_id: int
    time_zone: str
    slots: tuple[tuple[str, str], ...]


@frozen
class QueuedPost:
    post_id: int
    publish_at: datetime
    # The same moment on the account's wall clock, with its offset there.
    local_time: datetime
    # Who owns the post (None: no one); read where a page shows who may move it.
    owner_id: int | None = None


@frozen
class QueueView:
    """``time_zone`` is None while the account has no slots (its queue is then empty)."""

    credential_id: int
    time_zone: str | None
    posts: tuple[QueuedPost, ...]


async def _account(uow: UnitOfWork, credential_id: int) -> Credential:
    credential = await uow.credentials.get(credential_id)
    if credential is None:
        raise NotFound("credential", credential_id)
    return credential


async def next_free_slot_time(
    uow: UnitOfWork,
    credential_id: int,
    now: datetime,
    quotas: Mapping[Platform, PublishingQuota] = PUBLISHING_QUOTAS,
) -> datetime:
    """The moment of the account's next free slot after ``now``, in the transaction under
    way, which keeps the account's schedule locked until it ends: call it where the post
    that takes the slot is stored, in the same transaction. Refused (``NoPostingSlots``)
    when the account has no slots."""
    schedule = await uow.posting_schedules.lock(credential_id)
    if schedule is None or not schedule.slots:
        raise NoPostingSlots()
    credential = await _account(uow, credential_id)
    quota = quotas.get(credential.platform)
    since = now - (quota.window if quota is not None else timedelta(0))
    taken = await uow.posting_schedules.taken(credential_id, since)
    found = next_free_slot(schedule, now, taken, quota)
    if found is None:
        raise NoFreeSlot()
    return found


def _in_slots(
    schedule: PostingSchedule | None, publications: Sequence[ScheduledPublication]
) -> list[ScheduledPublication]:
    if schedule is None:
        return []
    return [p for p in publications if p.publish_at and schedule.holds(p.publish_at)]


def _view(
    credential_id: int,
    schedule: PostingSchedule | None,
    queued: Sequence[ScheduledPublication],
    owners: Mapping[int, int | None] | None = None,
) -> QueueView:
    if schedule is None:
        return QueueView(credential_id, None, ())
    owned = owners or {}
    posts = tuple(
        QueuedPost(p.post_id, p.due_at, schedule.local(p.due_at), owned.get(p.post_id))
        for p in sorted(queued, key=lambda p: (p.due_at, p.id or 0))
    )
    return QueueView(credential_id, schedule.time_zone, posts)


class SetPostingSlots:
    """Replaces the account's slots and time zone: who may change accounts may set them."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, command: SetSlots) -> PostingSchedule:
        authorize(actor, Action.CHANGE, Resource.CREDENTIAL)
        now = self._clock.now()
        schedule = evolve(
            posting_schedule(command.credential_id, command.time_zone, command.slots),
            updated_at=now,
        )
        async with self._uow as uow:
            await _account(uow, command.credential_id)
            await uow.posting_schedules.replace(schedule)
            slots = ", ".join(slot.label for slot in schedule.slots) or "none"
            await record(
                uow,
                actor,
                "changed",
                Resource.CREDENTIAL,
                command.credential_id,
                now,
                f"posting slots in {schedule.time_zone}: {slots}",
            )
            await uow.commit()
        return schedule


class GetPostingSlots:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, credential_id: int) -> PostingSchedule | None:
        """None while the account's slots were never set."""
        authorize(actor, Action.VIEW, Resource.CREDENTIAL)
        async with self._uow as uow:
            await _account(uow, credential_id)
            return await uow.posting_schedules.get(credential_id)


class ListQueue:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, credential_id: int) -> QueueView:
        authorize(actor, Action.VIEW, Resource.POST)
        async with self._uow as uow:
            await _account(uow, credential_id)
            schedule = await uow.posting_schedules.get(credential_id)
            waiting = await uow.posting_schedules.scheduled_after(credential_id, self._clock.now())
            queued = _in_slots(schedule, waiting)
            owners = await uow.posts.owners({p.post_id for p in queued})
            return _view(credential_id, schedule, queued, owners)


class _QueueWriter:
    """What reordering and shuffling share: the queue read with the account's schedule
    locked, and its moments given to its posts in a new order."""

    def __init__(self, uow: UnitOfWork, clock: Clock, dispatcher: Dispatcher) -> None:
        self._uow = uow
        self._clock = clock
        self._dispatcher = dispatcher

    async def _queue(
        self, uow: UnitOfWork, credential_id: int
    ) -> tuple[PostingSchedule | None, list[ScheduledPublication]]:
        await _account(uow, credential_id)
        schedule = await uow.posting_schedules.lock(credential_id)
        waiting = await uow.posting_schedules.scheduled_after(credential_id, self._clock.now())
        return schedule, _in_slots(schedule, waiting)

    async def _may_move(self, uow: UnitOfWork, actor: Actor, post_id: int) -> None:
        """A Contributor moves only their own posts."""
        post = await uow.posts.get(post_id)
        if post is None:
            raise NotFound("post", post_id)
        authorize(actor, Action.CHANGE, Resource.POST, post.owner_id)

    async def _assign(
        self,
        uow: UnitOfWork,
        actor: Actor,
        queue: list[ScheduledPublication],
        order: Sequence[int],
        why: str,
    ) -> None:
        """Give the queue's moments, earliest first, to the posts in ``order``."""
        now = self._clock.now()
        by_post = {p.post_id: p for p in queue}
        moments = sorted(p.due_at for p in queue)
        for post_id, moment in zip(order, moments, strict=True):
            publication = by_post[post_id]
            if publication.publish_at == moment:
                continue
            await self._may_move(uow, actor, post_id)
            publication.reschedule(moment, self._dispatcher.lead(publication.platform), now=now)
            self._dispatcher.send_after_commit(uow, publication)
            await record(uow, actor, "changed", Resource.POST, post_id, now, f"date_pub ({why})")


class ReorderQueue(_QueueWriter):
    async def execute(self, actor: Actor, credential_id: int, order: Sequence[int]) -> QueueView:
        """``order``: every post of the queue, once, in the new order. Only the posts that
        change place are moved; a Contributor may move only their own."""
        authorize(actor, Action.CHANGE, Resource.POST, actor.user_id)
        async with self._uow as uow:
            schedule, queue = await self._queue(uow, credential_id)
            _check_same_posts([p.post_id for p in queue], order)
            await self._assign(uow, actor, queue, order, "queue reordered")
            await uow.commit()
            return _view(credential_id, schedule, queue)


class ShuffleQueue(_QueueWriter):
    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        dispatcher: Dispatcher,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(uow, clock, dispatcher)
        self._rng = rng or random.SystemRandom()

    async def execute(self, actor: Actor, credential_id: int) -> QueueView:
        """The queue in a random order, never the same one when it has two posts or more.
        Any post may move: a Contributor may shuffle only a queue of their own posts."""
        authorize(actor, Action.CHANGE, Resource.POST, actor.user_id)
        async with self._uow as uow:
            schedule, queue = await self._queue(uow, credential_id)
            current = [p.post_id for p in queue]
            for post_id in current:
                await self._may_move(uow, actor, post_id)
            order = _shuffled(current, self._rng)
            await self._assign(uow, actor, queue, order, "queue shuffled")
            await uow.commit()
            return _view(credential_id, schedule, queue)


def _shuffled(post_ids: list[int], rng: random.Random) -> list[int]:
    order = list(post_ids)
    rng.shuffle(order)
    if order == post_ids and len(order) > 1:
        order[0], order[1] = order[1], order[0]
    return order


def _check_same_posts(queued: Sequence[int], order: Sequence[int]) -> None:
    given = Counter(order)
    repeated = sorted(post_id for post_id, count in given.items() if count > 1)
    missing = [post_id for post_id in queued if post_id not in given]
    strangers = sorted(set(given) - set(queued))
    if missing or strangers or repeated:
        raise NotTheQueue(missing, strangers, repeated)
