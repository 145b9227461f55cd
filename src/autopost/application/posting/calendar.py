"""What the calendar and the dashboard strip above it show: every publication of every post
due in a span of time (one entry per account a post goes to), and what needs a person now —
posts due in the next 24 hours, failed publications, accounts to reconnect, and each
Instagram account's publishing quota used today."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.ports.clock import Clock
from autopost.application.ports.publication_repository import PublicationRow
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.platform import Platform
from autopost.domain.publication import ACTIVE, PublicationStatus
from autopost.domain.slots import PUBLISHING_QUOTAS

EXCERPT_WORDS = 8
DUE_SOON = timedelta(hours=24)
# The failed publications the strip lists, the last to fail first.
FAILED_SHOWN = 20


@frozen
class CalendarFilter:
    """Only these accounts and platforms; none named: all of them."""

    credential_ids: tuple[int, ...] = ()
    platforms: tuple[Platform, ...] = ()


@frozen
class CalendarEntry:
    """One publication as the calendar shows it."""

    row: PublicationRow
    account: Credential
    account_name: str
    excerpt: str
    # The person may move it (their role allows changing the post, and it can still change).
    movable: bool
    # The person may retry it (it failed and their role allows changing the post).
    retryable: bool

    @property
    def publication_id(self) -> int:
        return self.row.publication_id

    @property
    def post_id(self) -> int:
        return self.row.post_id

    @property
    def credential_id(self) -> int:
        return self.row.credential_id

    @property
    def due_at(self) -> datetime:
        return self.row.publish_at

    @property
    def status(self) -> PublicationStatus:
        return self.row.status

    @property
    def platform(self) -> Platform:
        return self.row.platform

    @property
    def error(self) -> str | None:
        return self.row.error


@frozen
class CalendarView:
    entries: tuple[CalendarEntry, ...]
    # Every connected account, for the filter.
    accounts: tuple[Credential, ...]


@frozen
class QuotaUse:
    account: Credential
    used: int
    limit: int


@frozen
class DeskStrip:
    due_soon: tuple[CalendarEntry, ...]
    failed: tuple[CalendarEntry, ...]
    to_reconnect: tuple[Credential, ...]
    quotas: tuple[QuotaUse, ...]
    # The person may reconnect accounts (their role manages accounts).
    may_reconnect: bool


def account_name(account: Credential) -> str:
    return account.username or account.account_id


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first words of ``text`` (what the account publishes: ``PublicationRow.text``)."""
    split = text.split(maxsplit=words)
    if len(split) > words:
        return " ".join(split[:words]) + "…"
    return " ".join(split)


def entries(
    actor: Actor, rows: Sequence[PublicationRow], accounts: Sequence[Credential]
) -> tuple[CalendarEntry, ...]:
    """The rows as entries, each with its account (a row whose account is gone is left out)
    and what ``actor`` may do with it."""
    by_id = {account.id: (account, account_name(account)) for account in accounts}
    found = []
    for row in rows:
        known = by_id.get(row.credential_id)
        if known is None:
            continue
        account, name = known
        may_change = actor.may(Action.CHANGE, Resource.POST, row.owner_id)
        found.append(
            CalendarEntry(
                row=row,
                account=account,
                account_name=name,
                excerpt=excerpt(row.text),
                movable=may_change and row.can_change,
                retryable=may_change and row.status is PublicationStatus.FAILED,
            )
        )
    return tuple(found)


class ReadCalendar:
    """The publications due from ``start`` to ``end``, filtered; with every account."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(
        self,
        actor: Actor,
        start: datetime,
        end: datetime,
        only: CalendarFilter = CalendarFilter(),
    ) -> CalendarView:
        authorize(actor, Action.VIEW, Resource.POST)
        async with self._uow as uow:
            rows = await uow.publications.rows_between(
                start, end, credential_ids=only.credential_ids, platforms=only.platforms
            )
            accounts = await uow.credentials.list()
        return CalendarView(
            entries(actor, rows, accounts),
            tuple(sorted(accounts, key=lambda a: (a.platform, account_name(a).lower()))),
        )


class ReadDeskStrip:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor) -> DeskStrip:
        authorize(actor, Action.VIEW, Resource.POST)
        now = self._clock.now()
        async with self._uow as uow:
            due = await uow.publications.rows_between(now, now + DUE_SOON, statuses=list(ACTIVE))
            failed = await uow.publications.latest_failed(FAILED_SHOWN)
            accounts = await uow.credentials.list()
            quotas = []
            for account in accounts:
                quota = PUBLISHING_QUOTAS.get(account.platform)
                if quota is None or account.id is None:
                    continue
                published = await uow.publications.published_since(account.id, now - quota.window)
                quotas.append(QuotaUse(account, len(published), quota.posts))
        return DeskStrip(
            due_soon=entries(actor, due, accounts),
            failed=entries(actor, failed, accounts),
            to_reconnect=tuple(a for a in accounts if a.status is CredentialStatus.NEEDS_RECONNECT),
            quotas=tuple(quotas),
            may_reconnect=actor.may(Action.CHANGE, Resource.CREDENTIAL),
        )
