"""Notifications for real over loopback: the Bot API client and the SMTP sender against
``autopost sandbox`` served by uvicorn (its Telegram and its SMTP sink), over a migrated
SQLite database. A chat is linked with /start, a failed post reaches it and the owner's
mailbox, and the daily digest comes once a day."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from tests.fakes import FakeClock
from tests.loopback_server import served_on_loopback

from autopost.adapters.messaging.smtp_mail_sender import SmtpMailSender, SmtpSettings
from autopost.adapters.messaging.telegram_bot_api import HttpxTelegramBot
from autopost.adapters.persistence.engine import create_engine, session_factory
from autopost.adapters.persistence.notification_store import SqlaNotificationStore
from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork
from autopost.application.access import Actor
from autopost.application.notifications.channels import NotifyPeople
from autopost.application.notifications.delivery import DeliverNotification
from autopost.application.notifications.digest import SendDailyDigests
from autopost.application.notifications.telegram_link import (
    IssueTelegramCode,
    LinkTelegramChats,
)
from autopost.application.ports.channel_errors import ChannelRefused
from autopost.domain.notifications import NotificationChoices
from autopost.domain.telegram_link import TelegramChat
from autopost.domain.user import User
from autopost.sandbox import SandboxSettings, create_app
from autopost.sandbox.telegram_state import TELEGRAM_BOT_TOKEN

pytestmark = pytest.mark.integration

PUBLIC_URL = "https://autopost.example"
# 07:00 UTC is 10:00 in Moscow: past the digest's hour, 8.
MORNING = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)


class Queue:
    def __init__(self) -> None:
        self.waiting: list[tuple[int, datetime]] = []

    def enqueue(self, delivery_id: int, at: datetime) -> None:
        self.waiting.append((delivery_id, at))


class Site:
    def __init__(self, engine: AsyncEngine, sandbox_url: str, smtp_port: int) -> None:
        self.clock = FakeClock(MORNING)
        self.engine = engine
        self.sandbox = httpx.AsyncClient(base_url=sandbox_url)
        self.http = httpx.AsyncClient(timeout=5)
        self.store = SqlaNotificationStore(engine)
        self.queue = Queue()
        self.bot = HttpxTelegramBot(self.http, f"{sandbox_url}/telegram", TELEGRAM_BOT_TOKEN)
        self.mail = SmtpMailSender(
            SmtpSettings("127.0.0.1", smtp_port, sender="autopost@example.com", starttls=False)
        )
        self.deliver = DeliverNotification(self.store, self.bot, self.mail, self.queue, self.clock)

    async def send_all(self) -> None:
        """Run the messages whose time has come, as the broker would."""
        while due := [m for m in self.queue.waiting if m[1] <= self.clock.now()]:
            for message in due:
                self.queue.waiting.remove(message)
                await self.deliver.execute(message[0])

    async def sent_to(self, chat_id: int) -> list[str]:
        answer = await self.sandbox.get("/_sandbox/telegram/sent", params={"chat_id": chat_id})
        return [m["text"] for m in answer.json()["data"]]

    async def mailbox(self) -> list[dict[str, Any]]:
        data: list[dict[str, Any]] = (await self.sandbox.get("/_sandbox/mail/")).json()["data"]
        return data


@pytest.fixture
async def site(sqlite_template: Path, tmp_path: Path) -> AsyncIterator[Site]:
    path = tmp_path / "autopost.sqlite3"
    shutil.copyfile(sqlite_template, path)
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    app = create_app(SandboxSettings(smtp_port=0))
    try:
        async with served_on_loopback(app) as url:
            made = Site(engine, url, app.state.smtp_port)
            yield made
            await made.sandbox.aclose()
            await made.http.aclose()
    finally:
        await engine.dispose()


async def add_ann(site: Site) -> int:
    ann = User("ann", "ann@example.com", "hash", MORNING, time_zone="Europe/Moscow")
    async with SqlaUnitOfWork(session_factory(site.engine)) as uow:
        await uow.users.add(ann)
        await uow.commit()
    assert ann.id is not None
    return ann.id


async def test_a_linked_chat_and_the_mailbox_hear_of_a_failed_post_and_the_digest_comes_once(
    site: Site,
) -> None:
    ann = await add_ann(site)
    code, _ = await IssueTelegramCode(site.store, site.clock).execute(Actor(ann))
    await site.sandbox.post(
        "/_sandbox/telegram/messages",
        json={"chat_id": 777001, "username": "ann_tg", "text": f"/start {code}"},
    )
    link = LinkTelegramChats(site.store, site.bot, site.bot, site.clock, "en")
    assert await link.execute() == 1
    assert await link.execute() == 0  # the update was confirmed: not read again
    assert await site.store.telegram_username(ann) == "ann_tg"
    [confirmation] = await site.sent_to(777001)
    assert "@ann_tg" in confirmation

    notify = NotifyPeople(site.store, site.queue, site.clock, PUBLIC_URL)
    failed = {
        "post_id": 12,
        "platform": "pinterest",
        "reason": "Pinterest refused the pin: the board is gone.",
        "advice": "Choose another board.",
    }
    event = _Event("evt_1", "publication.failed", failed, ann)
    assert await notify.execute(event) == 2
    assert await notify.execute(event) == 0
    await site.send_all()
    telegram = (await site.sent_to(777001))[1]
    assert telegram.startswith("Post #12 was not published on Pinterest.")
    assert f"{PUBLIC_URL}/posts/12/" in telegram
    [mail] = await site.mailbox()
    assert mail["rcpt_tos"] == ["ann@example.com"]
    assert mail["from"] == "autopost@example.com"
    assert mail["subject"] == "Post #12 was not published on Pinterest."
    assert "Choose another board." in mail["text"]

    await site.store.save_choices(NotificationChoices(ann, daily_digest=True))
    digests = SendDailyDigests(site.store, site.queue, site.clock, PUBLIC_URL, hour=8)
    assert await digests.execute() == 1
    site.clock.advance(timedelta(hours=5))
    assert await digests.execute() == 0
    await site.send_all()
    assert [m["subject"] for m in await site.mailbox()][1:] == [
        "Autopost: 0 published, 0 failed in the last 24 hours"
    ]
    site.clock.advance(timedelta(hours=19))
    assert await digests.execute() == 1


async def test_telegram_down_puts_the_message_off_and_a_wrong_token_never_shows(
    site: Site,
) -> None:
    ann = await add_ann(site)
    await site.sandbox.post("/_sandbox/telegram/messages", json={"chat_id": 5, "text": "/start"})
    await site.store.link_chat(TelegramChat(ann, 5, "", MORNING))
    notify = NotifyPeople(site.store, site.queue, site.clock, PUBLIC_URL)
    await site.sandbox.put("/_sandbox/services/telegram", json={"down": True})
    await notify.execute(_Event("evt_1", "publication.failed", {"post_id": 3}, ann))
    await site.send_all()
    # The e-mail went; the Telegram message waits for its next try.
    assert len(site.queue.waiting) == 1
    assert len(await site.mailbox()) == 1
    assert await site.sent_to(5) == []
    await site.sandbox.put("/_sandbox/services/telegram", json={"down": False})
    site.clock.advance(timedelta(seconds=10))
    await site.send_all()
    [message] = await site.sent_to(5)
    assert message.startswith("Post #3 was not published")

    wrong = HttpxTelegramBot(site.http, str(site.sandbox.base_url) + "/telegram", "1:leaked")
    with pytest.raises(ChannelRefused) as refused:
        await wrong.send_message(5, "x")
    assert "leaked" not in str(refused.value)


class _Event:
    def __init__(self, id: str, type: str, data: dict[str, Any], owner_id: int) -> None:
        self.id, self.type, self.data, self.owner_id = id, type, data, owner_id
        self.occurred_at = MORNING
