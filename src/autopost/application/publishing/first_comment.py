"""Writing a published post's first comment: once, after the post is recorded as published.

The comment never holds the post back: the post is saved as published first (its
publication's first comment ``pending``), and the comment is written after, by the worker
that published it or, if that one died, by whichever takes the message the sweep sends. Its
writing is claimed like a step of publishing: the claim saves the request's moment before the
call, and a claim that finds an earlier request whose outcome nobody saw asks the platform
whether the comment is there before writing it again. A passing failure is tried again with
the publication's backoff, within its retry window from the moment the post was published;
a refusal, or failing past the window, is recorded on the publication, never on the post.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Protocol

from autopost.application.policy import PublishingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    TransientPlatformError,
)
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.publishing.claim_leases import HeldClaims
from autopost.application.publishing.dispatch import Dispatcher
from autopost.application.publishing.error_outcomes import outcome_of
from autopost.application.publishing.outcomes import PassingFailure, Paused
from autopost.application.publishing.retry_wording import paused, retrying, span
from autopost.domain.credential import Credential
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.platform import Platform
from autopost.domain.post import Post
from autopost.domain.publication import ScheduledPublication

log = logging.getLogger(__name__)


class CommentWriter(Protocol):
    """A platform's side of a first comment. Platform errors
    (``autopost.application.ports.platform_errors``) are raised."""

    def text_of(self, post: Post) -> str | None:
        """The post's first comment, None when it has none."""
        ...

    async def find(self, credential: Credential, media_id: str, text: str) -> str | None:
        """The id of the account's comment with this text on the media, None when there is
        none: asked before writing again after a request whose outcome is unknown."""
        ...

    async def write(self, credential: Credential, media_id: str, text: str) -> str:
        """Write the comment on the media; the new comment's id."""
        ...


class WriteFirstComment:
    def __init__(
        self,
        uow: UnitOfWork,
        writers: Mapping[Platform, CommentWriter],
        clock: Clock,
        dispatcher: Dispatcher,
        policy: PublishingPolicy,
        held: HeldClaims,
    ) -> None:
        self._uow = uow
        self._writers = writers
        self._clock = clock
        self._dispatcher = dispatcher
        self._policy = policy
        self._held = held

    async def execute(self, publication_id: int) -> None:
        """Write the publication's first comment if it is due; nothing otherwise."""
        async with self._uow as uow:
            found = await uow.publications.for_work(publication_id)
            if found is None:
                return
            publication, credential = found
            now = self._clock.now()
            writer = self._writers.get(publication.platform)
            if writer is None or not publication.first_comment_due(now):
                return
            post = await uow.posts.get(publication.post_id)
            text = None if post is None else writer.text_of(publication.what_is_published(post))
            media_id = publication.remote_id
            if text is None or media_id is None:
                publication.first_comment_failed(_unwritable(publication, text), now=now)
                await self._claimed(uow, publication)
                return
            outcome_unknown = publication.claim_first_comment(now, self._policy.lease)
            if not await self._claimed(uow, publication):
                return
            self._held.hold(publication_id, publication.next_run_at)
            try:
                await self._write(writer, publication, credential, media_id, text, outcome_unknown)
                # Let go first: a message the commit sends may come back before it returns.
                self._held.release(publication_id)
                self._dispatcher.send_after_commit(uow, publication)
                await uow.publications.save(publication)
                await uow.commit()
            except ConcurrentUpdate:
                log.warning("publication %s: first comment taken over", publication_id)
            finally:
                self._held.release(publication_id)

    async def _claimed(self, uow: UnitOfWork, publication: ScheduledPublication) -> bool:
        """Save the claim (or the end) before any call; False when another worker was first."""
        try:
            await uow.publications.save(publication)
            await uow.commit()
        except ConcurrentUpdate:
            log.debug("publication %s: first comment taken by another worker", publication.id)
            return False
        return True

    async def _write(
        self,
        writer: CommentWriter,
        publication: ScheduledPublication,
        credential: Credential,
        media_id: str,
        text: str,
        outcome_unknown: bool,
    ) -> None:
        """Write the comment, or find the one an earlier request wrote, and record on the
        publication how that ended."""
        try:
            comment_id = None
            if outcome_unknown:
                comment_id = await writer.find(credential, media_id, text)
            if comment_id is None:
                comment_id = await writer.write(credential, media_id, text)
        except (TransientPlatformError, PermanentPlatformError) as error:
            self._failed(publication, error)
            return
        publication.first_comment_written(comment_id, now=self._clock.now())

    def _failed(
        self,
        publication: ScheduledPublication,
        error: TransientPlatformError | PermanentPlatformError,
    ) -> None:
        """A rate limit waits as long as the platform asks; a passing failure is tried again
        with the backoff until the window has passed; anything else is the comment's end."""
        now = self._clock.now()
        match outcome_of(error, now, self._policy):
            case Paused(until, reason):
                publication.first_comment_retry_at(
                    until, paused(_not_written(reason), until), now=now
                )
            case PassingFailure(reason, retry_after):
                backoff = self._policy.backoff
                deadline = publication.first_comment_deadline(backoff.window)
                when = backoff.next_try(
                    publication.first_comment_attempts, now, deadline, retry_after
                )
                if when is None:
                    gave_up = (
                        f"{_name(publication)} kept failing for {span(backoff.window)} after "
                        f"the post was published: {error.message}"
                    )
                    publication.first_comment_failed(_not_written(gave_up), now=now)
                else:
                    reason = retrying(_not_written(reason), when, deadline)
                    publication.first_comment_retry_at(when, reason, now=now)
            case _:
                publication.first_comment_failed(_not_written(error.message), now=now)


def _unwritable(publication: ScheduledPublication, text: str | None) -> str:
    if text is None:
        return "The post no longer has a first comment."
    return (
        f"{_name(publication)} did not say which media is the post, so its first comment was "
        "not written."
    )


def _name(publication: ScheduledPublication) -> str:
    return str(publication.platform).capitalize()


def _not_written(reason: str) -> str:
    return f"The first comment was not written: {reason}"
