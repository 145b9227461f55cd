"""Where the bot writes to people, and reads what they wrote to it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from attrs import frozen


@frozen
class TelegramUpdate:
    """A message someone sent the bot: its update id, the chat, who sent it and its text."""

    update_id: int
    chat_id: int
    username: str
    text: str


class TelegramSender(Protocol):
    async def send_message(self, chat_id: int, text: str) -> None:
        """Send ``text`` (plain text) to the chat. Raises ``ChannelUnavailable`` when the Bot
        API could not take it now, ``ChannelRefused`` when it never will."""
        ...


class TelegramInbox(Protocol):
    async def updates(self, offset: int) -> Sequence[TelegramUpdate]:
        """The messages sent to the bot whose update id is ``offset`` or later (asking with an
        offset confirms those before it to Telegram), oldest first; updates that are not a
        text message are left out. Raises ``ChannelUnavailable``."""
        ...
