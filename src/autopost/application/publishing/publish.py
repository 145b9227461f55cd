"""Publishing one publication, one step per claim, resumable after any crash.

The claim, the saving and what an error means are the same on every platform; the calls a
step makes are its platform's strategy's (``PlatformPublisher``), which tells how the step
ended with an outcome. This use case owns the transaction: it saves the claim, applies the
outcome to the publication and saves it, once. The only saves in between are the strategy's
checkpoints (``Checkpoint``), each named for why it cannot wait. Whoever picks the publication
up next (this worker after a poll, another one after this one died) goes on from what was
saved.

A passing failure is retried with backoff until the publication's retry window has passed
(``Backoff.window`` past its time), and only then fails it. A rate limit is no failure: the
publication waits as long as the platform says, and the wait does not use the window up.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping
from datetime import datetime

from attrs import frozen

from autopost.application.access import SYSTEM
from autopost.application.audit import record
from autopost.application.events import account_events, publication_events
from autopost.application.policy import PublishingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    TransientPlatformError,
)
from autopost.application.ports.publishing_observer import NoPublishingObserver, PublishingObserver
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.publishing.addresses import PendingAddresses
from autopost.application.publishing.attempts import Before, attempt_of
from autopost.application.publishing.claim_leases import HeldClaims
from autopost.application.publishing.dispatch import Dispatcher
from autopost.application.publishing.error_outcomes import outcome_of
from autopost.application.publishing.first_comment import CommentWriter, WriteFirstComment
from autopost.application.publishing.outcomes import (
    AccountRejected,
    Outcome,
    Published,
)
from autopost.application.publishing.platform_publisher import PlatformPublisher
from autopost.application.publishing.step import PublicationStep
from autopost.application.publishing.step_report import step_report
from autopost.domain.access import Resource
from autopost.domain.credential import Credential
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.platform import Platform
from autopost.domain.publication import PublicationStatus, ScheduledPublication

log = logging.getLogger(__name__)

_ENDS = frozenset({PublicationStatus.PUBLISHED, PublicationStatus.FAILED})


@frozen
class _AfterStep:
    """What the caller of a step does once its transaction is over. ``addresses``: the step
    published a post whose address is to be asked and no other post of its account is
    gathering, so the caller asks, with this publisher and account. ``first_comment``: the
    post's first comment is to be written now (it was just published, or the writing is due
    again)."""

    addresses: tuple[PlatformPublisher, Credential] | None = None
    first_comment: bool = False


_NOTHING = _AfterStep()


class PublishPublication:
    def __init__(
        self,
        uow: UnitOfWork,
        publishers: Mapping[Platform, PlatformPublisher],
        clock: Clock,
        dispatcher: Dispatcher,
        policy: PublishingPolicy,
        held: HeldClaims | None = None,
        addresses: PendingAddresses | None = None,
        comment_writers: Mapping[Platform, CommentWriter] | None = None,
        observer: PublishingObserver | None = None,
    ) -> None:
        """``held``: the claims this process holds, whose leases are renewed while their work
        goes on (``claim_leases``). ``addresses``: the published posts of this process whose
        address is still to be asked, gathered by account (``addresses.py``).
        ``comment_writers``: the platforms whose posts may have a first comment, written
        once they are published (``first_comment.py``). ``observer``: told the work at hand
        and how each step ended, for the operators' logs and metrics."""
        self._uow = uow
        self._publishers = publishers
        self._clock = clock
        self._dispatcher = dispatcher
        self._policy = policy
        self._held = held or HeldClaims()
        self._addresses = addresses or PendingAddresses()
        self._observer = observer or NoPublishingObserver()
        self._first_comment = WriteFirstComment(
            uow, comment_writers or {}, clock, dispatcher, policy, self._held
        )

    async def execute(self, publication_id: int, version: int) -> None:
        if self._held.holds(publication_id):
            # This process is at work on it (a message sent again by the sweep, say): the
            # claim it holds is kept alive, and the work goes on from there.
            log.debug("publication %s: already at work here", publication_id)
            return
        with contextlib.ExitStack() as at_work:
            after = await self._step(publication_id, version, at_work)
        if after.first_comment:
            # Right after the post is saved as published, before its address is asked.
            await self._first_comment.execute(publication_id)
        if after.addresses is not None:
            await self._find_addresses(*after.addresses)

    async def _step(
        self, publication_id: int, version: int, at_work: contextlib.ExitStack
    ) -> _AfterStep:
        """One step of work on the publication, and what its caller does after it."""
        async with self._uow as uow:
            found = await uow.publications.for_work(publication_id)
            if found is None:
                log.debug("publication %s is gone", publication_id)
                return _NOTHING
            publication, credential = found
            self._observer.working_on(publication_id, publication.post_id)
            if publication.version != version:
                log.debug("publication %s v%s: stale message", publication_id, version)
                return _NOTHING
            now = self._clock.now()
            if publication.first_comment_due(now):
                return _AfterStep(first_comment=True)
            if not publication.is_claimable(now):
                if publication.has_work:  # early: come back when it is due
                    self._dispatcher.send_after_commit(uow, publication)
                    await uow.commit()  # nothing changed: ends the read before the message
                return _NOTHING
            publisher = self._publishers.get(publication.platform)
            if publisher is None:
                log.error(
                    "publication %s: no publisher for %s", publication_id, publication.platform
                )
                return _NOTHING
            # What is published is read with the claim, unless the publication was made ready
            # ahead: at its second, its post is read only if the step turns out to need it.
            post = None
            if not publication.container_ready:
                post = await uow.posts.get(publication.post_id)
                if post is None:
                    log.debug("publication %s: its post is gone", publication_id)
                    return _NOTHING
            assert credential.id is not None
            at_work.enter_context(self._addresses.at_work(credential.id))
            claim = publication.claim(now, self._policy.lease)
            try:
                await uow.publications.save(publication)
                await uow.commit()
            except ConcurrentUpdate:
                log.debug("publication %s: claimed by another worker", publication_id)
                return _NOTHING
            self._held.hold(publication_id, publication.next_run_at)
            step = PublicationStep(
                uow, publication, self._clock, self._policy, claim, self._held, post
            )
            before = Before.of(publication)
            try:
                outcome = await self._outcome(publisher, step, credential)
                await self._save(uow, publication, credential, outcome, before)
            except ConcurrentUpdate:
                log.warning("publication %s: taken over by another worker", publication_id)
                return _NOTHING
            finally:
                self._held.release(publication_id)
        comment = publication.first_comment_due(self._clock.now())
        if not isinstance(outcome, Published) or outcome.permalink is not None:
            return _AfterStep(first_comment=comment)
        if publication.remote_id is None:
            return _AfterStep(first_comment=comment)
        if self._addresses.join(credential.id, publication.remote_id, publication_id):
            # Asked for with the others by the post of its account that came first.
            return _AfterStep(first_comment=comment)
        return _AfterStep((publisher, credential), comment)

    async def _outcome(
        self, publisher: PlatformPublisher, step: PublicationStep, credential: Credential
    ) -> Outcome:
        try:
            return await publisher.advance(step, credential)
        except (TransientPlatformError, PermanentPlatformError) as error:
            return outcome_of(error, step.now(), self._policy)

    async def _save(
        self,
        uow: UnitOfWork,
        publication: ScheduledPublication,
        credential: Credential,
        outcome: Outcome,
        before: Before,
    ) -> None:
        now = self._clock.now()
        outcome.apply(publication, credential, now, self._policy)
        attempt = attempt_of(outcome, before, publication, now)
        await uow.attempts.add(attempt)
        if publication.status in _ENDS:
            await _record_end(uow, publication, now)
        await _tell(uow, outcome, publication, credential, now)
        # Let go first: a message the commit sends for a step due at once may come back to
        # this process before the commit returns, and must not find the work still held here.
        assert publication.id is not None
        self._held.release(publication.id)
        self._dispatcher.send_after_commit(uow, publication)
        await uow.publications.save(publication)
        await uow.commit()
        self._observer.step_ended(step_report(attempt, publication))

    async def _find_addresses(self, publisher: PlatformPublisher, credential: Credential) -> None:
        """Asked once the posts are saved as published, off the path of their second, with
        the other posts of the account published meanwhile: a platform that cannot say costs
        the addresses, never the posts."""
        assert credential.id is not None
        gathered = await self._addresses.gather(credential.id, self._policy.address_gather)
        found = await publisher.addresses(credential, list(gathered))
        if not found:
            return
        async with self._uow as uow:
            await uow.publications.record_addresses(
                {gathered[remote_id]: link for remote_id, link in found.items()},
                now=self._clock.now(),
            )
            await uow.commit()


async def _tell(
    uow: UnitOfWork,
    outcome: Outcome,
    publication: ScheduledPublication,
    credential: Credential,
    now: datetime,
) -> None:
    """The events of a step, recorded with it: only an end or a deferral (one INSERT), and
    an account to reconnect (recorded once per account, whatever the number of its posts)."""
    if isinstance(outcome, AccountRejected):
        await uow.events.add(account_events.needs_reconnect(credential, now))
    if publication.status is PublicationStatus.PUBLISHED:
        await uow.events.add(publication_events.published(publication, now))
    elif publication.status is PublicationStatus.FAILED:
        await uow.events.add(publication_events.failed(publication, now))
    elif outcome.defers:
        await uow.events.add(publication_events.deferred(publication, now))


async def _record_end(uow: UnitOfWork, publication: ScheduledPublication, now: datetime) -> None:
    """The end of a publication goes into the audit log with the change that ends it."""
    summary = publication.permalink or publication.remote_id or publication.error or ""
    await record(
        uow,
        SYSTEM,
        publication.status.value,
        Resource.POST,
        publication.post_id,
        now,
        f"{publication.platform}: {summary}",
    )
