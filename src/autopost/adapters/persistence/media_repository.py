from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Select, case, literal, null, or_, select, tuple_, update

from autopost.adapters.persistence.media_rows import SYNCED_FIELDS, media_rows
from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import instagram_media, publications
from autopost.adapters.persistence.upsert import dialect_insert
from autopost.application.ports.instagram_media_gateway import RemoteMedia
from autopost.application.ports.media_repository import MediaCursor, MediaFilter
from autopost.domain.instagram_media import InstagramMedia, MediaOrigin

_columns = instagram_media.c


class SqlaMediaRepository(SessionRepository):
    """The sync writes with Core statements, which leave the media this session loaded as
    they were; ``get`` and ``page`` read the rows again and refresh them."""

    async def upsert_page(
        self, credential_id: int, items: Sequence[RemoteMedia], seen_at: datetime, touch_all: bool
    ) -> int:
        """One statement (per 1,000 media). A media changed when its fingerprint did or when
        it was marked deleted; ``synced_at`` is then ``seen_at``. The count is of media new
        or changed, with ``touch_all`` too. A media given twice counts once, the first wins."""
        rows = media_rows(credential_id, items, seen_at)
        if not rows:
            return 0
        insert = dialect_insert(self._session, instagram_media)
        new = insert.excluded
        # In ON CONFLICT's SET and WHERE, the table's columns are the stored row's values.
        changed = or_(_columns.fingerprint != new.fingerprint, _columns.deleted_at.is_not(None))
        statement = (
            insert.on_conflict_do_update(
                index_elements=[_columns.credential_id, _columns.media_id],
                set_={
                    **{name: new[name] for name in SYNCED_FIELDS},
                    "fingerprint": new.fingerprint,
                    "last_seen_at": new.last_seen_at,
                    "synced_at": case((changed, new.synced_at), else_=_columns.synced_at),
                    # NULL, not None: a bound parameter in SET would make SQLAlchemy send
                    # the rows one statement each instead of all in one.
                    "deleted_at": null(),
                },
                where=None if touch_all else changed,
            )
            # New and changed rows now have synced_at = seen_at; with touch_all the unchanged
            # ones come back too, with their older synced_at. (One that an earlier call with
            # this very seen_at changed also counts: it changed during this sync.)
            .returning(_columns.synced_at == seen_at)
        )
        # Given many rows and a RETURNING, SQLAlchemy sends them as one multi-row INSERT (its
        # "insertmanyvalues", 1,000 rows a statement), compiled once: .values(rows) would be
        # compiled anew each time, which costs more than the database's work.
        result = await self._execute(statement, rows)
        return sum(1 for was_changed in result.scalars() if was_changed)

    async def mark_unseen_deleted(self, credential_id: int, seen_before: datetime) -> int:
        """``deleted_at`` is ``seen_before``: the sync that started then did not find them."""
        result = cast(
            CursorResult[Any],
            await self._execute(
                update(instagram_media)
                .where(
                    _columns.credential_id == credential_id,
                    _columns.last_seen_at < seen_before,
                    _columns.deleted_at.is_(None),
                )
                .values(deleted_at=seen_before)
            ),
        )
        return result.rowcount

    async def link_published(self, credential_id: int) -> int:
        published = publications.c
        remote_ids = select(published.remote_id).where(
            published.credential_id == credential_id, published.remote_id.is_not(None)
        )
        # Correlated: the post of the publication that published this very media.
        post_id = (
            select(published.post_id)
            .where(
                published.credential_id == _columns.credential_id,
                published.remote_id == _columns.media_id,
            )
            .order_by(published.id)
            .limit(1)
            .scalar_subquery()
        )
        result = cast(
            CursorResult[Any],
            await self._execute(
                update(instagram_media)
                .where(
                    _columns.credential_id == credential_id,
                    _columns.post_id.is_(None),
                    # Looked up by the (credential_id, media_id) index, one per publication.
                    _columns.media_id.in_(remote_ids),
                )
                .values(post_id=post_id)
            ),
        )
        return result.rowcount

    async def get(self, media_pk: int) -> InstagramMedia | None:
        return await self._get(InstagramMedia, media_pk, fresh=True)

    async def page(
        self, filters: MediaFilter, after: MediaCursor | None, limit: int
    ) -> Sequence[InstagramMedia]:
        """``since`` is inclusive, ``until`` exclusive."""
        if limit < 1:
            raise ValueError(f"a page holds at least one media, not {limit}")
        return await self._all(_page_query(filters, after).limit(limit))


def _page_query(filters: MediaFilter, after: MediaCursor | None) -> Select[InstagramMedia]:
    query = (
        select(InstagramMedia)
        .order_by(_columns.timestamp.desc(), _columns.id.desc())
        .execution_options(populate_existing=True)
    )
    if filters.credential_id is not None:
        query = query.where(_columns.credential_id == filters.credential_id)
    if filters.media_type is not None:
        query = query.where(_columns.media_type == filters.media_type)
    if filters.since is not None:
        query = query.where(_columns.timestamp >= filters.since)
    if filters.until is not None:
        query = query.where(_columns.timestamp < filters.until)
    if filters.origin is MediaOrigin.PUBLISHED:
        query = query.where(_columns.post_id.is_not(None))
    elif filters.origin is MediaOrigin.SYNCED:
        query = query.where(_columns.post_id.is_(None))
    if not filters.include_deleted:
        query = query.where(_columns.deleted_at.is_(None))
    if after is not None:
        # A row value: both databases seek the (…, timestamp, id) index to the cursor, so a
        # deep page costs what the first one does. The OR spelling defeats SQLite's planner.
        query = query.where(
            tuple_(_columns.timestamp, _columns.id)
            < tuple_(
                literal(after.timestamp, _columns.timestamp.type),
                literal(after.media_pk, _columns.id.type),
            )
        )
    return query
