"""Linking a person's Telegram chat: a one-time code on their settings page, sent to the bot
as ``/start CODE``; the bot's updates are read by a worker's periodic job."""

from __future__ import annotations

import logging

from autopost.application.access import Actor
from autopost.application.notifications.wording import words
from autopost.application.ports.channel_errors import ChannelRefused, ChannelUnavailable
from autopost.application.ports.clock import Clock
from autopost.application.ports.notification_store import NotificationStore
from autopost.application.ports.telegram_sender import TelegramInbox, TelegramSender, TelegramUpdate
from autopost.domain.errors import PermissionDenied
from autopost.domain.telegram_link import (
    TelegramChat,
    TelegramLinkCode,
    code_digest,
    code_in,
    new_code,
    same_telegram_name,
    telegram_name,
)

log = logging.getLogger(__name__)


def _own_id(actor: Actor) -> int:
    if actor.user_id is None:
        raise PermissionDenied()
    return actor.user_id


class IssueTelegramCode:
    def __init__(self, store: NotificationStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def execute(self, actor: Actor) -> tuple[str, TelegramLinkCode]:
        """A new code for the acting person (their earlier ones stop working): the code, shown
        once, and what is kept of it."""
        code = new_code()
        kept = TelegramLinkCode.issued(_own_id(actor), code, self._clock.now())
        await self._store.add_code(kept)
        return code, kept


class UnlinkTelegram:
    def __init__(self, store: NotificationStore) -> None:
        self._store = store

    async def execute(self, actor: Actor) -> None:
        await self._store.unlink_chat(_own_id(actor))


class LinkTelegramChats:
    """Reads what people sent the bot and links the chats whose ``/start`` carries a usable
    code. The bot answers each ``/start``."""

    def __init__(
        self,
        store: NotificationStore,
        inbox: TelegramInbox,
        bot: TelegramSender,
        clock: Clock,
        default_language: str,
    ) -> None:
        """``default_language``: the bot's answer to someone it cannot tell who they are."""
        self._store = store
        self._inbox = inbox
        self._bot = bot
        self._clock = clock
        self._default_language = default_language

    async def execute(self) -> int:
        """How many chats were linked. Raises ``ChannelUnavailable`` when Telegram is down."""
        linked = 0
        for update in await self._inbox.updates(await self._store.telegram_offset()):
            if not await self._store.take_update(update.update_id):
                continue
            if await self._answer(update):
                linked += 1
        return linked

    async def _answer(self, update: TelegramUpdate) -> bool:
        if not update.text.strip().startswith("/start"):
            return False
        code = code_in(update.text)
        user_id = None
        if code is not None:
            user_id = await self._store.use_code(code_digest(code), self._clock.now())
        if user_id is None:
            said = words(self._default_language)
            await self._say(update.chat_id, said["code_unknown" if code else "hello"])
            return False
        await self._store.link_chat(
            TelegramChat(user_id, update.chat_id, update.username, self._clock.now())
        )
        await self._keep_username(user_id, update.username)
        choices = await self._store.choices(user_id)
        language = choices.language if choices else self._default_language
        shown = f"@{update.username}" if update.username else str(update.chat_id)
        await self._say(update.chat_id, words(language)["linked"].format(username=shown))
        return True

    async def _keep_username(self, user_id: int, username: str) -> None:
        # The chat is proven the person's (only they saw the code): the profile's Telegram
        # username follows it. A Telegram account without a username changes nothing.
        if not username:
            return
        stored = await self._store.telegram_username(user_id)
        if not same_telegram_name(stored, username):
            await self._store.set_telegram_username(user_id, telegram_name(username))

    async def _say(self, chat_id: int, text: str) -> None:
        try:
            await self._bot.send_message(chat_id, text)
        except (ChannelUnavailable, ChannelRefused) as failed:
            # The link stands; the answer is only a courtesy.
            log.warning("the bot's answer to a /start was not sent: %s", failed)
