"""The Instagram steps: quota, container, wait for processing, publish, permalink.

All but the publishing call are done ahead of the due time when there is time
(``PublishingPolicy.prepare_ahead``): the publication then waits with its container ready,
and at its second only ``media_publish`` is left. Before that call the claim is renewed and
saved. If no outcome of it was seen (its answer was lost, or its worker died), the next step
asks the container's status before anything else: nothing in Meta's reference promises that
Instagram refuses to publish a container twice, so sending the call again could post it twice.
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
    OutcomeUnknown,
    PermanentPlatformError,
    PublishingLimitReached,
    TransientPlatformError,
)
from autopost.application.ports.secret_box import SecretBox
from autopost.application.publishing.instagram.container_request import container_request
from autopost.application.publishing.instagram.quota import QuotaGate, QuotaMemory, defer_for_quota
from autopost.application.publishing.publish import PublicationStep
from autopost.application.use_cases.instagram_accounts import as_account
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
            # After a request to publish whose outcome nobody saw, the container's status
            # says whether Instagram published it, before anything is sent again.
            must_ask = step.claim.publish_outcome_unknown or not publication.container_ready
            if must_ask and not await self._container_finished(step, post, account):
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
        if not _claim_saved_this_request(step):
            # Saved, with the claim renewed, right before the call that makes the post
            # visible; a prepared publication's claim saved both a moment ago.
            publication.publish_requested(step.now())
            await step.keep()
        try:
            media_id = await self._gateway.publish_container(account, container_id)
        except OutcomeUnknown as unknown:
            await _ask_later(step, unknown)
            return
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
        # Recorded the moment Instagram has it: the post is visible, and nothing may undo that.
        # Its address is asked afterwards, off the path of the post's second.
        publication.mark_published(media_id, None, step.now())
        await step.save()
        permalink = await self._permalink(account, media_id)
        if permalink is not None:
            publication.permalink_found(permalink, now=step.now())
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
        """Asked once the publication is saved as published; a failure here costs only the
        address, never the post."""
        try:
            return await self._gateway.permalink(account, media_id)
        except (TransientPlatformError, PermanentPlatformError) as error:
            log.warning("published media %s, but its permalink is unknown: %s", media_id, error)
            return None


def _claim_saved_this_request(step: PublicationStep) -> bool:
    """Whether the claim, saved a moment ago with a fresh lease, recorded this step's request
    to publish, and nothing happened since: no save, no earlier request to ask about first."""
    return (
        step.untouched
        and not step.claim.publish_outcome_unknown
        and step.publication.publish_requested_at is not None
    )


async def _ask_later(step: PublicationStep, unknown: OutcomeUnknown) -> None:
    """No answer to the request to publish: Instagram may still be at work on it. It is asked
    what became of the container (``PublicationStep.claim``) once that request would have
    ended there, not at the next backoff."""
    now = step.now()
    when = now + step.policy.publish_settle
    step.publication.retry_at(
        when,
        f"{unknown.message} Instagram is asked at {when.isoformat(timespec='seconds')} "
        "whether it published the post, before anything is sent again.",
        now=now,
    )
    await step.save()


async def _remake_container(step: PublicationStep) -> None:
    """The container expired before it was published: a new one is made at once."""
    now = step.now()
    step.publication.container_lost(now=now)
    step.publication.retry_at(now, "The media container expired; making a new one.", now=now)
    await step.save()
