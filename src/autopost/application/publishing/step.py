"""A claimed publication on its way through one step of work, and the saves a strategy may
make before that step ends."""

from __future__ import annotations

import enum
from datetime import datetime

from autopost.application.policy import PublishingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.publishing.claim_leases import HeldClaims
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.post import Post
from autopost.domain.publication import Claim, ScheduledPublication


class Checkpoint(enum.Enum):
    """Why a strategy saves before its step ends. Everything else waits for the step's
    outcome, saved once by the use case; a checkpoint is for what cannot wait for it. Each
    one is a short transaction that renews the claim's lease, and ends before the platform
    call that comes next.

    ``PUBLISHING``: right before the one call that makes the post visible and cannot be taken
    back (Instagram's ``media_publish``, Pinterest's create pin), the moment of the request
    to publish is saved, with what the step made on the way: whoever picks the publication
    up after a lost answer or a dead worker asks the platform before anything is sent again.

    ``QUOTA``: the account's publishing quota is counted with the account locked, and a
    place taken in it, when there is one, is saved at once: the lock is held across no
    platform call, and the place stays the publication's whatever the step's outcome.
    """

    PUBLISHING = "publishing"
    QUOTA = "quota"


class PublicationStep:
    """A claimed publication, what its ``claim`` found, and the clock and policy of its work.

    A strategy may read through ``uow``; a read opens a transaction that only a checkpoint or
    the step's end closes, and none may stay open across a platform call."""

    def __init__(
        self,
        uow: UnitOfWork,
        publication: ScheduledPublication,
        clock: Clock,
        policy: PublishingPolicy,
        claim: Claim,
        held: HeldClaims | None = None,
        post: Post | None = None,
    ) -> None:
        """``post``: the publication's post when the claim read it; otherwise ``post()``
        reads it when a strategy asks."""
        self.uow = uow
        self.publication = publication
        self.clock = clock
        self.policy = policy
        self.claim = claim
        self._held = held or HeldClaims()
        self._post = post
        self.checkpoints: list[Checkpoint] = []

    def now(self) -> datetime:
        return self.clock.now()

    async def post(self) -> Post:
        """What is published: read with the claim when the step was likely to need it, or
        now, in a read that ends at once (a platform call may follow)."""
        if self._post is None:
            post = await self.uow.posts.get(self.publication.post_id)
            await self.uow.commit()  # only read: ends the transaction the read opened
            if post is None:  # deleted, and the publication with it
                raise ConcurrentUpdate(f"post {self.publication.post_id} is gone")
            self._post = post
        # Each account publishes its own content, where it has one.
        return self.publication.what_is_published(self._post)

    async def checkpoint(self, kind: Checkpoint = Checkpoint.PUBLISHING) -> None:
        """Save what the step holds now, with the claim kept for another lease. Before
        publishing, the request's moment is recorded first, unless the claim recorded it a
        moment ago and nothing was saved since (a prepared publication at its second)."""
        publication = self.publication
        if kind is Checkpoint.PUBLISHING:
            if self._claim_recorded_the_request():
                return
            publication.publish_requested(self.now())
        publication.renew_lease(self.now(), self.policy.lease)
        await self.uow.publications.save(publication)
        await self.uow.commit()
        self.checkpoints.append(kind)
        assert publication.id is not None
        self._held.hold(publication.id, publication.next_run_at)

    def _claim_recorded_the_request(self) -> bool:
        """The claim saved this step's request to publish with a fresh lease: nothing was
        saved since, and no earlier request is left to ask about first."""
        return (
            not self.checkpoints
            and not self.claim.publish_outcome_unknown
            and self.publication.publish_requested_at is not None
        )
