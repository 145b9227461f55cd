"""``SqlaNotificationStore``: people's notification choices, chats, link codes, deliveries
and digests, each call its own short transaction (Core statements on the engine)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import RowMapping, and_, exists, func, insert, or_, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.tables import (
    credentials,
    groups,
    notification_choices,
    notification_deliveries,
    posts,
    publications,
    telegram_chats,
    telegram_link_codes,
    telegram_offsets,
    user_groups,
    users,
)
from autopost.application.ports.notification_store import Recipient
from autopost.domain.access import Role
from autopost.domain.credential import CredentialStatus
from autopost.domain.digest import DigestItem
from autopost.domain.notification_delivery import DeliveryStatus, NotificationDelivery
from autopost.domain.notifications import Channel, NotificationChoices
from autopost.domain.publication import PublicationStatus
from autopost.domain.telegram_link import TelegramChat, TelegramLinkCode

_RECONNECT_KEYS = "account.needs_reconnect:credential:%"
_OFFSET_ROW = 1
_SUMMARY_LENGTH = 60


def _choices(row: RowMapping | dict[str, Any]) -> NotificationChoices | None:
    if row["telegram_events"] is None:
        return None
    return NotificationChoices(
        row["id"],
        telegram_events=frozenset(row["telegram_events"]),
        email_events=frozenset(row["email_events"]),
        daily_digest=row["daily_digest"],
        every_account=row["every_account"],
        language=row["language"],
    )


def _delivery(row: RowMapping) -> NotificationDelivery:
    values = dict(row)
    values["channel"] = Channel(values["channel"])
    values["status"] = DeliveryStatus(values["status"])
    return NotificationDelivery(**values)


def _summary(caption: str | None, title: str | None) -> str:
    text = " ".join((title or caption or "").split())
    if len(text) <= _SUMMARY_LENGTH:
        return text
    return text[: _SUMMARY_LENGTH - 1].rstrip() + "…"


class SqlaNotificationStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    def _recipients_query(self) -> Any:
        is_admin = or_(
            users.c.is_superuser,
            exists()
            .where(user_groups.c.user_id == users.c.id)
            .where(user_groups.c.group_id == groups.c.id)
            .where(groups.c.name == Role.ADMINISTRATORS.value),
        )
        return (
            select(
                users.c.id,
                users.c.email,
                users.c.time_zone,
                is_admin.label("is_admin"),
                telegram_chats.c.chat_id,
                notification_choices.c.telegram_events,
                notification_choices.c.email_events,
                notification_choices.c.daily_digest,
                notification_choices.c.every_account,
                notification_choices.c.language,
                notification_choices.c.last_digest_day,
            )
            .select_from(users)
            .outerjoin(telegram_chats, telegram_chats.c.user_id == users.c.id)
            .outerjoin(notification_choices, notification_choices.c.user_id == users.c.id)
            .where(users.c.is_active)
            .order_by(users.c.id)
        )

    @staticmethod
    def _recipient(row: RowMapping) -> Recipient:
        return Recipient(
            user_id=row["id"],
            email=row["email"] or "",
            is_admin=bool(row["is_admin"]),
            time_zone=row["time_zone"] or "UTC",
            chat_id=row["chat_id"],
            choices=_choices(row),
        )

    async def choices(self, user_id: int) -> NotificationChoices | None:
        query = select(notification_choices).where(notification_choices.c.user_id == user_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).mappings().first()
        if row is None:
            return None
        return _choices({**row, "id": user_id})

    async def save_choices(self, choices: NotificationChoices) -> None:
        values = {
            "telegram_events": sorted(choices.telegram_events),
            "email_events": sorted(choices.email_events),
            "daily_digest": choices.daily_digest,
            "every_account": choices.every_account,
            "language": choices.language,
        }
        async with self._engine.begin() as connection:
            changed = await connection.execute(
                update(notification_choices)
                .where(notification_choices.c.user_id == choices.user_id)
                .values(values)
            )
            if changed.rowcount == 0:
                await connection.execute(
                    insert(notification_choices).values(user_id=choices.user_id, **values)
                )

    async def recipients(self, owner_id: int | None) -> Sequence[Recipient]:
        query = self._recipients_query().where(
            or_(users.c.id == owner_id, notification_choices.c.every_account == true())
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [self._recipient(row) for row in rows]

    async def add_code(self, code: TelegramLinkCode) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                update(telegram_link_codes)
                .where(telegram_link_codes.c.user_id == code.user_id)
                .where(telegram_link_codes.c.used_at.is_(None))
                .values(used_at=code.created_at)
            )
            await connection.execute(
                insert(telegram_link_codes).values(
                    digest=code.digest,
                    user_id=code.user_id,
                    created_at=code.created_at,
                    expires_at=code.expires_at,
                )
            )

    async def use_code(self, digest: str, now: datetime) -> int | None:
        spend = (
            update(telegram_link_codes)
            .where(telegram_link_codes.c.digest == digest)
            .where(telegram_link_codes.c.used_at.is_(None))
            .where(telegram_link_codes.c.expires_at > now)
            .values(used_at=now)
            .returning(telegram_link_codes.c.user_id)
        )
        async with self._engine.begin() as connection:
            user_id = (await connection.execute(spend)).scalar_one_or_none()
        return None if user_id is None else int(user_id)

    async def link_chat(self, chat: TelegramChat) -> None:
        values = {"chat_id": chat.chat_id, "username": chat.username, "linked_at": chat.linked_at}
        async with self._engine.begin() as connection:
            changed = await connection.execute(
                update(telegram_chats)
                .where(telegram_chats.c.user_id == chat.user_id)
                .values(values)
            )
            if changed.rowcount == 0:
                await connection.execute(
                    insert(telegram_chats).values(user_id=chat.user_id, **values)
                )

    async def chat(self, user_id: int) -> TelegramChat | None:
        query = select(telegram_chats).where(telegram_chats.c.user_id == user_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).mappings().first()
        return None if row is None else TelegramChat(**row)

    async def unlink_chat(self, user_id: int) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                telegram_chats.delete().where(telegram_chats.c.user_id == user_id)
            )

    async def telegram_username(self, user_id: int) -> str:
        query = select(users.c.telegram_username).where(users.c.id == user_id)
        async with self._engine.connect() as connection:
            name = (await connection.execute(query)).scalar_one_or_none()
        return name or ""

    async def set_telegram_username(self, user_id: int, username: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                update(users).where(users.c.id == user_id).values(telegram_username=username)
            )

    async def telegram_offset(self) -> int:
        query = select(telegram_offsets.c.next_update_id).where(
            telegram_offsets.c.id == _OFFSET_ROW
        )
        async with self._engine.connect() as connection:
            offset = (await connection.execute(query)).scalar_one_or_none()
        return int(offset or 0)

    async def take_update(self, update_id: int) -> bool:
        async with self._engine.begin() as connection:
            taken = await connection.execute(
                update(telegram_offsets)
                .where(telegram_offsets.c.id == _OFFSET_ROW)
                .where(telegram_offsets.c.next_update_id <= update_id)
                .values(next_update_id=update_id + 1)
            )
            if taken.rowcount:
                return True
            try:
                async with connection.begin_nested():
                    await connection.execute(
                        insert(telegram_offsets).values(
                            id=_OFFSET_ROW, next_update_id=update_id + 1
                        )
                    )
            except IntegrityError:
                return False  # the row is there, past this update: another worker took it
            return True

    async def add_delivery(self, delivery: NotificationDelivery) -> int | None:
        values = {
            "event_id": delivery.event_id,
            "dedupe_key": delivery.dedupe_key,
            "user_id": delivery.user_id,
            "channel": delivery.channel.value,
            "address": delivery.address,
            "subject": delivery.subject,
            "text": delivery.text,
            "credential_id": delivery.credential_id,
            "status": delivery.status.value,
            "attempts": delivery.attempts,
            "created_at": delivery.created_at,
            "next_attempt_at": delivery.next_attempt_at,
        }
        try:
            async with self._engine.begin() as connection:
                result = await connection.execute(
                    insert(notification_deliveries)
                    .values(values)
                    .returning(notification_deliveries.c.id)
                )
                delivery_id = int(result.scalar_one())
        except IntegrityError:
            return None
        delivery.id = delivery_id
        return delivery_id

    async def claim_delivery(
        self, delivery_id: int, now: datetime, until: datetime
    ) -> NotificationDelivery | None:
        claim = (
            update(notification_deliveries)
            .where(notification_deliveries.c.id == delivery_id)
            .where(notification_deliveries.c.status == DeliveryStatus.PENDING.value)
            .where(notification_deliveries.c.next_attempt_at <= now)
            .values(next_attempt_at=until)
            .returning(*notification_deliveries.c)
        )
        async with self._engine.begin() as connection:
            row = (await connection.execute(claim)).mappings().first()
        return None if row is None else _delivery(row)

    async def save_delivery(self, delivery: NotificationDelivery) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                update(notification_deliveries)
                .where(notification_deliveries.c.id == delivery.id)
                .values(
                    status=delivery.status.value,
                    attempts=delivery.attempts,
                    next_attempt_at=delivery.next_attempt_at,
                    sent_at=delivery.sent_at,
                    last_error=delivery.last_error,
                )
            )

    async def stuck_deliveries(self, due_before: datetime) -> Sequence[NotificationDelivery]:
        query = (
            select(notification_deliveries)
            .where(notification_deliveries.c.status == DeliveryStatus.PENDING.value)
            .where(notification_deliveries.c.next_attempt_at < due_before)
            .order_by(notification_deliveries.c.id)
            .limit(500)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [_delivery(row) for row in rows]

    async def release_resolved_reconnects(self) -> int:
        still_broken = select(credentials.c.id).where(
            credentials.c.status == CredentialStatus.NEEDS_RECONNECT.value
        )
        release = (
            update(notification_deliveries)
            .where(notification_deliveries.c.dedupe_key.like(_RECONNECT_KEYS))
            .where(notification_deliveries.c.credential_id.not_in(still_broken))
            .values(dedupe_key=notification_deliveries.c.event_id)
        )
        async with self._engine.begin() as connection:
            result = await connection.execute(release)
        return int(result.rowcount)

    async def digest_recipients(self) -> Sequence[tuple[Recipient, date | None]]:
        query = self._recipients_query().where(notification_choices.c.daily_digest == true())
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [(self._recipient(row), row["last_digest_day"]) for row in rows]

    async def claim_digest_day(self, user_id: int, day: date) -> bool:
        claim = (
            update(notification_choices)
            .where(notification_choices.c.user_id == user_id)
            .where(
                or_(
                    notification_choices.c.last_digest_day.is_(None),
                    notification_choices.c.last_digest_day < day,
                )
            )
            .values(last_digest_day=day)
        )
        async with self._engine.begin() as connection:
            result = await connection.execute(claim)
        return bool(result.rowcount)

    async def digest_items(
        self, owner_id: int | None, since: datetime, until: datetime
    ) -> Sequence[DigestItem]:
        published = publications.c.status == PublicationStatus.PUBLISHED.value
        failed = publications.c.status == PublicationStatus.FAILED.value
        at = func.coalesce(publications.c.published_at, publications.c.updated_at)
        query = (
            select(
                posts.c.id,
                publications.c.platform,
                publications.c.status,
                publications.c.published_at,
                publications.c.updated_at,
                publications.c.permalink,
                publications.c.error,
                posts.c.caption,
                posts.c.title,
            )
            .select_from(publications.join(posts, posts.c.id == publications.c.post_id))
            .where(
                or_(
                    and_(
                        published,
                        publications.c.published_at >= since,
                        publications.c.published_at < until,
                    ),
                    and_(
                        failed,
                        publications.c.updated_at >= since,
                        publications.c.updated_at < until,
                    ),
                )
            )
            .order_by(at, publications.c.id)
        )
        if owner_id is not None:
            query = query.where(posts.c.owner_id == owner_id)
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).mappings().all()
        return [
            DigestItem(
                post_id=row["id"],
                platform=str(row["platform"]),
                published=row["status"] == PublicationStatus.PUBLISHED,
                at=row["published_at"] or row["updated_at"],
                summary=_summary(row["caption"], row["title"]),
                permalink=row["permalink"],
                error=row["error"],
            )
            for row in rows
        ]
