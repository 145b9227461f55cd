"""Pulling an Instagram account's media into Autopost: every page on the first run, only
what is new or changed afterwards, and everything (finding deletions) when asked.

Instagram fails in passing (5xx answers, rate limits): each page is tried again after a
pause, and each page's media are kept, with the cursor of the next page, as they arrive. A
run that stops part way (the platform failing past the retry policy, the process killed)
leaves that cursor behind, and the next run goes on from it instead of starting again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from attrs import frozen

from autopost.application.access import SYSTEM, Actor, authorize
from autopost.application.events import account_events, sync_events
from autopost.application.instagram.accounts import as_account, instagram_credential
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_gateway import InstagramAccount
from autopost.application.ports.instagram_media_gateway import InstagramMediaGateway, MediaPage
from autopost.application.ports.platform_errors import (
    CredentialRejected,
    PermanentPlatformError,
    TransientPlatformError,
)
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.sync_progress_repository import SyncProgress
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.retrying import Patience, RetryingReads
from autopost.domain.access import Action, Resource
from autopost.domain.credential import Credential
from autopost.domain.events import Event
from autopost.domain.platform import Platform
from autopost.domain.retry_policy import RetryPolicy

log = logging.getLogger(__name__)

PAGE_SIZE = 100  # the most Graph gives in one page of media


@frozen
class SyncReport:
    """What one run did. ``finished``: the pass is over; otherwise ``stopped`` says why it
    stopped part way, and the next sync goes on from there. ``resumed``: this run went on
    from where an earlier one stopped."""

    credential_id: int
    full: bool
    pages: int
    seen: int
    new_or_changed: int
    deleted: int
    linked: int
    finished: bool = True
    resumed: bool = False
    retries: int = 0
    stopped: str | None = None


@frozen
class _Pass:
    after: str | None
    full: bool
    started_at: datetime
    resumed: bool
    # Every page, even past one with nothing new: a full pass, or one that lost its place.
    to_the_end: bool = False


class SyncInstagramMedia:
    """``patience``: how long each page is tried again while Instagram fails in passing."""

    def __init__(
        self,
        uow: UnitOfWork,
        gateway: InstagramMediaGateway,
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
        full: bool = False,
        progress: Callable[[int], None] | None = None,
        policy: RetryPolicy | None = None,
    ) -> SyncReport:
        """``progress`` is told how many media each page brought. ``policy``, when given,
        replaces the use case's own (a person waiting on the answer has less patience)."""
        authorize(actor, Action.CHANGE, Resource.MEDIA)
        now = self._clock.now()
        reads = self._patience.reads(policy)
        async with self._uow as uow:
            credential = await instagram_credential(uow, credential_id)
            assert credential.id is not None
            account = as_account(credential, self._box)
            sync = await self._pass(uow, credential.id, full, now)
            await uow.commit()  # no transaction stays open across a call to Instagram
            pages = seen = changed = 0
            after = sync.after
            complete = False
            stopped: str | None = None
            while True:
                try:
                    page = await self._page(reads, account, after)
                except CredentialRejected as rejected:
                    credential.needs_reconnect(rejected.message)
                    await uow.events.add(account_events.needs_reconnect(credential, now))
                    await uow.commit()
                    raise
                except PermanentPlatformError:
                    if not (sync.resumed and after == sync.after):
                        raise
                    # Instagram no longer knows the stored cursor: the pass starts again, and
                    # reads on to the end to reach the older media it had not reached yet.
                    log.warning("the stored sync cursor was refused; syncing from the start")
                    await uow.sync_progress.forget(credential.id)
                    await uow.commit()
                    sync = _Pass(None, sync.full, now, resumed=False, to_the_end=True)
                    after = None
                    continue
                except TransientPlatformError as failed:
                    stopped = failed.message
                    break
                seen_at = sync.started_at if sync.full else now
                fresh = await uow.media.upsert_page(
                    credential.id, page.items, seen_at, touch_all=sync.full
                )
                pages, seen, changed = pages + 1, seen + len(page.items), changed + fresh
                # Nothing new on this page: the rest is known already.
                go_on = page.after is not None and (sync.full or sync.to_the_end or fresh > 0)
                if go_on:
                    assert page.after is not None
                    await uow.sync_progress.save(
                        SyncProgress(credential.id, page.after, sync.full, sync.started_at)
                    )
                else:
                    await uow.sync_progress.forget(credential.id)
                await uow.commit()  # the page's media and where to go on, together
                if progress is not None:
                    progress(len(page.items))
                if not go_on:
                    complete = page.after is None
                    break
                after = page.after
            deleted = 0
            if sync.full and complete:
                deleted = await uow.media.mark_unseen_deleted(credential.id, sync.started_at)
            linked = await uow.media.link_published(credential.id)
            report = SyncReport(
                credential.id,
                sync.full,
                pages,
                seen,
                changed,
                deleted,
                linked,
                finished=stopped is None,
                resumed=sync.resumed,
                retries=reads.retried,
                stopped=stopped,
            )
            if stopped is None:
                await uow.events.add(_completed(credential, report, self._clock.now()))
            else:
                log.warning(
                    "the Instagram sync of account %s stopped after %d page(s), to go on "
                    "next time: %s",
                    credential.id,
                    pages,
                    stopped,
                )
            await uow.commit()
            return report

    async def _pass(self, uow: UnitOfWork, credential_id: int, full: bool, now: datetime) -> _Pass:
        """The pass an earlier run left part way, or a new one. A full sync asked for over an
        incremental pass starts a full one; any other request goes on with the stored pass (a
        full pass covers what an incremental one would)."""
        stored = await uow.sync_progress.get(credential_id)
        if stored is not None and (stored.full or not full):
            return _Pass(stored.after, stored.full, stored.started_at, resumed=True)
        return _Pass(None, full, now, resumed=False)

    async def _page(
        self, reads: RetryingReads, account: InstagramAccount, after: str | None
    ) -> MediaPage:
        return await reads.read(
            "a page of Instagram media",
            lambda: self._gateway.media_page(account, after, PAGE_SIZE),
        )


def _completed(credential: Credential, report: SyncReport, now: datetime) -> Event:
    counts = {
        "pages": report.pages,
        "seen": report.seen,
        "new_or_changed": report.new_or_changed,
        "deleted": report.deleted,
        "linked": report.linked,
    }
    return sync_events.sync_completed(credential, counts | {"full": report.full}, now)


class SyncAllInstagramAccounts:
    """The periodic job: an incremental sync of every connected Instagram account, which goes
    on with any pass an earlier run left part way (a full one included)."""

    def __init__(self, uow: UnitOfWork, sync: Callable[[], SyncInstagramMedia]) -> None:
        self._uow = uow
        self._sync = sync

    async def execute(self) -> list[SyncReport]:
        async with self._uow as uow:
            ids = [
                c.id
                for c in await uow.credentials.list()
                if c.platform is Platform.INSTAGRAM
                and c.status.value == "active"
                and c.id is not None
            ]
        return [await self._sync().execute(SYSTEM, credential_id) for credential_id in ids]
