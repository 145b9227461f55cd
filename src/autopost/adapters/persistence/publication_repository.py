from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import attrs
from sqlalchemy import ColumnElement, Update, and_, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from autopost.adapters.persistence.conflicts import translated
from autopost.adapters.persistence.mappings import content_from_json
from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import (
    PUBLICATION_HAS_WORK,
    credentials,
    posts,
    publications,
)
from autopost.application.ports.publication_repository import (
    DispatchTicket,
    PublicationRow,
    QuotaPlaces,
)
from autopost.domain.calendar_grid import content_words
from autopost.domain.credential import Credential
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.platform import Platform
from autopost.domain.post_conflicts import NearbyPost, shown_in
from autopost.domain.publication import (
    PublicationStatus,
    ScheduledPublication,
)

_ACTIVE = (PublicationStatus.SCHEDULED, PublicationStatus.PROCESSING)
# On the account, or to be: what another post may crowd.
_ON_THE_ACCOUNT = (*_ACTIVE, PublicationStatus.PUBLISHED)
_columns = publications.c
# A post's columns that say what it shows (``shown_in``), for the crowding read.
_SHOWN_NAMES = ("platform", "url", "children", "caption", "description")
_SHOWN_COLUMNS = tuple(posts.c[name] for name in _SHOWN_NAMES)
# The publication's fields, each the column of its name; its own content (JSON in ``content``)
# is read with them and never changed by a step of work.
_FIELDS = tuple(
    field.name for field in attrs.fields(ScheduledPublication) if field.name != "own_content"
)
_WORK_COLUMNS = (*(_columns[name] for name in _FIELDS), _columns.content)
# The account's fields, each the column of its name.
_ACCOUNT_FIELDS = tuple(field.name for field in attrs.fields(Credential))
# A publication and its account, for a step of work: one statement made once, whose cache key
# SQLAlchemy works out once, not at each execution as for a statement built per call.
_FOR_WORK = (
    select(*(credentials.c[name] for name in _ACCOUNT_FIELDS), *_WORK_COLUMNS)
    .select_from(publications)
    .join(credentials, credentials.c.id == _columns.credential_id)
    .where(_columns.id == bindparam("work_id"))
)


# The crowding read: only the columns crowding compares, and no content built, since a burst
# puts hundreds of posts within a day of each other on one account and each new one reads them
# all; built once, so that each create only binds its values.
_NEARBY = (
    select(_columns.post_id, _columns.publish_at, _columns.content, *_SHOWN_COLUMNS)
    .join(posts, _columns.post_id == posts.c.id)
    .where(
        _columns.credential_id == bindparam("credential_id"),
        _columns.status.in_(_ON_THE_ACCOUNT),
        _columns.publish_at.between(bindparam("start"), bindparam("end")),
    )
    .order_by(_columns.publish_at, _columns.id)
)


class SqlaPublicationRepository(SessionRepository):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        # What ``for_work`` read, by publication id: ``save`` writes only what changed since.
        self._read_for_work: dict[int, dict[str, Any]] = {}

    async def add(self, publication: ScheduledPublication) -> None:
        await self._insert(publication, version=1)  # the mapper's version_id_col starts at 1

    async def get(self, publication_id: int) -> ScheduledPublication | None:
        return await self._get(ScheduledPublication, publication_id)

    async def for_work(self, publication_id: int) -> tuple[ScheduledPublication, Credential] | None:
        # The publishing path's own statements: the publication is read and written by Core,
        # without the ORM's tracking and flush, which cost more than the statements do; its
        # account is read by the same statement, and only attached to the session.
        connection = await self._session.connection()
        async with translated(self._session):
            result = await connection.execute(_FOR_WORK, {"work_id": publication_id})
        row = result.first()
        if row is None:
            return None
        values = tuple(row)
        account = values[: len(_ACCOUNT_FIELDS)]
        *fields, own_content = values[len(_ACCOUNT_FIELDS) :]
        read: dict[str, Any] = dict(zip(_FIELDS, fields, strict=True))
        self._read_for_work[publication_id] = read
        publication = ScheduledPublication(**read, own_content=content_from_json(own_content))
        credential = Credential(**dict(zip(_ACCOUNT_FIELDS, account, strict=True)))
        # Attached to the session: a change the step makes to it (``needs_reconnect``) is
        # saved with the step.
        return publication, self._attach(credential)

    async def save(self, publication: ScheduledPublication) -> None:
        assert publication.id is not None
        read = self._read_for_work.get(publication.id)
        if read is None or read["version"] != publication.version:
            raise ValueError("save() writes only a publication read by for_work() and not since")
        now = attrs.asdict(publication, recurse=False, filter=lambda a, _: a.name in read)
        changed = {name: value for name, value in now.items() if value != read[name]}
        version = publication.version
        # On the session's connection: a Core statement needs none of the ORM's execution.
        connection = await self._session.connection()
        async with translated(self._session):
            result = await connection.execute(
                _saving(frozenset(changed)),
                {**changed, "saved_id": publication.id, "read_version": version},
            )
        if result.rowcount != 1:
            del self._read_for_work[publication.id]
            raise ConcurrentUpdate(f"publication {publication.id} changed since it was read")
        publication.version = version + 1
        self._read_for_work[publication.id] = now | {"version": version + 1}

    async def record_addresses(self, addresses: Mapping[int, str], now: datetime) -> None:
        if not addresses:
            return
        connection = await self._session.connection()
        async with translated(self._session):
            await connection.execute(
                _ADDRESSING,
                [
                    {"addressed_id": publication_id, "address": link, "addressed_at": now}
                    for publication_id, link in addresses.items()
                ],
            )

    async def for_posts(self, post_ids: Sequence[int]) -> Sequence[ScheduledPublication]:
        if not post_ids:
            return []
        return await self._all(
            select(ScheduledPublication).where(_columns.post_id.in_(post_ids)).order_by(_columns.id)
        )

    async def needing_dispatch(
        self,
        now: datetime,
        horizon: datetime,
        overdue_before: datetime,
        limit: int,
        *,
        resend_all: bool = False,
    ) -> Sequence[DispatchTicket]:
        overdue: ColumnElement[bool] = _columns.next_run_at <= overdue_before
        if not resend_all:
            overdue = and_(
                overdue, or_(_columns.resend_after.is_(None), _columns.resend_after <= now)
            )
        waiting = or_(
            overdue,
            # At the end of its lease, with no pause: its worker stopped renewing it.
            and_(_columns.status == PublicationStatus.PROCESSING, _columns.next_run_at <= now),
        )
        result = await self._execute(
            select(
                _columns.id,
                _columns.version,
                _columns.next_run_at,
                func.coalesce(_columns.dispatched_version == _columns.version, False).label(
                    "sent_before"
                ),
            )
            .where(
                PUBLICATION_HAS_WORK,
                _columns.next_run_at <= horizon,
                or_(
                    _columns.dispatched_version.is_(None),
                    _columns.dispatched_version != _columns.version,
                    waiting,
                ),
            )
            .order_by(_columns.next_run_at, _columns.id)
            .limit(limit)
        )
        return [
            DispatchTicket(row.id, row.version, row.next_run_at, bool(row.sent_before))
            for row in result
        ]

    async def mark_dispatched(
        self, publication_id: int, version: int, resend_after: datetime | None = None
    ) -> None:
        # A Core UPDATE of columns the mapping leaves out: this is no change of the
        # publication (its version stays), only a note that a message for it is on its way.
        await self._execute(
            update(publications)
            .where(_columns.id == publication_id, _columns.version == version)
            .values(dispatched_version=version, resend_after=resend_after)
        )

    async def mark_owed(self, publication_id: int, version: int) -> None:
        await self._execute(
            update(publications)
            .where(_columns.id == publication_id, _columns.dispatched_version == version)
            .values(dispatched_version=None)
        )

    async def renew_leases(self, leases: Sequence[tuple[int, datetime]], until: datetime) -> None:
        # A Core UPDATE, as mark_dispatched: a lease kept is no change of the publication, and
        # the work that holds it goes on saving its steps against the version it read.
        await self._execute(
            update(publications)
            .where(
                _columns.id == bindparam("held_id"),
                _columns.next_run_at == bindparam("lease_end"),
                PUBLICATION_HAS_WORK,
            )
            .values(next_run_at=until),
            [{"held_id": held_id, "lease_end": lease_end} for held_id, lease_end in leases],
        )

    async def release_claims(self, leases: Sequence[tuple[int, datetime]], now: datetime) -> int:
        if not leases:
            return 0
        released = 0
        for held_id, lease_end in leases:
            result = await self._execute(
                update(publications)
                .where(
                    _columns.id == held_id,
                    _columns.next_run_at == lease_end,
                    PUBLICATION_HAS_WORK,
                    _columns.publish_requested_at.is_(None),
                    _columns.first_comment_requested_at.is_(None),
                )
                .values(next_run_at=now)
            )
            released += result.rowcount  # type: ignore[attr-defined]
        return released

    async def published_since(self, credential_id: int, since: datetime) -> Sequence[datetime]:
        result = await self._execute(
            select(_columns.published_at)
            .where(_columns.credential_id == credential_id, _columns.published_at >= since)
            .order_by(_columns.published_at)
        )
        return [published_at for (published_at,) in result]

    async def on_account_between(
        self, credential_id: int, start: datetime, end: datetime
    ) -> Sequence[NearbyPost]:
        async with translated(self._session):
            result = await self._session.execute(
                _NEARBY, {"credential_id": credential_id, "start": start, "end": end}
            )
        nearby = []
        for post_id, due, own, *shown in result:
            fields = own or dict(zip(_SHOWN_NAMES, shown, strict=True))
            media, caption = shown_in(Platform(fields["platform"]), fields)
            nearby.append(NearbyPost(post_id, due, media, caption))
        return nearby

    async def rows_between(
        self,
        start: datetime,
        end: datetime,
        *,
        credential_ids: Sequence[int] = (),
        platforms: Sequence[Platform] = (),
        statuses: Sequence[PublicationStatus] = (),
    ) -> Sequence[PublicationRow]:
        where: list[ColumnElement[bool]] = [_columns.publish_at >= start, _columns.publish_at < end]
        if credential_ids:
            where.append(_columns.credential_id.in_(credential_ids))
        if platforms:
            where.append(_columns.platform.in_(platforms))
        if statuses:
            where.append(_columns.status.in_(statuses))
        return await self._rows(where, (_columns.publish_at, _columns.id))

    async def latest_failed(self, limit: int) -> Sequence[PublicationRow]:
        where = [_columns.status == PublicationStatus.FAILED]
        return await self._rows(where, (_columns.updated_at.desc(), _columns.id.desc()), limit)

    async def _rows(
        self,
        where: Sequence[ColumnElement[bool]],
        order: Sequence[Any],
        limit: int | None = None,
    ) -> Sequence[PublicationRow]:
        """The publications that match, with what the calendar shows of their posts: one
        Core statement, no entity loaded (a month may hold thousands)."""
        query = (
            select(*_ROW_COLUMNS)
            .select_from(publications)
            .join(posts, posts.c.id == _columns.post_id)
            .where(*where)
            .order_by(*order)
        )
        if limit is not None:
            query = query.limit(limit)
        result = await self._execute(query)
        return [_row(row) for row in result]

    async def count_active_for_credential(self, credential_id: int) -> int:
        return await self._count_active(credential_id)

    async def posts_in_status(
        self, statuses: Sequence[PublicationStatus], owner_id: int | None, limit: int
    ) -> Sequence[int]:
        query = (
            select(_columns.post_id)
            .join(posts, _columns.post_id == posts.c.id)
            .where(_columns.status.in_(statuses))
            .group_by(_columns.post_id)
            .order_by(func.min(_columns.publish_at), _columns.post_id)
            .limit(limit)
        )
        if owner_id is not None:
            query = query.where(posts.c.owner_id == owner_id)
        return [post_id for (post_id,) in await self._execute(query)]

    async def lock_quota(self, credential_id: int) -> QuotaPlaces:
        # PostgreSQL: the account's row is the lock. FOR NO KEY UPDATE, so that adding a
        # publication for the account (whose foreign key takes FOR KEY SHARE) never waits
        # for it. SQLite renders no lock: every transaction there holds the database's one
        # write lock from its BEGIN IMMEDIATE on (``engine``), which serializes as much.
        await self._execute(
            select(credentials.c.id)
            .where(credentials.c.id == credential_id)
            .with_for_update(key_share=True)
        )
        sent = _columns.publish_requested_at.is_not(None)
        result = await self._execute(
            select(
                func.count().filter(~sent).label("unsent"),
                func.count().filter(sent).label("sent"),
            ).where(
                _columns.credential_id == credential_id,
                _columns.status.in_(_ACTIVE),
                _columns.quota_reserved.is_(True),
            )
        )
        row = result.one()
        return QuotaPlaces(unsent=int(row.unsent), sent=int(row.sent))

    async def _count_active(self, credential_id: int, *also: ColumnElement[bool]) -> int:
        result = await self._execute(
            select(func.count())
            .select_from(publications)
            .where(_columns.credential_id == credential_id, _columns.status.in_(_ACTIVE), *also)
        )
        return int(result.scalar_one())


# What the calendar lists of a publication and its post (``PublicationRow``).
_ROW_COLUMNS = (
    _columns.id,
    _columns.post_id,
    _columns.credential_id,
    _columns.platform,
    _columns.status,
    _columns.publish_at,
    _columns.updated_at,
    _columns.error,
    _columns.published_at,
    _columns.content,
    posts.c.owner_id,
    posts.c.platform.label("post_platform"),
    posts.c.caption,
    posts.c.title,
    posts.c.description,
)


def _row(row: Any) -> PublicationRow:
    # Its own content (another platform's, or edited for this account) where it has one,
    # else the post's: the content columns hold only the post's platform's fields.
    own = row.content
    if own is not None:
        words = content_words(
            row.platform, own.get("caption"), own.get("title"), own.get("description")
        )
    else:
        words = content_words(row.post_platform, row.caption, row.title, row.description)
    return PublicationRow(
        publication_id=row.id,
        post_id=row.post_id,
        credential_id=row.credential_id,
        platform=row.platform,
        status=row.status,
        publish_at=row.publish_at,
        updated_at=row.updated_at,
        error=row.error,
        owner_id=row.owner_id,
        text=words,
        published_at=row.published_at,
    )


# Published without an address yet: the domain's ``permalink_found`` for many at once.
_ADDRESSING = (
    update(publications)
    .where(
        _columns.id == bindparam("addressed_id"),
        _columns.status == PublicationStatus.PUBLISHED,
        _columns.permalink.is_(None),
    )
    .values(
        permalink=bindparam("address"),
        updated_at=bindparam("addressed_at"),
        version=_columns.version + 1,
    )
)


@functools.cache
def _saving(names: frozenset[str]) -> Update:
    """The UPDATE that writes ``names`` if the version read is still the stored one, and
    moves it on: made once for each set of fields a step changes."""
    return (
        update(publications)
        .where(_columns.id == bindparam("saved_id"), _columns.version == bindparam("read_version"))
        .values({**{name: bindparam(name) for name in names}, "version": _columns.version + 1})
    )
