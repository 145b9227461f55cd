"""The knobs of publishing, set from configuration."""

from __future__ import annotations

from datetime import timedelta

from attrs import field, frozen

from autopost.domain.backoff import Backoff
from autopost.domain.credential import PinterestEnvironment
from autopost.domain.pinterest_rules import PinTemplate
from autopost.domain.platform import Platform


@frozen
class PublishingPolicy:
    """``lease``: how long a worker may hold a publication between two saves before another
    worker may take it over; longer than the slowest platform call.
    ``horizon``: how far ahead work is handed to the broker, so that a message carries its own
    due time (to the second) while far-future posts stay only in the database.
    ``overdue_grace``: how late a publication may be before the sweep assumes its message was
    lost and sends another (a duplicate is harmless: it finds a newer version and does nothing).
    ``prepare_ahead``: how long before its due time work on a publication starts, on the
    platforms where everything before the call that makes a post visible can be done ahead
    (Instagram: the quota check, the media container and, for a video, its processing), so
    that at the due second only that call is left. Shorter than ``horizon``.
    ``publish_settle``: how long after a request to publish that got no answer Instagram is
    asked whether it published: a request still under way there leaves the container
    ``FINISHED``, and publishing it then would publish it twice.
    ``backoff``: the pauses between tries after a passing failure, and the window of time past
    a post's time within which they go on.
    ``rate_limit_wait``: how long a call refused by a rate limit waits when the platform does
    not say; a minute, the length of Pinterest's per-category windows.
    ``address_gather``: how long, at most, the first published post of an account whose
    address is still to be asked waits for the account's other posts at work in the same
    process, to ask for all of their addresses at once.
    """

    lease: timedelta = timedelta(seconds=120)
    prepare_ahead: timedelta = timedelta(minutes=5)
    poll_interval: timedelta = timedelta(seconds=5)
    horizon: timedelta = timedelta(minutes=10)
    overdue_grace: timedelta = timedelta(seconds=60)
    publish_settle: timedelta = timedelta(seconds=60)
    quota_window: timedelta = timedelta(hours=24)
    sweep_batch: int = 1000
    backoff: Backoff = field(factory=Backoff)
    rate_limit_wait: timedelta = timedelta(minutes=1)
    address_gather: timedelta = timedelta(seconds=2)

    def __attrs_post_init__(self) -> None:
        if not timedelta(0) <= self.prepare_ahead < self.horizon:
            raise ValueError(
                "preparing ahead must take less time than the dispatch horizon "
                f"({self.prepare_ahead} is not in [0, {self.horizon}))"
            )

    def lead(self, platform: Platform) -> timedelta:
        """How far ahead of its due time a publication on ``platform`` starts."""
        return self.prepare_ahead if platform in PREPARED_AHEAD else timedelta(0)


@frozen
class PostingPolicy:
    """``conflict_window``: a post scheduled or moved within this long of another post on the
    same account is answered with a warning (``near_another_post``); zero gives no such
    warning. It is a warning only: the post is scheduled all the same.
    ``approval_required``: Contributors' posts wait for a reviewer on every account (see
    ``domain.approval``), not only on the accounts that ask for it."""

    conflict_window: timedelta = timedelta(minutes=10)
    approval_required: bool = False


# A pin cannot be made without being published, so a Pinterest publication starts on time.
PREPARED_AHEAD = frozenset({Platform.INSTAGRAM})


@frozen
class PinterestPolicy:
    """``environment``: the Pinterest environment this installation talks to ("sandbox" or
    "production"); an account connected in the other one cannot be used here.
    ``refresh_margin``: access tokens are renewed this long before they expire."""

    environment: PinterestEnvironment = field(
        default=PinterestEnvironment.PRODUCTION, converter=PinterestEnvironment
    )
    boards_max_age: timedelta = timedelta(hours=1)
    pins_max_pages: int = 5
    refresh_margin: timedelta = timedelta(days=1)
    state_lifetime: timedelta = timedelta(minutes=10)
    scopes: tuple[str, ...] = ("boards:read", "pins:read", "pins:write", "user_accounts:read")
    template: PinTemplate = field(factory=PinTemplate)
