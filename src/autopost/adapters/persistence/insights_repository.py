"""``InsightsRepository`` over the ``media_insights``, ``account_insights`` and
``pin_insights`` tables, with Core statements: rows are written by upsert, many in one
statement, and read as the domain's values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.engine import RowMapping

from autopost.adapters.persistence.session_repository import SessionRepository
from autopost.adapters.persistence.tables import (
    account_insights,
    instagram_media,
    media_insights,
    pin_insights,
    publications,
)
from autopost.adapters.persistence.upsert import dialect_insert
from autopost.application.ports.insights_repository import (
    INSTAGRAM_TOTALS,
    PINTEREST_TOTALS,
    PublishedPin,
)
from autopost.domain.insights import (
    AccountInsights,
    MediaInsights,
    MediaMetric,
    PinInsights,
    PinMetric,
)
from autopost.domain.platform import Platform

# Each metric's column.
MEDIA_COLUMNS: dict[MediaMetric, str] = {
    MediaMetric.VIEWS: "views",
    MediaMetric.REACH: "reach",
    MediaMetric.LIKES: "likes",
    MediaMetric.COMMENTS: "comments",
    MediaMetric.SHARES: "shares",
    MediaMetric.SAVED: "saved",
    MediaMetric.TOTAL_INTERACTIONS: "total_interactions",
    MediaMetric.REELS_AVG_WATCH_TIME: "reels_avg_watch_time_ms",
    MediaMetric.REELS_TOTAL_WATCH_TIME: "reels_watch_time_ms",
}
PIN_COLUMNS: dict[PinMetric, str] = {
    PinMetric.IMPRESSION: "impressions",
    PinMetric.SAVE: "saves",
    PinMetric.PIN_CLICK: "pin_clicks",
    PinMetric.OUTBOUND_CLICK: "outbound_clicks",
}


class SqlaInsightsRepository(SessionRepository):
    async def save_media(self, rows: Sequence[MediaInsights]) -> None:
        values = [
            {
                "media_pk": row.media_pk,
                "day": row.day,
                "collected_at": row.collected_at,
                **{column: row.values.get(metric) for metric, column in MEDIA_COLUMNS.items()},
            }
            for row in rows
        ]
        await self._upsert(media_insights, ("media_pk", "day"), values)

    async def save_account(self, row: AccountInsights) -> None:
        values = {
            "credential_id": row.credential_id,
            "day": row.day,
            "collected_at": row.collected_at,
            "followers_count": row.followers_count,
            "online_followers": list(row.online_followers) or None,
        }
        await self._upsert(account_insights, ("credential_id", "day"), [values])

    async def save_pins(self, rows: Sequence[PinInsights]) -> None:
        values = [
            {
                "publication_id": row.publication_id,
                "day": row.day,
                "collected_at": row.collected_at,
                **{column: row.values.get(metric) for metric, column in PIN_COLUMNS.items()},
            }
            for row in rows
        ]
        await self._upsert(pin_insights, ("publication_id", "day"), values)

    async def last_days(self, credential_id: int) -> Mapping[int, date]:
        kept = media_insights.c
        query = (
            select(kept.media_pk, func.max(kept.day).label("day"))
            .join(instagram_media, instagram_media.c.id == kept.media_pk)
            .where(instagram_media.c.credential_id == credential_id)
            .group_by(kept.media_pk)
        )
        rows = (await self._execute(query)).mappings()
        return {row["media_pk"]: row["day"] for row in rows}

    async def media_history(
        self, media_pk: int, since: date | None = None
    ) -> Sequence[MediaInsights]:
        kept = media_insights.c
        query = select(media_insights).where(kept.media_pk == media_pk)
        if since is not None:
            query = query.where(kept.day >= since)
        rows = (await self._execute(query.order_by(kept.day))).mappings()
        return [_media(row) for row in rows]

    async def latest_media(self, media_pks: Sequence[int]) -> Mapping[int, MediaInsights]:
        if not media_pks:
            return {}
        kept = media_insights.c
        newest = (
            select(kept.media_pk, func.max(kept.day).label("day"))
            .where(kept.media_pk.in_(media_pks))
            .group_by(kept.media_pk)
            .subquery()
        )
        query = select(media_insights).join(
            newest, (newest.c.media_pk == kept.media_pk) & (newest.c.day == kept.day)
        )
        return {row["media_pk"]: _media(row) for row in (await self._execute(query)).mappings()}

    async def period_totals(
        self, start: datetime, end: datetime
    ) -> Mapping[int, Mapping[str, int]]:
        kept, media, pins = media_insights.c, instagram_media.c, pin_insights.c
        newest = (
            select(kept.media_pk, func.max(kept.day).label("day"))
            .join(instagram_media, media.id == kept.media_pk)
            .where(media.timestamp >= start, media.timestamp < end)
            .group_by(kept.media_pk)
            .subquery()
        )
        instagram = (
            select(media.credential_id, *(func.sum(kept[n]).label(n) for n in INSTAGRAM_TOTALS))
            .select_from(media_insights)
            .join(newest, (newest.c.media_pk == kept.media_pk) & (newest.c.day == kept.day))
            .join(instagram_media, media.id == kept.media_pk)
            .group_by(media.credential_id)
        )
        pinned = publications.c
        pinterest = (
            select(pinned.credential_id, *(func.sum(pins[n]).label(n) for n in PINTEREST_TOTALS))
            .select_from(pin_insights)
            .join(publications, pinned.id == pins.publication_id)
            .where(pins.day >= start.date(), pins.day < end.date())
            .group_by(pinned.credential_id)
        )
        totals: dict[int, dict[str, int]] = {}
        for query, names in ((instagram, INSTAGRAM_TOTALS), (pinterest, PINTEREST_TOTALS)):
            for row in (await self._execute(query)).mappings():
                found = totals.setdefault(row["credential_id"], {})
                found.update({n: int(row[n] or 0) for n in names})
        return totals

    async def reach_by_publication(
        self, credential_id: int, since: datetime
    ) -> Sequence[tuple[datetime, int]]:
        kept, media = media_insights.c, instagram_media.c
        newest = (
            select(kept.media_pk, func.max(kept.day).label("day"))
            .join(instagram_media, media.id == kept.media_pk)
            .where(media.credential_id == credential_id, media.timestamp >= since)
            .group_by(kept.media_pk)
            .subquery()
        )
        query = (
            select(media.timestamp, kept.reach)
            .select_from(media_insights)
            .join(newest, (newest.c.media_pk == kept.media_pk) & (newest.c.day == kept.day))
            .join(instagram_media, media.id == kept.media_pk)
            .where(kept.reach.is_not(None))
            .order_by(media.timestamp)
        )
        rows = (await self._execute(query)).all()
        return [(row.timestamp, int(row.reach)) for row in rows]

    async def account_history(
        self, credential_id: int, since: date | None = None
    ) -> Sequence[AccountInsights]:
        kept = account_insights.c
        query = select(account_insights).where(kept.credential_id == credential_id)
        if since is not None:
            query = query.where(kept.day >= since)
        rows = (await self._execute(query.order_by(kept.day))).mappings()
        return [
            AccountInsights(
                row["credential_id"],
                row["day"],
                row["collected_at"],
                row["followers_count"],
                tuple(row["online_followers"] or ()),
            )
            for row in rows
        ]

    async def pin_history(
        self, publication_id: int, since: date | None = None
    ) -> Sequence[PinInsights]:
        kept = pin_insights.c
        query = select(pin_insights).where(kept.publication_id == publication_id)
        if since is not None:
            query = query.where(kept.day >= since)
        rows = (await self._execute(query.order_by(kept.day))).mappings()
        return [
            PinInsights(
                row["publication_id"],
                row["day"],
                row["collected_at"],
                _present(row, PIN_COLUMNS),
            )
            for row in rows
        ]

    async def published_pins(self, credential_id: int, since: datetime) -> Sequence[PublishedPin]:
        published = publications.c
        query = (
            select(published.id, published.remote_id, published.published_at)
            .where(
                published.credential_id == credential_id,
                published.platform == Platform.PINTEREST,
                published.remote_id.is_not(None),
                published.published_at >= since,
            )
            .order_by(published.published_at, published.id)
        )
        rows = (await self._execute(query)).mappings()
        return [PublishedPin(row["id"], row["remote_id"], row["published_at"]) for row in rows]

    async def _upsert(
        self, table: Table, key: tuple[str, ...], rows: Sequence[dict[str, Any]]
    ) -> None:
        if not rows:
            return
        insert = dialect_insert(self._session, table)
        kept = {column.name for column in table.columns} - set(key)
        statement = insert.on_conflict_do_update(
            index_elements=[table.c[name] for name in key],
            set_={name: insert.excluded[name] for name in kept},
        )
        # Many rows: one executemany of the compiled statement.
        await self._execute(statement, list(rows))


def _present(row: RowMapping, columns: Mapping[Any, str]) -> dict[Any, int]:
    return {metric: row[column] for metric, column in columns.items() if row[column] is not None}


def _media(row: RowMapping) -> MediaInsights:
    return MediaInsights(
        row["media_pk"], row["day"], row["collected_at"], _present(row, MEDIA_COLUMNS)
    )
