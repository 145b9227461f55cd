"""The daily digest by e-mail: what was published and what failed in the last 24 hours, to
each person who chose it, at the set hour of their day, once a day."""

from __future__ import annotations

from autopost.application.notifications.wording import render_digest
from autopost.application.ports.clock import Clock
from autopost.application.ports.notification_dispatcher import NotificationDispatcher
from autopost.application.ports.notification_store import NotificationStore, Recipient
from autopost.domain.digest import DIGEST_PERIOD, digest_day_due
from autopost.domain.notification_delivery import NotificationDelivery
from autopost.domain.notifications import Channel, NotificationChoices


class SendDailyDigests:
    def __init__(
        self,
        store: NotificationStore,
        dispatcher: NotificationDispatcher,
        clock: Clock,
        public_url: str,
        hour: int,
    ) -> None:
        """``hour``: the hour of each person's day (in their time zone) their digest comes."""
        self._store = store
        self._dispatcher = dispatcher
        self._clock = clock
        self._public_url = public_url.rstrip("/")
        self._hour = hour

    async def execute(self) -> int:
        """How many digests were handed over; each person's day gets one, however many
        workers run this and however often."""
        sent = 0
        for recipient, last_day in await self._store.digest_recipients():
            now = self._clock.now()
            day = digest_day_due(now, recipient.time_zone, self._hour, last_day)
            if day is None or not recipient.email:
                continue
            if not await self._store.claim_digest_day(recipient.user_id, day):
                continue
            await self._hand_over(recipient, day.isoformat())
            sent += 1
        return sent

    async def _hand_over(self, recipient: Recipient, day: str) -> None:
        now = self._clock.now()
        choices = recipient.choices or NotificationChoices(recipient.user_id)
        everyone = choices.every_account and recipient.is_admin
        items = await self._store.digest_items(
            None if everyone else recipient.user_id, now - DIGEST_PERIOD, now
        )
        rendered = render_digest(
            items,
            language=choices.language,
            time_zone=recipient.time_zone,
            public_url=self._public_url,
        )
        key = f"digest:{day}"
        delivery = NotificationDelivery(
            event_id=key,
            dedupe_key=key,
            user_id=recipient.user_id,
            channel=Channel.EMAIL,
            address=recipient.email,
            subject=rendered.subject,
            text=rendered.text,
            created_at=now,
            next_attempt_at=now,
        )
        delivery_id = await self._store.add_delivery(delivery)
        if delivery_id is not None:
            self._dispatcher.enqueue(delivery_id, now)
