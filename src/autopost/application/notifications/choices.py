"""Reading and changing one's own notification choices, and what the settings page shows."""

from __future__ import annotations

from attrs import frozen

from autopost.application.access import Actor
from autopost.application.ports.notification_store import NotificationStore
from autopost.domain.errors import PermissionDenied
from autopost.domain.notifications import NotificationChoices
from autopost.domain.telegram_link import TelegramChat


@frozen
class NotificationSettings:
    """What the settings page shows: the choices, the linked chat, the bot and whether each
    channel is set up on this server, and whether "every account" is the person's to choose."""

    choices: NotificationChoices
    chat: TelegramChat | None
    bot_name: str
    telegram_ready: bool
    email_ready: bool
    may_choose_every_account: bool


@frozen
class ChoicesChange:
    telegram_events: frozenset[str]
    email_events: frozenset[str]
    daily_digest: bool
    every_account: bool
    language: str


def _own_id(actor: Actor) -> int:
    if actor.user_id is None:
        raise PermissionDenied()
    return actor.user_id


class GetNotificationSettings:
    def __init__(
        self, store: NotificationStore, bot_name: str, telegram_ready: bool, email_ready: bool
    ) -> None:
        self._store = store
        self._bot_name = bot_name
        self._telegram_ready = telegram_ready
        self._email_ready = email_ready

    async def execute(self, actor: Actor, language: str) -> NotificationSettings:
        """``language``: the pages' language, the messages' until the person chooses one."""
        user_id = _own_id(actor)
        choices = await self._store.choices(user_id)
        return NotificationSettings(
            choices=choices or NotificationChoices(user_id, language=language),
            chat=await self._store.chat(user_id),
            bot_name=self._bot_name,
            telegram_ready=self._telegram_ready,
            email_ready=self._email_ready,
            may_choose_every_account=actor.is_admin,
        )


class SaveNotificationChoices:
    def __init__(self, store: NotificationStore) -> None:
        self._store = store

    async def execute(self, actor: Actor, change: ChoicesChange) -> NotificationChoices:
        """Raises ``UnknownEvent`` for an event the catalogue lacks. "Every account" is kept
        only for an Administrator."""
        choices = NotificationChoices(
            _own_id(actor),
            telegram_events=change.telegram_events,
            email_events=change.email_events,
            daily_digest=change.daily_digest,
            every_account=change.every_account and actor.is_admin,
            language=change.language,
        )
        await self._store.save_choices(choices)
        return choices
