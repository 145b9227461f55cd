"""A place in an Instagram account's 24-hour publishing quota, taken exactly once per post.

A publication takes a place before its container is made, and holds it until it is
published, when Instagram's own count has it; one that fails, is cancelled, moved, edited or
deferred for the quota gives it back. Places are counted and taken with the account's quota
locked, so two workers never both take the last one; the place is saved at once
(``Checkpoint.QUOTA``), before the calls that make the post ready. Instagram's count may or
may not have a post whose publishing call was just made (its answer in flight, or lost): when
the last places depend on such posts, the post asks again a poll interval later instead of
being deferred by a day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from autopost.application.ports.instagram_gateway import (
    InstagramAccount,
    InstagramGateway,
    PublishingQuota,
)
from autopost.application.publishing.outcomes import Deferred, Outcome, QuotaSpent
from autopost.application.publishing.step import Checkpoint, PublicationStep
from autopost.domain.publishing_quota import QuotaRoom, quota_room

# How far from the limit the count Instagram gave in the last minute is trusted without
# asking again: room for posts published meanwhile by other means than Autopost.
QUOTA_MARGIN = 5
QUOTA_RECHECK = timedelta(minutes=1)


class QuotaMemory:
    """The last publishing quota Instagram reported for each account, in this process, and
    when it was asked for."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[datetime, PublishingQuota]] = {}

    def recent(self, ig_user_id: str, now: datetime) -> tuple[datetime, PublishingQuota] | None:
        seen = self._seen.get(ig_user_id)
        if seen is None or seen[0] <= now - QUOTA_RECHECK:
            return None
        return seen

    def remember(self, ig_user_id: str, asked_at: datetime, quota: PublishingQuota) -> None:
        self._seen[ig_user_id] = (asked_at, quota)


class QuotaGate:
    def __init__(self, gateway: InstagramGateway, memory: QuotaMemory) -> None:
        self._gateway = gateway
        self._memory = memory

    async def take_place(self, step: PublicationStep, account: InstagramAccount) -> Outcome | None:
        """Take a place in the quota for the step's publication and save it: None then.
        Without a place, the outcome that ends the step (deferred); the account's quota stays
        locked until that outcome is saved, so no platform call may come first. Instagram is
        asked at most once a minute per account while its quota is far from spent."""
        known = self._memory.recent(account.ig_user_id, step.now())
        if known is not None:
            asked_at, quota = known
            if await self._room(step, quota, asked_at, QUOTA_MARGIN) is QuotaRoom.FREE:
                await _take(step)
                return None
            # Ends the transaction, and so the lock, before Instagram is asked.
            await step.checkpoint(Checkpoint.QUOTA)
        asked_at = step.now()
        quota = await self._gateway.publishing_quota(account)
        self._memory.remember(account.ig_user_id, asked_at, quota)
        match await self._room(step, quota, asked_at):
            case QuotaRoom.FREE:
                await _take(step)
                return None
            case QuotaRoom.SPENT:
                return await quota_spent(step, quota.total)
            case QuotaRoom.UNCERTAIN:
                return _ask_again(step, quota.total)

    async def _room(
        self, step: PublicationStep, quota: PublishingQuota, asked_at: datetime, margin: int = 0
    ) -> QuotaRoom:
        """Locks the account's quota until the step's transaction ends."""
        publications = step.uow.publications
        credential_id = step.publication.credential_id
        places = await publications.lock_quota(credential_id)
        # Published since Instagram was asked: its count has those that were published
        # before it counted, and no longer holds their places.
        published = len(await publications.published_since(credential_id, asked_at))
        return quota_room(quota.used, quota.total - margin, places.unsent, places.sent + published)


async def _take(step: PublicationStep) -> None:
    step.publication.reserve_quota(now=step.now())
    await step.checkpoint(Checkpoint.QUOTA)


def _ask_again(step: PublicationStep, total: int) -> Deferred:
    until = step.now() + step.policy.poll_interval
    return Deferred(
        until,
        f"Instagram's limit of {total} posts in 24 hours may be reached: posts sent to it "
        f"a moment ago are still being counted. Checking again at "
        f"{until.isoformat(timespec='seconds')}.",
    )


async def quota_spent(step: PublicationStep, total: int | None) -> QuotaSpent:
    """The quota is spent: the publication gives its place back and waits until the oldest
    post of the account's window leaves it (or an hour, when Autopost published none)."""
    publication = step.publication
    now = step.now()
    window = step.policy.quota_window
    published = await step.uow.publications.published_since(publication.credential_id, now - window)
    until = published[0] + window + timedelta(minutes=1) if published else now + timedelta(hours=1)
    limit = f"of {total} posts " if total else ""
    return QuotaSpent(
        until,
        f"Instagram's limit {limit}in 24 hours is reached for this account; "
        f"it will be published at {until.isoformat(timespec='seconds')}.",
    )
