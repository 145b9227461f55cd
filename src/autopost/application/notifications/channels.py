"""``NotifyPeople``: who is told of an event, on which channel, and in which words. The
outbox's fan-out hands it each event; each message it makes is sent by a worker message of its
own (``DeliverNotification``), so a channel that is down delays nothing else."""

from __future__ import annotations

import logging

from autopost.application.notifications.event import NotificationEvent
from autopost.application.notifications.wording import render_event
from autopost.application.ports.clock import Clock
from autopost.application.ports.notification_dispatcher import NotificationDispatcher
from autopost.application.ports.notification_store import NotificationStore, Recipient
from autopost.domain.notification_delivery import NotificationDelivery, reconnect_key
from autopost.domain.notifications import (
    ACCOUNT_NEEDS_RECONNECT,
    EVENT_TYPES,
    Channel,
    NotificationChoices,
    wants,
)

log = logging.getLogger(__name__)


def dedupe_key(event: NotificationEvent) -> str:
    """An event's own id; an account that needs reconnecting is told of once, whatever the
    event, until it is connected again."""
    credential_id = event.data.get("credential_id")
    if event.type == ACCOUNT_NEEDS_RECONNECT and isinstance(credential_id, int):
        return reconnect_key(credential_id)
    return event.id


def address(recipient: Recipient, channel: Channel) -> str:
    if channel is Channel.TELEGRAM:
        return "" if recipient.chat_id is None else str(recipient.chat_id)
    return recipient.email


class NotifyPeople:
    def __init__(
        self,
        store: NotificationStore,
        dispatcher: NotificationDispatcher,
        clock: Clock,
        public_url: str,
        channels: frozenset[Channel] = frozenset(Channel),
    ) -> None:
        """``channels``: those set up (a Telegram bot, an SMTP server); no message is made
        for another."""
        self._store = store
        self._dispatcher = dispatcher
        self._clock = clock
        self._public_url = public_url.rstrip("/")
        self._channels = channels

    async def execute(self, event: NotificationEvent) -> int:
        """How many messages were made (none for an event told of already)."""
        if event.type not in EVENT_TYPES:
            log.warning("no notification for an event of unknown type %s", event.type)
            return 0
        made = 0
        for recipient in await self._store.recipients(event.owner_id):
            choices = recipient.choices or NotificationChoices(recipient.user_id)
            for channel in sorted(self._channels):
                to = address(recipient, channel)
                if not to or not wants(
                    choices, channel, event.type, event.owner_id, recipient.is_admin
                ):
                    continue
                if await self._deliver(event, recipient, choices, channel, to):
                    made += 1
        return made

    async def _deliver(
        self,
        event: NotificationEvent,
        recipient: Recipient,
        choices: NotificationChoices,
        channel: Channel,
        to: str,
    ) -> bool:
        rendered = render_event(
            event.type,
            event.data,
            language=choices.language,
            time_zone=recipient.time_zone,
            public_url=self._public_url,
        )
        now = self._clock.now()
        credential_id = event.data.get("credential_id")
        delivery = NotificationDelivery(
            event_id=event.id,
            dedupe_key=dedupe_key(event),
            user_id=recipient.user_id,
            channel=channel,
            address=to,
            subject=rendered.subject,
            text=rendered.text,
            created_at=now,
            next_attempt_at=now,
            credential_id=credential_id if isinstance(credential_id, int) else None,
        )
        delivery_id = await self._store.add_delivery(delivery)
        if delivery_id is None:
            return False
        # Lost if the process dies just now: the upkeep sends what stays pending.
        self._dispatcher.enqueue(delivery_id, now)
        return True
