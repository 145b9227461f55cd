"""Publishing one publication, one step per claim, resumable after any crash.

The claim, the saving of steps and what an error means for the publication are the same on
every platform; what a step does is the platform's (``PlatformPublisher``). Each step is
saved as it completes, so that whoever picks the publication up next — this worker after a
poll, or another one after this one died — goes on from there.

A passing failure is retried with backoff until the publication's retry window has passed
(``Backoff.window`` past its time), and only then fails it. A rate limit is no failure: the
publication waits as long as the platform says, and the wait does not use the window up.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Protocol

from autopost.application.access import SYSTEM
from autopost.application.audit import record
from autopost.application.policy import PublishingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
    RateLimited,
    TransientPlatformError,
)
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.publishing.claim_leases import HeldClaims
from autopost.application.publishing.dispatch import Dispatcher
from autopost.application.publishing.retry_wording import gave_up, paused, retrying
from autopost.domain.access import Resource
from autopost.domain.credential import Credential
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.post import Post
from autopost.domain.publication import Claim, PublicationStatus, ScheduledPublication

log = logging.getLogger(__name__)

_OUTCOMES = frozenset({PublicationStatus.PUBLISHED, PublicationStatus.FAILED})


class PublicationStep:
    """A claimed publication, what its ``claim`` found, and the means to save its progress."""

    def __init__(
        self,
        uow: UnitOfWork,
        publication: ScheduledPublication,
        clock: Clock,
        policy: PublishingPolicy,
        claim: Claim,
        held: HeldClaims | None = None,
    ) -> None:
        self.uow = uow
        self.publication = publication
        self.clock = clock
        self.policy = policy
        self.claim = claim
        self._held = held or HeldClaims()
        self._audited = False
        self._saved = False

    @property
    def untouched(self) -> bool:
        """Nothing was changed or saved since the claim was saved."""
        return not self._saved

    def now(self) -> datetime:
        return self.clock.now()

    async def save(self) -> None:
        self._saved = True
        await self._audit_outcome()
        await self.uow.commit()

    async def keep(self) -> None:
        """Save, and hold the claim for another lease: for work that goes on after it."""
        self.publication.renew_lease(self.now(), self.policy.lease)
        await self.save()
        assert self.publication.id is not None
        self._held.hold(self.publication.id, self.publication.next_run_at)

    async def _audit_outcome(self) -> None:
        """The end of a publication goes into the audit log with the change that ends it."""
        publication = self.publication
        if self._audited or publication.status not in _OUTCOMES:
            return
        self._audited = True
        summary = publication.permalink or publication.remote_id or publication.error or ""
        await record(
            self.uow,
            SYSTEM,
            publication.status.value,
            Resource.POST,
            publication.post_id,
            self.now(),
            f"{publication.platform}: {summary}",
        )

    async def retry_or_fail(self, reason: str, retry_after: timedelta | None = None) -> None:
        """A passing failure: try again after a pause, or fail once the window has passed."""
        publication = self.publication
        backoff = self.policy.backoff
        now = self.now()
        publication.open_retry_window(now)
        deadline = publication.retry_deadline(backoff.window)
        when = backoff.next_try(publication.attempts, now, deadline, retry_after)
        if when is None:
            publication.fail(gave_up(publication.platform, backoff.window, reason), now=now)
        else:
            publication.retry_at(when, retrying(reason, when, deadline), now=now)
        await self.save()

    async def wait_for_rate_limit(self, limited: RateLimited) -> None:
        """Wait as long as the platform says; when it says not, ``policy.rate_limit_wait``."""
        now = self.now()
        until = now + (limited.retry_after or self.policy.rate_limit_wait)
        self.publication.rate_limited(until, paused(limited.message, until), now=now)
        await self.save()


class PlatformPublisher(Protocol):
    async def advance(self, step: PublicationStep, post: Post, credential: Credential) -> None:
        """Do the next step of publishing on the platform and save it. Raise the platform
        errors of ``autopost.application.ports.platform_errors``; they are handled here."""
        ...


class PublishPublication:
    def __init__(
        self,
        uow: UnitOfWork,
        publishers: Mapping[str, PlatformPublisher],
        clock: Clock,
        dispatcher: Dispatcher,
        policy: PublishingPolicy,
        held: HeldClaims | None = None,
    ) -> None:
        """``held``: the claims this process holds, whose leases are renewed while their work
        goes on (``claim_leases``)."""
        self._uow = uow
        self._publishers = publishers
        self._clock = clock
        self._dispatcher = dispatcher
        self._policy = policy
        self._held = held or HeldClaims()

    async def execute(self, publication_id: int, version: int) -> None:
        if self._held.holds(publication_id):
            # This process is at work on it (a message sent again by the sweep, say): the
            # claim it holds is kept alive, and the work goes on from there.
            log.debug("publication %s: already at work here", publication_id)
            return
        async with self._uow as uow:
            found = await uow.publications.with_post_and_account(publication_id)
            if found is None:
                log.debug("publication %s is gone, or its post or account", publication_id)
                return
            publication, post, credential = found
            if publication.version != version:
                log.debug("publication %s v%s: stale message", publication_id, version)
                return
            now = self._clock.now()
            if not publication.is_claimable(now):
                if publication.is_active:  # early: come back when it is due
                    await self._dispatcher.dispatch(uow, publication)
                return
            publisher = self._publishers.get(publication.platform)
            if publisher is None:
                log.error(
                    "publication %s: no publisher for %s", publication_id, publication.platform
                )
                return
            claim = publication.claim(now, self._policy.lease)
            try:
                await uow.commit()
            except ConcurrentUpdate:
                log.debug("publication %s: claimed by another worker", publication_id)
                return
            self._held.hold(publication_id, publication.next_run_at)
            step = PublicationStep(uow, publication, self._clock, self._policy, claim, self._held)
            try:
                await self._advance(publisher, step, post, credential)
            except ConcurrentUpdate:
                log.warning("publication %s: taken over by another worker", publication_id)
                return
            finally:
                self._held.release(publication_id)
            await self._dispatcher.dispatch(uow, publication)

    async def _advance(
        self,
        publisher: PlatformPublisher,
        step: PublicationStep,
        post: Post,
        credential: Credential,
    ) -> None:
        publication = step.publication
        try:
            await publisher.advance(step, post, credential)
        except RateLimited as limited:
            await step.wait_for_rate_limit(limited)
        except CredentialRejected as rejected:
            credential.needs_reconnect(rejected.message)
            publication.fail(rejected.message, now=step.now())
            await step.save()
        except TransientPlatformError as transient:
            await step.retry_or_fail(transient.message, transient.retry_after)
        except PermanentPlatformError as permanent:
            publication.fail(permanent.message, now=step.now())
            await step.save()
