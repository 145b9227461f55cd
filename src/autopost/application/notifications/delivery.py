"""Sending one delivery, and trying again later when its channel is down."""

from __future__ import annotations

import logging
from datetime import timedelta

from autopost.application.ports.channel_errors import ChannelRefused, ChannelUnavailable
from autopost.application.ports.clock import Clock
from autopost.application.ports.mail_sender import MailSender
from autopost.application.ports.notification_dispatcher import NotificationDispatcher
from autopost.application.ports.notification_store import NotificationStore
from autopost.application.ports.telegram_sender import TelegramSender
from autopost.domain.notification_delivery import NotificationDelivery
from autopost.domain.notifications import Channel

log = logging.getLogger(__name__)

# Longer than any one try (the HTTP and SMTP timeouts): a duplicate message meanwhile finds
# the delivery taken, and a worker that died lets it go after this long.
CLAIM = timedelta(minutes=2)
# A pending delivery this late has lost its message: the upkeep sends it again.
STUCK_AFTER = timedelta(minutes=1)


class DeliverNotification:
    def __init__(
        self,
        store: NotificationStore,
        telegram: TelegramSender,
        mail: MailSender,
        dispatcher: NotificationDispatcher,
        clock: Clock,
    ) -> None:
        self._store = store
        self._telegram = telegram
        self._mail = mail
        self._dispatcher = dispatcher
        self._clock = clock

    async def execute(self, delivery_id: int) -> None:
        """Idempotent: a delivery already sent, given up or taken by another worker is left."""
        now = self._clock.now()
        delivery = await self._store.claim_delivery(delivery_id, now, now + CLAIM)
        if delivery is None:
            return
        retry_at = None
        try:
            await self._send(delivery)
        except ChannelUnavailable as down:
            retry_at = delivery.failed(str(down), self._clock.now(), passing=True)
            log.info(
                "notification %s by %s not sent (%s); next try %s",
                delivery_id,
                delivery.channel,
                down,
                retry_at or "never: given up",
            )
        except ChannelRefused as refused:
            delivery.failed(str(refused), self._clock.now(), passing=False)
            log.warning("notification %s refused by %s: %s", delivery_id, delivery.channel, refused)
        else:
            delivery.sent(self._clock.now())
        await self._store.save_delivery(delivery)
        if retry_at is not None:
            self._dispatcher.enqueue(delivery_id, retry_at)

    async def _send(self, delivery: NotificationDelivery) -> None:
        if delivery.channel is Channel.TELEGRAM:
            await self._telegram.send_message(int(delivery.address), delivery.text)
        else:
            await self._mail.send(delivery.address, delivery.subject, delivery.text)


class KeepNotificationsMoving:
    """The periodic upkeep: sends again the deliveries whose message was lost, and lets the
    accounts connected again be told of when they next need reconnecting."""

    def __init__(
        self, store: NotificationStore, dispatcher: NotificationDispatcher, clock: Clock
    ) -> None:
        self._store = store
        self._dispatcher = dispatcher
        self._clock = clock

    async def execute(self) -> int:
        await self._store.release_resolved_reconnects()
        now = self._clock.now()
        stuck = await self._store.stuck_deliveries(now - STUCK_AFTER)
        for delivery in stuck:
            assert delivery.id is not None
            self._dispatcher.enqueue(delivery.id, now)
        return len(stuck)
