"""Where people's notification choices, linked Telegram chats, link codes, deliveries and
digests are kept. Each method is its own short transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from attrs import frozen

from autopost.domain.digest import DigestItem
from autopost.domain.notification_delivery import NotificationDelivery
from autopost.domain.notifications import NotificationChoices
from autopost.domain.telegram_link import TelegramChat, TelegramLinkCode


@frozen
class Recipient:
    """A person who may be told of something: their address on each channel (empty, None:
    none), whether they are an Administrator, and their choices (None: never saved)."""

    user_id: int
    email: str
    is_admin: bool
    time_zone: str
    chat_id: int | None
    choices: NotificationChoices | None


class NotificationStore(Protocol):
    async def choices(self, user_id: int) -> NotificationChoices | None:
        """The person's saved choices; None when they never saved any."""
        ...

    async def save_choices(self, choices: NotificationChoices) -> None: ...

    async def recipients(self, owner_id: int | None) -> Sequence[Recipient]:
        """The active people who may be told of an event about ``owner_id``'s post or account:
        that person, and everyone who chose every account."""
        ...

    async def add_code(self, code: TelegramLinkCode) -> None:
        """Keep a new link code; the person's earlier codes stop working."""
        ...

    async def use_code(self, digest: str, now: datetime) -> int | None:
        """Spend the code with this digest if it is usable now, and say whose it was; None when
        it is unknown, used or expired. Two callers never both spend one code."""
        ...

    async def link_chat(self, chat: TelegramChat) -> None:
        """The person's chat from now on (it replaces the one linked before)."""
        ...

    async def chat(self, user_id: int) -> TelegramChat | None: ...

    async def unlink_chat(self, user_id: int) -> None: ...

    async def telegram_username(self, user_id: int) -> str:
        """The Telegram username the person's profile holds ("" when none)."""
        ...

    async def set_telegram_username(self, user_id: int, username: str) -> None: ...

    async def telegram_offset(self) -> int:
        """The update id the bot's next read starts at (0 at first)."""
        ...

    async def take_update(self, update_id: int) -> bool:
        """Take the update to answer it: the next read starts after it. False when it was
        taken already (another worker read it too): then it is left to that one."""
        ...

    async def add_delivery(self, delivery: NotificationDelivery) -> int | None:
        """Keep a new delivery and give its id; None, and nothing kept, when one with the same
        person, channel and ``dedupe_key`` is kept already."""
        ...

    async def claim_delivery(
        self, delivery_id: int, now: datetime, until: datetime
    ) -> NotificationDelivery | None:
        """The pending delivery whose try is due now, taken until ``until`` (another worker
        given the same message finds it taken); None when it is sent, given up, not due or
        taken."""
        ...

    async def save_delivery(self, delivery: NotificationDelivery) -> None: ...

    async def stuck_deliveries(self, due_before: datetime) -> Sequence[NotificationDelivery]:
        """Pending deliveries whose try was due before then: their message was lost."""
        ...

    async def release_resolved_reconnects(self) -> int:
        """Let the accounts that were connected again (or removed) be told of again when they
        next need reconnecting: their deliveries' keys become their events' own."""
        ...

    async def digest_recipients(self) -> Sequence[tuple[Recipient, date | None]]:
        """The people who chose the daily digest, each with the day of the last one sent."""
        ...

    async def claim_digest_day(self, user_id: int, day: date) -> bool:
        """Record that the person's digest for ``day`` is sent, unless one for that day (or a
        later one) is recorded already: False then."""
        ...

    async def digest_items(
        self, owner_id: int | None, since: datetime, until: datetime
    ) -> Sequence[DigestItem]:
        """What was published and what failed between then, of ``owner_id``'s posts (None:
        everyone's), oldest first."""
        ...
