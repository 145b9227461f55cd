"""An in-memory ``InsightsRepository``: writes are kept apart until the unit of work commits,
and dropped if it rolls back, as a database transaction would."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import attrs

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

if TYPE_CHECKING:
    from tests.fakes import InMemoryUnitOfWork

# Pinterest's metrics in the order of ``PINTEREST_TOTALS``.
PIN_METRICS = (PinMetric.IMPRESSION, PinMetric.SAVE, PinMetric.PIN_CLICK, PinMetric.OUTBOUND_CLICK)


class FakeInsights:
    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow
        self._pending: list[tuple[str, tuple[Any, date], Any]] = []

    @property
    def _kept(self) -> dict[str, dict[tuple[Any, date], Any]]:
        return self._uow.store.insights

    async def save_media(self, rows: Sequence[MediaInsights]) -> None:
        for row in rows:
            self._stage("media", (row.media_pk, row.day), row)

    async def save_account(self, row: AccountInsights) -> None:
        self._stage("accounts", (row.credential_id, row.day), row)

    async def save_pins(self, rows: Sequence[PinInsights]) -> None:
        for row in rows:
            self._stage("pins", (row.publication_id, row.day), row)

    async def last_days(self, credential_id: int) -> Mapping[int, date]:
        self._uow.begin()
        mine = {
            m.id for m in self._uow.store.rows["media"].values() if m.credential_id == credential_id
        }
        last: dict[int, date] = {}
        for media_pk, day in self._kept["media"]:
            if media_pk in mine and (media_pk not in last or day > last[media_pk]):
                last[media_pk] = day
        return last

    async def media_history(
        self, media_pk: int, since: date | None = None
    ) -> Sequence[MediaInsights]:
        return self._history("media", media_pk, since)

    async def latest_media(self, media_pks: Sequence[int]) -> Mapping[int, MediaInsights]:
        latest: dict[int, MediaInsights] = {}
        for media_pk in media_pks:
            history = self._history("media", media_pk, None)
            if history:
                latest[media_pk] = history[-1]
        return latest

    async def period_totals(
        self, start: datetime, end: datetime
    ) -> Mapping[int, Mapping[str, int]]:
        self._uow.begin()
        totals: dict[int, dict[str, int]] = {}
        shown = [m for m in self._uow.store.rows["media"].values() if start <= m.timestamp < end]
        latest = await self.latest_media([m.id for m in shown])
        for media in shown:
            if media.id in latest:
                found = totals.setdefault(media.credential_id, {})
                for name in INSTAGRAM_TOTALS:
                    value = latest[media.id].get(MediaMetric(name)) or 0
                    found[name] = found.get(name, 0) + value
        publications = self._uow.store.rows["publications"]
        for (publication_id, day), row in sorted(self._kept["pins"].items()):
            if not start.date() <= day < end.date():
                continue
            found = totals.setdefault(publications[publication_id].credential_id, {})
            for name, metric in zip(PINTEREST_TOTALS, PIN_METRICS, strict=True):
                found[name] = found.get(name, 0) + (row.values.get(metric) or 0)
        return totals

    async def reach_by_publication(
        self, credential_id: int, since: datetime
    ) -> Sequence[tuple[datetime, int]]:
        self._uow.begin()
        mine = [
            m
            for m in self._uow.store.rows["media"].values()
            if m.credential_id == credential_id and m.timestamp >= since
        ]
        latest = await self.latest_media([m.id for m in mine])
        found = [
            (m.timestamp, reach)
            for m in mine
            if m.id in latest and (reach := latest[m.id].get(MediaMetric.REACH)) is not None
        ]
        return sorted(found)

    async def account_history(
        self, credential_id: int, since: date | None = None
    ) -> Sequence[AccountInsights]:
        return self._history("accounts", credential_id, since)

    async def pin_history(
        self, publication_id: int, since: date | None = None
    ) -> Sequence[PinInsights]:
        return self._history("pins", publication_id, since)

    async def published_pins(self, credential_id: int, since: datetime) -> Sequence[PublishedPin]:
        self._uow.begin()
        found = [
            PublishedPin(p.id, p.remote_id, p.published_at)
            for p in self._uow.store.rows["publications"].values()
            if p.credential_id == credential_id
            and p.platform is Platform.PINTEREST
            and p.remote_id
            and p.published_at is not None
            and p.published_at >= since
        ]
        return sorted(found, key=lambda pin: pin.published_at)

    def discard(self) -> None:
        self._pending = []

    def _history(self, table: str, key: Any, since: date | None) -> list[Any]:
        self._uow.begin()
        rows = [
            attrs.evolve(row)
            for (owner, day), row in self._kept[table].items()
            if owner == key and (since is None or day >= since)
        ]
        return sorted(rows, key=lambda row: row.day)

    def _stage(self, table: str, key: tuple[Any, date], row: Any) -> None:
        self._uow.begin()
        if not self._pending:
            self._uow.before_commit(self._write)
        self._pending.append((table, key, attrs.evolve(row)))

    async def _write(self) -> None:
        for table, key, row in self._pending:
            self._kept[table][key] = row
        self._pending = []
