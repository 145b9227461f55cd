"""Collecting an Instagram account's insights: its followers and when they are online, and
the metrics of each of its media that is due (``insights_due``), kept as today's row.

Instagram fails in passing: each call is tried again after a pause (``RetryingReads``), and
what was collected is kept batch by batch, so a run that gives up part way keeps what it had
and the next run asks only about what is still due.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.events import account_events
from autopost.application.instagram.accounts import as_account, instagram_credential
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.instagram_insights_gateway import InstagramInsightsGateway
from autopost.application.ports.media_repository import MediaCursor, MediaFilter
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
    TransientPlatformError,
)
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.retrying import Patience, RetryingReads
from autopost.domain.access import Action, Resource
from autopost.domain.insights import (
    AccountInsights,
    MediaInsights,
    hours_from,
    insights_due,
    metrics_for,
)

log = logging.getLogger(__name__)

# Media whose numbers are kept in one transaction: a run that stops loses at most these.
BATCH = 50
_READ_PAGE = 1000


@frozen
class _Due:
    """What asking about a media needs, and no more: an account's due media are held at once,
    and a hundred thousand of these are a few megabytes."""

    pk: int
    media_id: str
    media_type: str
    product_type: str | None


@frozen
class InsightsReport:
    """What one run did for an account. ``media`` were asked about; ``kept`` gave numbers;
    ``skipped`` were refused (gone from Instagram, or never to have insights); ``stopped``
    says why the run ended before every due media was asked about."""

    credential_id: int
    due: int
    media: int
    kept: int
    skipped: int
    followers_count: int | None
    retries: int = 0
    stopped: str | None = None

    @property
    def finished(self) -> bool:
        return self.stopped is None


class CollectInstagramInsights:
    """``patience``: how long each call is tried again while Instagram fails in passing."""

    def __init__(
        self,
        uow: UnitOfWork,
        gateway: InstagramInsightsGateway,
        box: SecretBox,
        clock: Clock,
        patience: Patience,
    ) -> None:
        self._uow = uow
        self._gateway = gateway
        self._box = box
        self._clock = clock
        self._patience = patience

    async def execute(
        self,
        actor: Actor,
        credential_id: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> InsightsReport:
        """``progress`` is told how many media each batch asked about."""
        authorize(actor, Action.CHANGE, Resource.MEDIA)
        now = self._clock.now()
        today = now.date()
        reads = self._patience.reads()
        async with self._uow as uow:
            credential = await instagram_credential(uow, credential_id)
            assert credential.id is not None
            account = as_account(credential, self._box)
            due = await self._due_media(credential.id, today)
            await uow.commit()  # no transaction stays open across a call to Instagram
        try:
            return await self._collect(reads, credential.id, account, due, today, progress)
        except CredentialRejected as rejected:
            async with self._uow as uow:
                stored = await instagram_credential(uow, credential.id)
                stored.needs_reconnect(rejected.message)
                await uow.events.add(account_events.needs_reconnect(stored, now))
                await uow.commit()
            raise

    async def _collect(
        self,
        reads: RetryingReads,
        credential_id: int,
        account: InstagramAccount,
        due: list[_Due],
        today: date,
        progress: Callable[[int], None] | None,
    ) -> InsightsReport:
        asked = kept = skipped = 0
        followers: int | None = None
        try:
            followers = await self._account(reads, credential_id, account, today)
            for start in range(0, len(due), BATCH):
                rows: list[MediaInsights] = []
                batch = due[start : start + BATCH]
                try:
                    for media in batch:
                        asked += 1
                        row = await self._media(reads, account, media, today)
                        if row is None:
                            skipped += 1
                        elif row.values:
                            rows.append(row)
                finally:
                    # What the batch brought is kept, even when a later media stopped the run.
                    if rows:
                        async with self._uow as uow:
                            await uow.insights.save_media(rows)
                            await uow.commit()
                        kept += len(rows)
                if progress is not None:
                    progress(len(batch))
        except CredentialRejected:
            raise
        except TransientPlatformError as failed:
            log.warning(
                "collecting the insights of account %s stopped after %d media, to go on "
                "next time: %s",
                credential_id,
                asked,
                failed.message,
            )
            return InsightsReport(
                credential_id, len(due), asked, kept, skipped, followers, reads.retried,
                stopped=failed.message,
            )  # fmt: skip
        return InsightsReport(
            credential_id, len(due), asked, kept, skipped, followers, reads.retried
        )

    async def _account(
        self, reads: RetryingReads, credential_id: int, account: InstagramAccount, today: date
    ) -> int | None:
        """Today's row of the account, and its follower count; a refusal of these loses
        them alone, not the media's numbers."""
        try:
            numbers = await reads.read(
                "an Instagram account's followers", lambda: self._gateway.account_numbers(account)
            )
        except CredentialRejected:
            raise
        except PermanentPlatformError as refused:
            log.info("no followers for account %s: %s", credential_id, refused.message)
            return None
        async with self._uow as uow:
            await uow.insights.save_account(
                AccountInsights(
                    credential_id,
                    today,
                    self._clock.now(),
                    numbers.followers_count,
                    hours_from(numbers.online_followers),
                )
            )
            await uow.commit()
        return numbers.followers_count

    async def _media(
        self, reads: RetryingReads, account: InstagramAccount, media: _Due, today: date
    ) -> MediaInsights | None:
        """Today's row of a media; None when Instagram refused to say anything of it."""
        metrics = metrics_for(media.media_type, media.product_type)
        try:
            values = await reads.read(
                "a media's insights",
                lambda: self._gateway.media_insights(account, media.media_id, metrics),
            )
        except CredentialRejected:
            raise
        except PermanentPlatformError as refused:
            log.info("no insights for media %s: %s", media.media_id, refused.message)
            return None
        return MediaInsights(media.pk, today, self._clock.now(), dict(values))

    async def _due_media(self, credential_id: int, today: date) -> list[_Due]:
        """The account's media (not deleted) whose insights are due today, newest first."""
        uow = self._uow
        last = await uow.insights.last_days(credential_id)
        due: list[_Due] = []
        after: MediaCursor | None = None
        filters = MediaFilter(credential_id=credential_id)
        while True:
            page = await uow.media.page(filters, after, _READ_PAGE)
            for media in page:
                assert media.id is not None
                product = media.media_product_type
                if insights_due(media.timestamp, product, last.get(media.id), today):
                    due.append(_Due(media.id, media.media_id, media.media_type, product))
            if len(page) < _READ_PAGE:
                return due
            tail = page[-1]
            assert tail.id is not None
            after = MediaCursor(tail.timestamp, tail.id)
