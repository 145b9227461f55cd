"""The notification use cases wired over in-memory fakes, and a broker that runs each
delivery's message when the clock reaches it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import field, frozen

from autopost.application.notifications.channels import NotifyPeople
from autopost.application.notifications.delivery import (
    DeliverNotification,
    KeepNotificationsMoving,
)
from autopost.application.notifications.digest import SendDailyDigests
from autopost.application.notifications.telegram_link import (
    IssueTelegramCode,
    LinkTelegramChats,
)
from tests.fake_notifications import (
    FakeDispatcher,
    FakeMail,
    FakeNotificationStore,
    FakeTelegram,
)
from tests.fakes import FakeClock

PUBLIC_URL = "https://autopost.example"
NOON = datetime.fromisoformat("2026-12-01T12:00:00+00:00")


@frozen
class Event:
    """An event as the outbox hands it over."""

    id: str
    type: str
    data: dict[str, Any] = field(factory=dict)
    owner_id: int | None = None
    occurred_at: datetime = NOON


class NotificationsWorld:
    def __init__(self) -> None:
        self.clock = FakeClock(NOON)
        self.store = FakeNotificationStore()
        self.dispatcher = FakeDispatcher()
        self.telegram = FakeTelegram()
        self.mail = FakeMail()
        self.notify = NotifyPeople(self.store, self.dispatcher, self.clock, PUBLIC_URL)
        self.deliver = DeliverNotification(
            self.store, self.telegram, self.mail, self.dispatcher, self.clock
        )
        self.upkeep = KeepNotificationsMoving(self.store, self.dispatcher, self.clock)
        self.link = LinkTelegramChats(self.store, self.telegram, self.telegram, self.clock, "en")
        self.issue_code = IssueTelegramCode(self.store, self.clock)
        self.digests = SendDailyDigests(self.store, self.dispatcher, self.clock, PUBLIC_URL, 8)
        self._waiting: list[tuple[int, datetime]] = []

    async def run_due(self) -> int:
        """Run every delivery message whose time has come (and those they send on)."""
        ran = 0
        while True:
            self._waiting += self.dispatcher.take()
            due = [m for m in self._waiting if m[1] <= self.clock.now()]
            if not due:
                return ran
            self._waiting = [m for m in self._waiting if m not in due]
            for delivery_id, _ in due:
                await self.deliver.execute(delivery_id)
                ran += 1

    @property
    def waiting(self) -> list[tuple[int, datetime]]:
        self._waiting += self.dispatcher.take()
        return list(self._waiting)
