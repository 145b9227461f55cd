"""The posts in review: for a reviewer (a Publisher, an Administrator) every post awaiting
approval; for anyone else their own posts awaiting approval or sent back to them."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.posting.loading import load
from autopost.application.posting.views import PostView
from autopost.domain.access import Action, Resource
from autopost.domain.approval import may_review
from autopost.domain.publication import PublicationStatus

# As many as a page shows.
REVIEW_LIMIT = 200
_FOR_REVIEWERS = (PublicationStatus.AWAITING_APPROVAL,)
_FOR_AUTHORS = (PublicationStatus.AWAITING_APPROVAL, PublicationStatus.RETURNED)


@frozen
class ReviewList:
    """``reviewer``: whether the reader may approve or return them; else the posts are the
    reader's own."""

    posts: tuple[PostView, ...]
    reviewer: bool


class ListPostsInReview:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, limit: int = REVIEW_LIMIT) -> ReviewList:
        authorize(actor, Action.VIEW, Resource.POST)
        reviewer = may_review(actor.permissions)
        statuses: Sequence[PublicationStatus] = _FOR_REVIEWERS if reviewer else _FOR_AUTHORS
        owner = None if reviewer else actor.user_id
        now = self._clock.now()
        async with self._uow as uow:
            if not reviewer and owner is None:
                return ReviewList((), reviewer)
            post_ids = await uow.publications.posts_in_status(statuses, owner, limit)
            views = [(await load(uow, post_id)).view(now) for post_id in post_ids]
        return ReviewList(tuple(views), reviewer)
