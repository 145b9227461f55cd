"""``SqlaNotificationStore`` on SQLite and PostgreSQL: who may be told, codes spent once, the
bot's updates taken once, deliveries kept once per key, and the digest's day and rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from persistence_builders import Seed, UowFactory
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.adapters.persistence.notification_store import SqlaNotificationStore
from autopost.adapters.persistence.tables import groups, posts, user_groups
from autopost.domain.credential import CredentialStatus
from autopost.domain.notification_delivery import NotificationDelivery, reconnect_key
from autopost.domain.notifications import Channel, NotificationChoices
from autopost.domain.publication import PublicationStatus
from autopost.domain.telegram_link import TelegramChat, TelegramLinkCode
from autopost.domain.user import User

pytestmark = pytest.mark.integration

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


async def add_user(uow_factory: UowFactory, name: str, **fields: object) -> int:
    user = User(name, f"{name}@example.com", "hash", NOW, **fields)  # type: ignore[arg-type]
    async with uow_factory() as uow:
        await uow.users.add(user)
        await uow.commit()
    assert user.id is not None
    return user.id


async def make_admin(engine: AsyncEngine, user_id: int) -> None:
    async with engine.begin() as connection:
        group_id = (
            await connection.execute(select(groups.c.id).where(groups.c.name == "Administrators"))
        ).scalar_one()
        await connection.execute(insert(user_groups).values(user_id=user_id, group_id=group_id))


def delivery(user_id: int, key: str, credential_id: int | None = None) -> NotificationDelivery:
    return NotificationDelivery(
        event_id="evt_1",
        dedupe_key=key,
        user_id=user_id,
        channel=Channel.TELEGRAM,
        address="42",
        subject="s",
        text="t",
        created_at=NOW,
        next_attempt_at=NOW,
        credential_id=credential_id,
    )


async def test_the_owner_and_administrators_of_every_account_are_the_recipients(
    engine: AsyncEngine, uow_factory: UowFactory
) -> None:
    store = SqlaNotificationStore(engine)
    ann = await add_user(uow_factory, "ann", time_zone="Europe/Moscow")
    boss = await add_user(uow_factory, "boss")
    await make_admin(engine, boss)
    gone = await add_user(uow_factory, "gone", is_active=False)
    await add_user(uow_factory, "bob")
    await store.save_choices(NotificationChoices(boss, every_account=True, language="ru"))
    await store.save_choices(NotificationChoices(gone, every_account=True))
    await store.link_chat(TelegramChat(ann, 4242, "ann", NOW))
    recipients = await store.recipients(ann)
    assert [(r.user_id, r.is_admin, r.chat_id) for r in recipients] == [
        (ann, False, 4242),
        (boss, True, None),
    ]
    assert recipients[0].choices is None and recipients[0].time_zone == "Europe/Moscow"
    assert recipients[1].choices is not None and recipients[1].choices.language == "ru"
    assert [r.user_id for r in await store.recipients(None)] == [boss]


async def test_a_code_is_spent_once_and_a_new_one_ends_the_old(
    engine: AsyncEngine, uow_factory: UowFactory
) -> None:
    store = SqlaNotificationStore(engine)
    ann = await add_user(uow_factory, "ann")
    first = TelegramLinkCode.issued(ann, "AAAA2222", NOW)
    await store.add_code(first)
    assert await store.use_code(first.digest, NOW + timedelta(hours=1)) is None  # expired
    assert await store.use_code(first.digest, NOW) == ann
    assert await store.use_code(first.digest, NOW) is None
    second = TelegramLinkCode.issued(ann, "BBBB3333", NOW)
    third = TelegramLinkCode.issued(ann, "CCCC4444", NOW)
    await store.add_code(second)
    await store.add_code(third)
    assert await store.use_code(second.digest, NOW) is None
    assert await store.use_code(third.digest, NOW) == ann


async def test_each_update_is_taken_once_and_the_offset_never_goes_back(
    engine: AsyncEngine,
) -> None:
    store = SqlaNotificationStore(engine)
    assert await store.telegram_offset() == 0
    assert await store.take_update(10)
    assert not await store.take_update(10)
    assert not await store.take_update(9)
    assert await store.take_update(12)
    assert await store.telegram_offset() == 13


async def test_a_delivery_is_kept_once_per_key_and_claimed_once(
    engine: AsyncEngine, uow_factory: UowFactory
) -> None:
    store = SqlaNotificationStore(engine)
    ann = await add_user(uow_factory, "ann")
    delivery_id = await store.add_delivery(delivery(ann, "evt_1"))
    assert delivery_id is not None
    assert await store.add_delivery(delivery(ann, "evt_1")) is None
    claimed = await store.claim_delivery(delivery_id, NOW, NOW + timedelta(minutes=2))
    assert claimed is not None and claimed.channel is Channel.TELEGRAM
    assert await store.claim_delivery(delivery_id, NOW, NOW + timedelta(minutes=2)) is None
    assert [d.id for d in await store.stuck_deliveries(NOW + timedelta(minutes=3))] == [delivery_id]
    claimed.sent(NOW)
    await store.save_delivery(claimed)
    assert await store.stuck_deliveries(NOW + timedelta(days=1)) == []
    assert await store.claim_delivery(delivery_id, NOW + timedelta(days=1), NOW) is None


async def test_a_reconnected_account_is_released_and_a_broken_one_is_not(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed
) -> None:
    store = SqlaNotificationStore(engine)
    ann = await add_user(uow_factory, "ann")
    broken = await seed.credential(status=CredentialStatus.NEEDS_RECONNECT)
    mended = await seed.credential()
    for credential_id in (broken, mended):
        kept = delivery(ann, reconnect_key(credential_id), credential_id)
        assert await store.add_delivery(kept) is not None
    assert await store.release_resolved_reconnects() == 1
    assert await store.add_delivery(delivery(ann, reconnect_key(broken), broken)) is None
    assert await store.add_delivery(delivery(ann, reconnect_key(mended), mended)) is not None


async def test_a_days_digest_is_claimed_once_and_lists_the_owners_published_and_failed(
    engine: AsyncEngine, uow_factory: UowFactory, seed: Seed
) -> None:
    store = SqlaNotificationStore(engine)
    ann = await add_user(uow_factory, "ann")
    await store.save_choices(NotificationChoices(ann, daily_digest=True))
    [(recipient, last)] = await store.digest_recipients()
    assert (recipient.user_id, last) == (ann, None)
    assert await store.claim_digest_day(ann, date(2026, 12, 1))
    assert not await store.claim_digest_day(ann, date(2026, 12, 1))
    assert not await store.claim_digest_day(ann, date(2026, 11, 30))
    assert (await store.digest_recipients())[0][1] == date(2026, 12, 1)

    mine = await seed.post(caption="Spring is here")
    other = await seed.post(caption="Not Ann's")
    async with engine.begin() as connection:
        await connection.execute(update(posts).where(posts.c.id == mine).values(owner_id=ann))
    await seed.publication(
        post_id=mine,
        status=PublicationStatus.PUBLISHED,
        published_at=NOW - timedelta(hours=3),
        permalink="https://instagram.com/p/x",
    )
    await seed.publication(post_id=other, status=PublicationStatus.PUBLISHED, published_at=NOW)
    await seed.publication(
        post_id=mine, status=PublicationStatus.PUBLISHED, published_at=NOW - timedelta(days=2)
    )
    await seed.publication(
        post_id=mine,
        status=PublicationStatus.FAILED,
        error="Gone.",
        updated_at=NOW - timedelta(hours=1),
    )
    items = await store.digest_items(ann, NOW - timedelta(hours=24), NOW + timedelta(seconds=1))
    assert [(i.post_id, i.published, i.summary, i.error) for i in items] == [
        (mine, True, "Spring is here", None),
        (mine, False, "Spring is here", "Gone."),
    ]
    assert items[0].permalink == "https://instagram.com/p/x"
    everyone = await store.digest_items(None, NOW - timedelta(hours=24), NOW + timedelta(hours=1))
    assert [i.post_id for i in everyone] == [mine, mine, other]
