"""A post's publication on an account, planned for its time and handed to the workers once the
transaction that plans it commits: how every new post is scheduled, one made by a client or
an occurrence of a recurring post."""

from __future__ import annotations

from datetime import datetime

from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.publishing.dispatch import Dispatcher
from autopost.domain.board import Placement
from autopost.domain.platform import Platform
from autopost.domain.post import PostContent
from autopost.domain.publication import ScheduledPublication, first_run


def new_publication(
    dispatcher: Dispatcher,
    *,
    post_id: int,
    credential_id: int,
    platform: Platform,
    publish_at: datetime,
    now: datetime,
    place: Placement | None = None,
    own_content: PostContent | None = None,
) -> ScheduledPublication:
    """The publication, scheduled for ``publish_at``; not stored yet. ``place``: a pin's
    board and section (none: chosen when it is published)."""
    return ScheduledPublication(
        post_id=post_id,
        credential_id=credential_id,
        platform=platform,
        publish_at=publish_at,
        next_run_at=first_run(publish_at, dispatcher.lead(platform)),
        created_at=now,
        board_id=place.board_id if place else None,
        board_section_id=place.section_id if place else None,
        own_content=own_content,
    )


async def plan_publication(
    uow: UnitOfWork,
    dispatcher: Dispatcher,
    *,
    post_id: int,
    credential_id: int,
    platform: Platform,
    publish_at: datetime,
    now: datetime,
    board_id: str | None = None,
    board_section_id: str | None = None,
) -> ScheduledPublication:
    publication = new_publication(
        dispatcher,
        post_id=post_id,
        credential_id=credential_id,
        platform=platform,
        publish_at=publish_at,
        now=now,
        place=Placement(board_id, board_section_id) if board_id else None,
    )
    await uow.publications.add(publication)
    dispatcher.send_after_commit(uow, publication)
    return publication
