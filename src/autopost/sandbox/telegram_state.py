"""What the Telegram Bot API emulator holds: its bot, the updates people sent it (as
``/_sandbox/telegram/messages`` injects them), and the messages the bot sent."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from autopost.sandbox.clock import Clock

TELEGRAM_BOT_ID = 7000000001
TELEGRAM_BOT_USERNAME = "autopost_sandbox_bot"
# A bot token is "<bot id>:<secret>", as @BotFather gives it.
TELEGRAM_BOT_TOKEN = f"{TELEGRAM_BOT_ID}:sandbox-telegram-bot-token"  # a well-known fake
# Telegram keeps an update for 24 hours when no one reads it.
UPDATE_LIMIT = 100


@dataclass
class TelegramSandbox:
    clock: Clock
    token: str = TELEGRAM_BOT_TOKEN
    updates: list[dict[str, Any]] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    # The chats that wrote to the bot: a bot may not write first to anyone else.
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_update_id: int = 100000001
    next_message_id: int = 1
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def reset(self) -> None:
        self.updates.clear()
        self.sent.clear()
        self.chats.clear()
        self.next_update_id = 100000001
        self.next_message_id = 1

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": TELEGRAM_BOT_ID,
            "is_bot": True,
            "first_name": "Autopost sandbox",
            "username": TELEGRAM_BOT_USERNAME,
        }

    def receive(self, chat_id: int, text: str, username: str, first_name: str) -> dict[str, Any]:
        """A private message from a person to the bot, as its update."""
        person: dict[str, Any] = {"id": chat_id, "is_bot": False, "first_name": first_name}
        if username:
            person["username"] = username
        chat = {k: v for k, v in person.items() if k != "is_bot"} | {"type": "private"}
        self.chats[chat_id] = chat
        message: dict[str, Any] = {
            "message_id": self._message_id(),
            "from": person,
            "chat": chat,
            "date": int(self.clock.now().timestamp()),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"offset": 0, "length": len(command), "type": "bot_command"}]
        update = {"update_id": self.next_update_id, "message": message}
        self.next_update_id += 1
        self.updates.append(update)
        self.arrived.set()
        return update

    def pending(self, offset: int | None, limit: int) -> list[dict[str, Any]]:
        """The updates from ``offset`` on; asking with an offset confirms (forgets) those
        before it. A negative offset: the last ``-offset`` updates, the rest forgotten."""
        if offset is not None and offset < 0:
            del self.updates[: max(len(self.updates) + offset, 0)]
        elif offset is not None:
            self.updates[:] = [u for u in self.updates if u["update_id"] >= offset]
        return self.updates[:limit]

    def send(self, chat_id: int, text: str, parse_mode: str | None) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": self._message_id(),
            "from": self.bot_user(),
            "chat": self.chats[chat_id],
            "date": int(self.clock.now().timestamp()),
            "text": text,
        }
        self.sent.append({**message, "parse_mode": parse_mode})
        return message

    def _message_id(self) -> int:
        self.next_message_id += 1
        return self.next_message_id - 1
