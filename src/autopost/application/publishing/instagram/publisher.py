"""The Instagram strategy: quota, container, wait for processing, publish.

All but the publishing call are done ahead of the due time when there is time
(``PublishingPolicy.prepare_ahead``): the publication then waits with its container ready,
and at its second only ``media_publish`` is left, right after ``Checkpoint.PUBLISHING``. If no
outcome of that call was seen (its answer was lost, or its worker died), the next step asks
the container's status before anything else: nothing in Meta's reference promises that
Instagram refuses to publish a container twice, so sending the call again could post it twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from attrs import evolve

from autopost.application.instagram.accounts import as_account
from autopost.application.library.links import MediaLinks
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
from autopost.application.publishing.instagram.container_request import container_request_for
from autopost.application.publishing.instagram.quota import QuotaGate, QuotaMemory, quota_spent
from autopost.application.publishing.instagram.video_upload import InstagramVideoUpload
from autopost.application.publishing.outcomes import (
    MadeReady,
    Outcome,
    PassingFailure,
    Published,
    RetryAt,
    WaitUntil,
)
from autopost.application.publishing.step import PublicationStep
from autopost.domain.credential import Credential
from autopost.domain.library import instagram_refusal
from autopost.domain.post import InstagramContent, Post

log = logging.getLogger(__name__)

RECONCILE_SLACK = timedelta(minutes=2)


class InstagramPublisher:
    def __init__(
        self,
        gateway: InstagramGateway,
        box: SecretBox,
        quotas: QuotaMemory,
        links: MediaLinks | None = None,
        videos: InstagramVideoUpload | None = None,
    ) -> None:
        """``links``: makes a post's library references signed addresses Instagram fetches
        (without it, a post's addresses are sent as they are). ``videos``: sends a library
        video by Instagram's resumable upload instead, where the account allows it."""
        self._gateway = gateway
        self._box = box
        self._quota = QuotaGate(gateway, quotas)
        self._links = links
        self._videos = videos

    async def advance(self, step: PublicationStep, credential: Credential) -> Outcome:
        account = as_account(credential, self._box)
        publication = step.publication
        try:
            # Asked also when a container exists: a publication deferred for the quota keeps
            # its container and gave its place back.
            if not publication.quota_reserved:
                no_place = await self._quota.take_place(step, account)
                if no_place is not None:
                    return no_place
            if publication.container_id is None:
                await self._make_container(step, await step.post(), account)
            # After a request to publish whose outcome nobody saw, the container's status
            # says whether Instagram published it, before anything is sent again.
            if step.claim.publish_outcome_unknown or not publication.container_ready:
                not_finished = await self._unless_finished(step, account)
                if not_finished is not None:
                    return not_finished
            if not publication.is_due(step.now()):
                return MadeReady()
            return await self._publish(step, account)
        except PublishingLimitReached:
            return await quota_spent(step, None)

    async def addresses(self, credential: Credential, remote_ids: Sequence[str]) -> dict[str, str]:
        """One read of the account's newest media for several; one alone, or one not found
        among the newest (published longer ago), is asked for by its id. A refusal costs the
        addresses not read yet, never the posts."""
        account = as_account(credential, self._box)
        found: dict[str, str] = {}
        try:
            if len(remote_ids) > 1:  # one alone is cheaper asked for by its id
                found.update(await self._gateway.permalinks(account, remote_ids))
            for remote_id in remote_ids:
                if remote_id not in found:
                    permalink = await self._gateway.permalink(account, remote_id)
                    if permalink is not None:
                        found[remote_id] = permalink
        except (TransientPlatformError, PermanentPlatformError) as error:
            missing = len(remote_ids) - len(found)
            log.warning("published %s media whose permalink is unknown: %s", missing, error)
        return found

    async def _make_container(
        self, step: PublicationStep, post: Post, account: InstagramAccount
    ) -> None:
        content = post.content_for(InstagramContent)
        video = None
        if self._videos is not None:
            video = await self._videos.video_to_send(account, content)
        if self._links is not None:
            content = await self._links.resolved(content, instagram_refusal)
        request = container_request_for(content)
        if video is not None and self._videos is not None:
            container_id = await self._videos.create_container(account, request, video)
            request = evolve(request, video_url=None, resumable=True)
        else:
            container_id = await self._gateway.create_container(account, request)
        # An image container is ready at once: at the due second it is published without
        # asking; ahead of time its status is asked all the same, so that a media Instagram
        # could not take is known, and made again, before the post's time. A video's
        # container is processed first.
        ready = step.publication.is_due(step.now()) and not request.has_video
        step.publication.container_created(container_id, ready=ready, now=step.now())
        # Known with what is published, so that it is saved with the post's own step: once
        # published, the comment is written after (``publishing/first_comment.py``).
        first_comment = post.content_for(InstagramContent).first_comment
        step.publication.plan_first_comment(first_comment is not None, now=step.now())

    async def _unless_finished(
        self, step: PublicationStep, account: InstagramAccount
    ) -> Outcome | None:
        """None when the container is ready to publish; otherwise how the step ends."""
        publication = step.publication
        assert publication.container_id is not None
        state = await self._gateway.container_state(account, publication.container_id)
        now = step.now()
        match state.status:
            case ContainerStatus.FINISHED:
                publication.container_finished(now=now)
                return None
            case ContainerStatus.IN_PROGRESS:
                return WaitUntil(now + step.policy.poll_interval)
            case ContainerStatus.EXPIRED:
                return _made_again(step)
            case ContainerStatus.ERROR:
                publication.container_lost(now=now)
                detail = state.detail or "no reason given"
                return PassingFailure(f"Instagram could not process the media: {detail}")
            case ContainerStatus.PUBLISHED:
                return await self._found_published(step, account)

    async def _publish(self, step: PublicationStep, account: InstagramAccount) -> Outcome:
        container_id = step.publication.container_id
        assert container_id is not None
        await step.checkpoint()
        try:
            media_id = await self._gateway.publish_container(account, container_id)
        except OutcomeUnknown as unknown:
            return _ask_later(step, unknown)
        except PermanentPlatformError:
            # A refusal may mean an earlier, unanswered attempt already published it, or that
            # a container made ahead of time is no longer there to publish.
            state = await self._gateway.container_state(account, container_id)
            if state.status is ContainerStatus.EXPIRED:
                return _made_again(step)
            if state.status is not ContainerStatus.PUBLISHED:
                raise
            return await self._found_published(step, account)
        # Saved the moment Instagram has it: the post is visible, and nothing may undo that.
        # Its address is asked once that is saved (``address``), off the path of its second.
        return Published(media_id)

    async def _found_published(self, step: PublicationStep, account: InstagramAccount) -> Published:
        publication = step.publication
        since = (publication.publish_requested_at or publication.created_at) - RECONCILE_SLACK
        caption = (await step.post()).content_for(InstagramContent).caption
        media = await self._gateway.find_recent_media(account, caption, since)
        if media is None:
            return Published(None)
        return Published(media.media_id, media.permalink)


def _ask_later(step: PublicationStep, unknown: OutcomeUnknown) -> RetryAt:
    """No answer to the request to publish: Instagram may still be at work on it. It is asked
    what became of the container (``PublicationStep.claim``) once that request would have
    ended there, not at the next backoff."""
    when = step.now() + step.policy.publish_settle
    return RetryAt(
        when,
        f"{unknown.message} Instagram is asked at {when.isoformat(timespec='seconds')} "
        "whether it published the post, before anything is sent again.",
    )


def _made_again(step: PublicationStep) -> RetryAt:
    """The container expired before it was published: a new one is made at once."""
    now = step.now()
    step.publication.container_lost(now=now)
    return RetryAt(now, "The media container expired; making a new one.")
