"""Publishing one publication on Instagram, one step per claim, resumable after any crash.

Each step is saved as it completes (the container id, the moment publishing was asked for),
so that whoever picks the publication up next — this worker after a poll, or another one
after this one died — goes on from there. Before the one call that makes a post visible
(media_publish) the claim is renewed and saved; if the answer to that call is lost, the
container's status tells whether it was published, and it is never published twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from autopost.application.policy import PublishingPolicy
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_gateway import (
    ContainerStatus,
    InstagramAccount,
    InstagramGateway,
)
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
    PlatformBusy,
    PublishingLimitReached,
    TransientPlatformError,
)
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.use_cases.dispatch import Dispatcher
from autopost.application.use_cases.instagram_container import container_request
from autopost.domain.credential import Credential
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.post import Post
from autopost.domain.publication import ScheduledPublication

log = logging.getLogger(__name__)

RECONCILE_SLACK = timedelta(minutes=2)


class PublishInstagramPublication:
    def __init__(
        self,
        uow: UnitOfWork,
        gateway: InstagramGateway,
        box: SecretBox,
        clock: Clock,
        dispatcher: Dispatcher,
        policy: PublishingPolicy,
    ) -> None:
        self._uow = uow
        self._gateway = gateway
        self._box = box
        self._clock = clock
        self._dispatcher = dispatcher
        self._policy = policy

    async def execute(self, publication_id: int, version: int) -> None:
        async with self._uow as uow:
            publication = await uow.publications.get(publication_id)
            if publication is None or publication.version != version:
                log.debug("publication %s v%s: stale message", publication_id, version)
                return
            now = self._clock.now()
            if not publication.is_claimable(now):
                if publication.is_active:  # early: come back when it is due
                    await self._dispatcher.dispatch(uow, publication)
                return
            post = await uow.posts.get(publication.post_id)
            credential = await uow.credentials.get(publication.credential_id)
            if post is None or credential is None:
                return
            publication.claim(now, self._policy.lease)
            try:
                await uow.commit()
            except ConcurrentUpdate:
                log.debug("publication %s: claimed by another worker", publication_id)
                return
            account = InstagramAccount(
                credential.account_id, self._box.open(credential.access_token)
            )
            step = _Step(uow, publication, self._clock, self._policy)
            try:
                await self._advance(step, post, credential, account)
            except ConcurrentUpdate:
                log.warning("publication %s: taken over by another worker", publication_id)
                return
            await self._dispatcher.dispatch(uow, publication)

    async def _advance(
        self, step: _Step, post: Post, credential: Credential, account: InstagramAccount
    ) -> None:
        publication = step.publication
        try:
            if publication.container_id is None:
                if not await self._quota_allows(step, account):
                    return
                container_id = await self._gateway.create_container(
                    account, container_request(post)
                )
                publication.container_created(container_id)
                await step.keep()
            assert publication.container_id is not None
            await self._finish(step, post, account, publication.container_id)
        except PublishingLimitReached:
            await self._defer_for_quota(step, None)
        except PlatformBusy as busy:
            delay = busy.retry_after or self._policy.poll_interval
            publication.defer(self._clock.now() + delay, busy.message)
            await step.save()
        except CredentialRejected as rejected:
            credential.needs_reconnect(rejected.message)
            publication.fail(rejected.message)
            await step.save()
        except TransientPlatformError as transient:
            await self._retry_or_fail(step, transient.message, transient.retry_after)
        except PermanentPlatformError as permanent:
            publication.fail(permanent.message)
            await step.save()

    async def _finish(
        self, step: _Step, post: Post, account: InstagramAccount, container_id: str
    ) -> None:
        publication = step.publication
        state = await self._gateway.container_state(account, container_id)
        match state.status:
            case ContainerStatus.IN_PROGRESS:
                publication.wait_for_container(self._clock.now() + self._policy.poll_interval)
                await step.save()
            case ContainerStatus.EXPIRED:
                publication.container_lost()
                publication.retry_at(
                    self._clock.now(), "The media container expired; making a new one."
                )
                await step.save()
            case ContainerStatus.ERROR:
                publication.container_lost()
                detail = state.detail or "no reason given"
                await self._retry_or_fail(
                    step, f"Instagram could not process the media: {detail}", None
                )
            case ContainerStatus.PUBLISHED:
                await self._found_published(step, post, account)
            case ContainerStatus.FINISHED:
                await self._publish(step, post, account, container_id)

    async def _publish(
        self, step: _Step, post: Post, account: InstagramAccount, container_id: str
    ) -> None:
        publication = step.publication
        publication.publish_requested(self._clock.now())
        await step.keep()  # renews the claim right before the call that makes the post visible
        try:
            media_id = await self._gateway.publish_container(account, container_id)
        except PermanentPlatformError:
            # A refusal may mean an earlier, unanswered attempt already published it.
            state = await self._gateway.container_state(account, container_id)
            if state.status is not ContainerStatus.PUBLISHED:
                raise
            await self._found_published(step, post, account)
            return
        publication.mark_published(media_id, None, self._clock.now())
        await step.save()
        await self._add_permalink(step, account, media_id)

    async def _found_published(self, step: _Step, post: Post, account: InstagramAccount) -> None:
        publication = step.publication
        since = (publication.publish_requested_at or publication.created_at) - RECONCILE_SLACK
        media = await self._gateway.find_recent_media(account, post.caption, since)
        publication.mark_published(
            media.media_id if media else None, media.permalink if media else None, self._clock.now()
        )
        await step.save()

    async def _add_permalink(self, step: _Step, account: InstagramAccount, media_id: str) -> None:
        try:
            permalink = await self._gateway.permalink(account, media_id)
        except (TransientPlatformError, PermanentPlatformError) as error:
            log.warning("published media %s, but its permalink is unknown: %s", media_id, error)
            return
        step.publication.add_permalink(permalink)
        await step.save()

    async def _quota_allows(self, step: _Step, account: InstagramAccount) -> bool:
        quota = await self._gateway.publishing_quota(account)
        if not quota.spent:
            return True
        await self._defer_for_quota(step, quota.total)
        return False

    async def _defer_for_quota(self, step: _Step, total: int | None) -> None:
        publication = step.publication
        now = self._clock.now()
        window = self._policy.quota_window
        published = await step.uow.publications.published_since(
            publication.credential_id, now - window
        )
        until = (
            published[0] + window + timedelta(minutes=1) if published else now + timedelta(hours=1)
        )
        limit = f"of {total} posts " if total else ""
        publication.defer(
            until,
            f"Instagram's limit {limit}in 24 hours is reached for this account; "
            f"it will be published at {until.isoformat(timespec='seconds')}.",
        )
        await step.save()

    async def _retry_or_fail(self, step: _Step, reason: str, retry_after: timedelta | None) -> None:
        publication = step.publication
        backoff = self._policy.backoff
        if backoff.exhausted(publication.attempts):
            publication.fail(f"{reason} (gave up after {publication.attempts} attempts)")
        else:
            when = self._clock.now() + backoff.delay(publication.attempts, retry_after)
            publication.retry_at(
                when, f"{reason} Retrying at {when.isoformat(timespec='seconds')}."
            )
        await step.save()


class _Step:
    """Saves progress. ``keep`` also renews the claim, for work that goes on after the save."""

    def __init__(
        self,
        uow: UnitOfWork,
        publication: ScheduledPublication,
        clock: Clock,
        policy: PublishingPolicy,
    ) -> None:
        self.uow = uow
        self.publication = publication
        self._clock = clock
        self._policy = policy

    async def save(self) -> None:
        await self.uow.commit()

    async def keep(self) -> None:
        self.publication.renew_lease(self._clock.now(), self._policy.lease)
        await self.uow.commit()
