"""In-memory notification store, channels and dispatcher, recording what happened."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from attrs import evolve

from autopost.application.ports.channel_errors import ChannelRefused, ChannelUnavailable
from autopost.application.ports.notification_store import Recipient
from autopost.application.ports.telegram_sender import TelegramUpdate
from autopost.domain.digest import DigestItem
from autopost.domain.notification_delivery import DeliveryStatus, NotificationDelivery
from autopost.domain.notifications import NotificationChoices
from autopost.domain.telegram_link import TelegramChat, TelegramLinkCode


@dataclass
class Person:
    user_id: int
    email: str = ""
    is_admin: bool = False
    time_zone: str = "UTC"
    telegram_username: str = ""
    is_active: bool = True


@dataclass
class FakeNotificationStore:
    people: dict[int, Person] = field(default_factory=dict)
    saved_choices: dict[int, NotificationChoices] = field(default_factory=dict)
    chats: dict[int, TelegramChat] = field(default_factory=dict)
    codes: dict[str, TelegramLinkCode] = field(default_factory=dict)
    offset: int = 0
    deliveries: dict[int, NotificationDelivery] = field(default_factory=dict)
    broken_accounts: set[int] = field(default_factory=set)
    last_digest: dict[int, date] = field(default_factory=dict)
    items: list[tuple[int, DigestItem]] = field(default_factory=list)

    def add_person(self, person: Person) -> Person:
        self.people[person.user_id] = person
        return person

    def _recipient(self, person: Person) -> Recipient:
        chat = self.chats.get(person.user_id)
        return Recipient(
            user_id=person.user_id,
            email=person.email,
            is_admin=person.is_admin,
            time_zone=person.time_zone,
            chat_id=chat.chat_id if chat else None,
            choices=self.saved_choices.get(person.user_id),
        )

    async def choices(self, user_id: int) -> NotificationChoices | None:
        return self.saved_choices.get(user_id)

    async def save_choices(self, choices: NotificationChoices) -> None:
        self.saved_choices[choices.user_id] = choices

    async def recipients(self, owner_id: int | None) -> Sequence[Recipient]:
        def concerned(person: Person) -> bool:
            choices = self.saved_choices.get(person.user_id)
            return person.user_id == owner_id or bool(choices and choices.every_account)

        people = sorted(self.people.values(), key=lambda p: p.user_id)
        return [self._recipient(p) for p in people if p.is_active and concerned(p)]

    async def add_code(self, code: TelegramLinkCode) -> None:
        for kept in self.codes.values():
            if kept.user_id == code.user_id and kept.used_at is None:
                kept.used_at = code.created_at
        self.codes[code.digest] = evolve(code)

    async def use_code(self, digest: str, now: datetime) -> int | None:
        code = self.codes.get(digest)
        if code is None or not code.usable(now):
            return None
        code.used_at = now
        return code.user_id

    async def link_chat(self, chat: TelegramChat) -> None:
        self.chats[chat.user_id] = chat

    async def chat(self, user_id: int) -> TelegramChat | None:
        return self.chats.get(user_id)

    async def unlink_chat(self, user_id: int) -> None:
        self.chats.pop(user_id, None)

    async def telegram_username(self, user_id: int) -> str:
        return self.people[user_id].telegram_username

    async def set_telegram_username(self, user_id: int, username: str) -> None:
        self.people[user_id].telegram_username = username

    async def telegram_offset(self) -> int:
        return self.offset

    async def take_update(self, update_id: int) -> bool:
        if update_id < self.offset:
            return False
        self.offset = update_id + 1
        return True

    async def add_delivery(self, delivery: NotificationDelivery) -> int | None:
        key = (delivery.user_id, delivery.channel, delivery.dedupe_key)
        if any((d.user_id, d.channel, d.dedupe_key) == key for d in self.deliveries.values()):
            return None
        delivery.id = len(self.deliveries) + 1
        self.deliveries[delivery.id] = evolve(delivery)
        return delivery.id

    async def claim_delivery(
        self, delivery_id: int, now: datetime, until: datetime
    ) -> NotificationDelivery | None:
        kept = self.deliveries.get(delivery_id)
        if kept is None or kept.status is not DeliveryStatus.PENDING or kept.next_attempt_at > now:
            return None
        kept.next_attempt_at = until
        return evolve(kept)

    async def save_delivery(self, delivery: NotificationDelivery) -> None:
        assert delivery.id is not None
        self.deliveries[delivery.id] = evolve(delivery)

    async def stuck_deliveries(self, due_before: datetime) -> Sequence[NotificationDelivery]:
        return [
            evolve(d)
            for d in self.deliveries.values()
            if d.status is DeliveryStatus.PENDING and d.next_attempt_at < due_before
        ]

    async def release_resolved_reconnects(self) -> int:
        released = 0
        for delivery in self.deliveries.values():
            if (
                delivery.dedupe_key.startswith("account.needs_reconnect:")
                and delivery.credential_id not in self.broken_accounts
            ):
                delivery.dedupe_key = delivery.event_id
                released += 1
        return released

    async def digest_recipients(self) -> Sequence[tuple[Recipient, date | None]]:
        return [
            (self._recipient(p), self.last_digest.get(p.user_id))
            for p in self.people.values()
            if p.user_id in self.saved_choices and self.saved_choices[p.user_id].daily_digest
        ]

    async def claim_digest_day(self, user_id: int, day: date) -> bool:
        last = self.last_digest.get(user_id)
        if last is not None and last >= day:
            return False
        self.last_digest[user_id] = day
        return True

    async def digest_items(
        self, owner_id: int | None, since: datetime, until: datetime
    ) -> Sequence[DigestItem]:
        return [
            item
            for owner, item in self.items
            if (owner_id is None or owner == owner_id) and since <= item.at < until
        ]


@dataclass
class FakeDispatcher:
    queued: list[tuple[int, datetime]] = field(default_factory=list)

    def enqueue(self, delivery_id: int, at: datetime) -> None:
        self.queued.append((delivery_id, at))

    def take(self) -> list[tuple[int, datetime]]:
        taken, self.queued = self.queued, []
        return taken


@dataclass
class FakeTelegram:
    """The bot: what it sent, by chat; what people wrote to it; whether Telegram is down."""

    sent: list[tuple[int, str]] = field(default_factory=list)
    inbox: list[TelegramUpdate] = field(default_factory=list)
    down: bool = False
    blocked_by: set[int] = field(default_factory=set)
    # Every update, whatever the offset: what a worker gets that read the offset just before
    # another worker took those updates.
    stale_reads: bool = False

    async def send_message(self, chat_id: int, text: str) -> None:
        if self.down:
            raise ChannelUnavailable("Telegram could not take sendMessage: HTTP 502")
        if chat_id in self.blocked_by:
            raise ChannelRefused("Telegram refused sendMessage: Forbidden: bot was blocked")
        self.sent.append((chat_id, text))

    async def updates(self, offset: int) -> Sequence[TelegramUpdate]:
        if self.down:
            raise ChannelUnavailable("Telegram did not answer (ConnectError)")
        return [u for u in self.inbox if self.stale_reads or u.update_id >= offset]

    def to(self, chat_id: int) -> list[str]:
        return [text for chat, text in self.sent if chat == chat_id]


@dataclass
class FakeMail:
    sent: list[Mapping[str, Any]] = field(default_factory=list)
    down: bool = False

    async def send(self, to: str, subject: str, text: str) -> None:
        if self.down:
            raise ChannelUnavailable(
                "the SMTP server could not be reached (ConnectionRefusedError)"
            )
        self.sent.append({"to": to, "subject": subject, "text": text})
