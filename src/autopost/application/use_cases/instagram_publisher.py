"""The Instagram steps: quota, container, wait for processing, publish, permalink.

All but the publishing call are done ahead of the due time when there is time
(``PublishingPolicy.prepare_ahead``): the publication then waits with its container ready,
and at its second only ``media_publish`` is left. Before that call the claim is renewed and
saved; if the answer to it is lost, the container's status tells whether it was published,
and it is never published twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from autopost.application.ports.instagram_gateway import (
    ContainerStatus,
    InstagramAccount,
    InstagramGateway,
)
from autopost.application.ports.platform_errors import (
    PermanentPlatformError,
    PublishingLimitReached,
    TransientPlatformError,
)
from autopost.application.ports.secret_box import SecretBox
from autopost.application.use_cases.instagram_accounts import as_account
from autopost.application.use_cases.instagram_container import container_request
from autopost.application.use_cases.instagram_quota import QuotaGate, QuotaMemory, defer_for_quota
from autopost.application.use_cases.publish import PublicationStep
from autopost.domain.credential import Credential
from autopost.domain.post import Post

log = logging.getLogger(__name__)

RECONCILE_SLACK = timedelta(minutes=2)


class InstagramPublisher:
    def __init__(self, gateway: InstagramGateway, box: SecretBox, quotas: QuotaMemory) -> None:
        self._gateway = gateway
        self._box = box
        self._quota = QuotaGate(gateway, quotas)

    async def advance(self, step: PublicationStep, post: Post, credential: Credential) -> None:
        account = as_account(credential, self._box)
        publication = step.publication
        try:
            # Checked also when a container exists: a publication deferred for the quota
            # keeps its container and gave its place back.
            if not publication.quota_reserved and not await self._quota.take_place(step, account):
                return
            if publication.container_id is None:
                request = container_request(post)
                container_id = await self._gateway.create_container(account, request)
                # An image container is ready at once: at the due second it is published
                # without asking; ahead of time its status is asked all the same, so that a
                # media Instagram could not take is known, and made again, before the post's time.
                # A video's container is processed first.
                ready = publication.is_due(step.now()) and not request.has_video
                publication.container_created(container_id, ready=ready, now=step.now())
                if not publication.container_ready:
                    await step.keep()
            if not publication.container_ready and not await self._container_finished(
                step, post, account
            ):
                return
            if not publication.is_due(step.now()):
                publication.prepared(now=step.now())
                await step.save()
                return
            assert publication.container_id is not None
            await self._publish(step, post, account, publication.container_id)
        except PublishingLimitReached:
            await defer_for_quota(step, None)

    async def _container_finished(
        self, step: PublicationStep, post: Post, account: InstagramAccount
    ) -> bool:
        """Whether the container is ready to publish; otherwise what to do next is saved."""
        publication = step.publication
        assert publication.container_id is not None
        state = await self._gateway.container_state(account, publication.container_id)
        match state.status:
            case ContainerStatus.FINISHED:
                publication.container_finished(now=step.now())
                return True
            case ContainerStatus.IN_PROGRESS:
                now = step.now()
                publication.wait_for_container(now + step.policy.poll_interval, now=now)
                await step.save()
            case ContainerStatus.EXPIRED:
                await _remake_container(step)
            case ContainerStatus.ERROR:
                publication.container_lost(now=step.now())
                detail = state.detail or "no reason given"
                await step.retry_or_fail(f"Instagram could not process the media: {detail}")
            case ContainerStatus.PUBLISHED:
                await self._found_published(step, post, account)
        return False

    async def _publish(
        self, step: PublicationStep, post: Post, account: InstagramAccount, container_id: str
    ) -> None:
        publication = step.publication
        if not (step.untouched and publication.publish_requested_at is not None):
            # Saved, with the claim renewed, right before the call that makes the post
            # visible; a prepared publication's claim saved both a moment ago.
            publication.publish_requested(step.now())
            await step.keep()
        try:
            media_id = await self._gateway.publish_container(account, container_id)
        except PermanentPlatformError:
            # A refusal may mean an earlier, unanswered attempt already published it, or that
            # a container made ahead of time is no longer there to publish.
            state = await self._gateway.container_state(account, container_id)
            if state.status is ContainerStatus.EXPIRED:
                await _remake_container(step)
                return
            if state.status is not ContainerStatus.PUBLISHED:
                raise
            await self._found_published(step, post, account)
            return
        permalink = await self._permalink(account, media_id)
        publication.mark_published(media_id, permalink, step.now())
        await step.save()

    async def _found_published(
        self, step: PublicationStep, post: Post, account: InstagramAccount
    ) -> None:
        publication = step.publication
        since = (publication.publish_requested_at or publication.created_at) - RECONCILE_SLACK
        media = await self._gateway.find_recent_media(account, post.caption, since)
        publication.mark_published(
            media.media_id if media else None, media.permalink if media else None, step.now()
        )
        await step.save()

    async def _permalink(self, account: InstagramAccount, media_id: str) -> str | None:
        """Asked before the publication is saved as published, so that a published post
        always shows its address; a failure here costs only the address, never the post."""
        try:
            return await self._gateway.permalink(account, media_id)
        except (TransientPlatformError, PermanentPlatformError) as error:
            log.warning("published media %s, but its permalink is unknown: %s", media_id, error)
            return None


async def _remake_container(step: PublicationStep) -> None:
    """The container expired before it was published: a new one is made at once."""
    now = step.now()
    step.publication.container_lost(now=now)
    step.publication.retry_at(now, "The media container expired; making a new one.", now=now)
    await step.save()
