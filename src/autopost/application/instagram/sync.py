"""Pulling an Instagram account's media into Autopost: every page on the first run, only
what is new or changed afterwards, and everything (finding deletions) when asked."""

from __future__ import annotations

from collections.abc import Callable

from attrs import frozen

from autopost.application.access import SYSTEM, Actor, authorize
from autopost.application.events import account_events, sync_events
from autopost.application.instagram.accounts import as_account, instagram_credential
from autopost.application.ports.clock import Clock
from autopost.application.ports.instagram_media_gateway import InstagramMediaGateway
from autopost.application.ports.platform_errors import CredentialRejected
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.platform import Platform

PAGE_SIZE = 100  # the most Graph gives in one page of media


@frozen
class SyncReport:
    credential_id: int
    full: bool
    pages: int
    seen: int
    new_or_changed: int
    deleted: int
    linked: int


class SyncInstagramMedia:
    def __init__(
        self, uow: UnitOfWork, gateway: InstagramMediaGateway, box: SecretBox, clock: Clock
    ) -> None:
        self._uow = uow
        self._gateway = gateway
        self._box = box
        self._clock = clock

    async def execute(
        self,
        actor: Actor,
        credential_id: int | None = None,
        full: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> SyncReport:
        """``progress`` is told how many media each page brought."""
        authorize(actor, Action.CHANGE, Resource.MEDIA)
        started = self._clock.now()
        async with self._uow as uow:
            credential = await instagram_credential(uow, credential_id)
            assert credential.id is not None
            account = as_account(credential, self._box)
            await uow.commit()  # no transaction stays open across a call to Instagram
            pages = seen = changed = 0
            after: str | None = None
            complete = False
            while True:
                try:
                    page = await self._gateway.media_page(account, after, PAGE_SIZE)
                except CredentialRejected as rejected:
                    credential.needs_reconnect(rejected.message)
                    await uow.events.add(account_events.needs_reconnect(credential, started))
                    await uow.commit()
                    raise
                fresh = await uow.media.upsert_page(
                    credential.id, page.items, started, touch_all=full
                )
                await uow.commit()
                pages, seen, changed = pages + 1, seen + len(page.items), changed + fresh
                if progress is not None:
                    progress(len(page.items))
                if page.after is None:
                    complete = True
                    break
                if not full and fresh == 0:
                    break  # nothing new on this page: the rest is known already
                after = page.after
            deleted = 0
            if full and complete:
                deleted = await uow.media.mark_unseen_deleted(credential.id, started)
            linked = await uow.media.link_published(credential.id)
            report = SyncReport(credential.id, full, pages, seen, changed, deleted, linked)
            counts = {
                "pages": pages,
                "seen": seen,
                "new_or_changed": changed,
                "deleted": deleted,
                "linked": linked,
            }
            done = sync_events.sync_completed(
                credential, counts | {"full": full}, self._clock.now()
            )
            await uow.events.add(done)
            await uow.commit()
            return report


class SyncAllInstagramAccounts:
    """The periodic job: an incremental sync of every connected Instagram account."""

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
