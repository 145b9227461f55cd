"""The knobs of publishing, set from configuration."""

from __future__ import annotations

from datetime import timedelta

from attrs import field, frozen

from autopost.domain.backoff import Backoff
from autopost.domain.pinterest_rules import PinTemplate


@frozen
class PublishingPolicy:
    """``lease``: how long a worker may hold a publication between two saves before another
    worker may take it over; longer than the slowest platform call.
    ``horizon``: how far ahead work is handed to the broker, so that a message carries its own
    due time (to the second) while far-future posts stay only in the database.
    ``overdue_grace``: how late a publication may be before the sweep assumes its message was
    lost and sends another (a duplicate is harmless: it finds a newer version and does nothing).
    """

    lease: timedelta = timedelta(seconds=120)
    poll_interval: timedelta = timedelta(seconds=5)
    horizon: timedelta = timedelta(minutes=10)
    overdue_grace: timedelta = timedelta(seconds=60)
    quota_window: timedelta = timedelta(hours=24)
    sweep_batch: int = 1000
    backoff: Backoff = field(factory=Backoff)


@frozen
class PinterestPolicy:
    """``environment``: the Pinterest environment this installation talks to ("sandbox" or
    "production"); an account connected in the other one cannot be used here.
    ``refresh_margin``: access tokens are renewed this long before they expire."""

    environment: str = "production"
    boards_max_age: timedelta = timedelta(hours=1)
    pins_max_pages: int = 5
    refresh_margin: timedelta = timedelta(days=1)
    state_lifetime: timedelta = timedelta(minutes=10)
    scopes: tuple[str, ...] = ("boards:read", "pins:read", "pins:write", "user_accounts:read")
    template: PinTemplate = field(factory=PinTemplate)
