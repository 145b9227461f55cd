"""Where the insights time series is kept: a row per media (or pin) per day, a row per
account per day."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Protocol

from attrs import frozen

from autopost.domain.insights import AccountInsights, MediaInsights, PinInsights


@frozen
class PublishedPin:
    """A pin Autopost published, as collecting its analytics needs it."""

    publication_id: int
    pin_id: str
    published_at: datetime


# The numbers a report adds up, by platform.
INSTAGRAM_TOTALS = ("views", "reach", "likes", "comments", "shares", "saved")
PINTEREST_TOTALS = ("impressions", "saves", "pin_clicks", "outbound_clicks")


class InsightsRepository(Protocol):
    async def save_media(self, rows: Sequence[MediaInsights]) -> None:
        """Keep each media's day, in place of one already kept for that media and day (a
        second collection the same day has the newer numbers); in one round trip."""
        ...

    async def save_account(self, row: AccountInsights) -> None:
        """Likewise for an account's day."""
        ...

    async def save_pins(self, rows: Sequence[PinInsights]) -> None:
        """Likewise for a pin's days."""
        ...

    async def last_days(self, credential_id: int) -> Mapping[int, date]:
        """The last day kept of each of the account's media that has one, by media pk."""
        ...

    async def media_history(
        self, media_pk: int, since: date | None = None
    ) -> Sequence[MediaInsights]:
        """A media's days, oldest first."""
        ...

    async def latest_media(self, media_pks: Sequence[int]) -> Mapping[int, MediaInsights]:
        """The newest day kept of each of these media that has one."""
        ...

    async def period_totals(
        self, start: datetime, end: datetime
    ) -> Mapping[int, Mapping[str, int]]:
        """By account: the newest numbers of its Instagram media published from ``start`` to
        ``end`` added up (``INSTAGRAM_TOTALS``), and its pins' days in the period added up
        (``PINTEREST_TOTALS``)."""
        ...

    async def reach_by_publication(
        self, credential_id: int, since: datetime
    ) -> Sequence[tuple[datetime, int]]:
        """Each of the account's media published since then that has insights: when it was
        published, and its reach on the newest day kept."""
        ...

    async def account_history(
        self, credential_id: int, since: date | None = None
    ) -> Sequence[AccountInsights]:
        """An account's days, oldest first."""
        ...

    async def pin_history(
        self, publication_id: int, since: date | None = None
    ) -> Sequence[PinInsights]:
        """A pin's days, oldest first."""
        ...

    async def published_pins(self, credential_id: int, since: datetime) -> Sequence[PublishedPin]:
        """The account's pins published since then, oldest first."""
        ...
