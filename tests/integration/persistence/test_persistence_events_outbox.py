"""The outbox and the webhook tables on SQLite and PostgreSQL: an event is written by the
commit of the change it reports and by nothing else; a key is recorded once; a delivery is
claimed by one transaction at a time; what waits behind what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from persistence_builders import NOW, UowFactory
from sqlalchemy.ext.asyncio import AsyncEngine
from tests.fake_webhooks import RecordingRelay

from autopost.adapters.persistence.engine import session_factory
from autopost.adapters.persistence.unit_of_work import SqlaUnitOfWork
from autopost.domain.errors import ConcurrentUpdate
from autopost.domain.events import EventType, new_event
from autopost.domain.post import InstagramContent, Post
from autopost.domain.user import User
from autopost.domain.webhooks import DeliveryStatus, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.integration


def relayed_uow(engine: AsyncEngine, relay: RecordingRelay) -> SqlaUnitOfWork:
    return SqlaUnitOfWork(session_factory(engine), relay)


async def test_an_event_is_written_and_relayed_with_the_commit_of_its_change(
    engine: AsyncEngine,
) -> None:
    relay = RecordingRelay()
    async with relayed_uow(engine, relay) as uow:
        post = Post(content=InstagramContent(url="https://cdn.example.com/a.jpg"), created_at=NOW)
        await uow.posts.add(post)
        event = new_event(EventType.POST_SCHEDULED, NOW, {"post_id": post.id}, subject="post:1")
        await uow.events.add(event)
        assert relay.relayed == []  # not before the commit
        await uow.commit()
    assert relay.relayed == [[event.id]]
    async with relayed_uow(engine, relay) as uow:
        ((seq, stored),) = await uow.events.to_relay(10)
    assert stored.id == event.id and stored.data == {"post_id": post.id}
    assert stored.type is EventType.POST_SCHEDULED and stored.occurred_at == NOW
    assert seq >= 1


async def test_a_rolled_back_change_leaves_no_event_and_sends_nothing(
    engine: AsyncEngine,
) -> None:
    relay = RecordingRelay()
    async with relayed_uow(engine, relay) as uow:
        post = Post(content=InstagramContent(url="https://cdn.example.com/a.jpg"), created_at=NOW)
        await uow.posts.add(post)
        await uow.events.add(new_event(EventType.POST_SCHEDULED, NOW, {"post_id": post.id}))
        await uow.rollback()
        await uow.events.add(new_event(EventType.SYNC_COMPLETED, NOW, {}))
    # Left without a commit: rolled back too.
    async with relayed_uow(engine, relay) as uow:
        assert await uow.events.to_relay(10) == []
        assert await uow.posts.list(10, 0) == []
    assert relay.relayed == []


async def test_an_event_about_a_post_is_recorded_with_the_posts_owner(
    uow_factory: UowFactory,
) -> None:
    async with uow_factory() as uow:
        user = User(username="pia", email="p@example.com", password_hash="x", date_joined=NOW)
        await uow.users.add(user)
        post = Post(
            content=InstagramContent(url="https://cdn.example.com/a.jpg"),
            created_at=NOW,
            owner_id=user.id,
        )
        await uow.posts.add(post)
        await uow.events.add(new_event(EventType.PUBLICATION_FAILED, NOW, {"post_id": post.id}))
        await uow.commit()
        ((_, stored),) = await uow.events.to_relay(10)
    assert stored.owner_id == user.id


async def test_an_event_with_a_key_is_recorded_once(uow_factory: UowFactory) -> None:
    for _ in range(2):
        async with uow_factory() as uow:
            key = "account.needs_reconnect:3:abc"
            await uow.events.add(new_event(EventType.ACCOUNT_NEEDS_RECONNECT, NOW, {}, key=key))
            await uow.events.add(new_event(EventType.SYNC_COMPLETED, NOW, {}))
            await uow.commit()
    async with uow_factory() as uow:
        types = [e.type for _, e in await uow.events.to_relay(10)]
    assert types.count(EventType.ACCOUNT_NEEDS_RECONNECT) == 1
    assert types.count(EventType.SYNC_COMPLETED) == 2


async def test_an_event_is_relayed_by_one_transaction_only(uow_factory: UowFactory) -> None:
    async with uow_factory() as uow:
        await uow.events.add(new_event(EventType.SYNC_COMPLETED, NOW, {}))
        await uow.commit()
        ((seq, _),) = await uow.events.to_relay(10)
        assert await uow.events.mark_relayed(seq, NOW)
        await uow.commit()
        assert not await uow.events.mark_relayed(seq, NOW)
        assert await uow.events.to_relay(10) == []


async def endpoint(uow_factory: UowFactory) -> int:
    async with uow_factory() as uow:
        hook = WebhookEndpoint("https://hooks.example.com/", "sealed", NOW, events=["a.b"])
        await uow.webhooks.add(hook)
        await uow.commit()
    assert hook.id is not None
    return hook.id


async def add_deliveries(uow_factory: UowFactory, endpoint_id: int, *subjects: str) -> list[int]:
    ids = []
    async with uow_factory() as uow:
        for sequence, subject in enumerate(subjects, 1):
            delivery = WebhookDelivery(
                endpoint_id, f"evt_{sequence}", "a.b", sequence, NOW, subject, next_try_at=NOW
            )
            await uow.deliveries.add(delivery)
            assert delivery.id is not None
            ids.append(delivery.id)
        await uow.commit()
    return ids


async def test_a_delivery_waits_behind_an_earlier_one_of_its_subject(
    uow_factory: UowFactory,
) -> None:
    hook = await endpoint(uow_factory)
    first, other, second = await add_deliveries(uow_factory, hook, "post:1", "post:2", "post:1")
    async with uow_factory() as uow:
        later = await uow.deliveries.get(second)
        assert later is not None
        ahead = await uow.deliveries.ahead_of(later)
        assert ahead is not None and ahead.id == first
        alone = await uow.deliveries.get(other)
        assert alone is not None and await uow.deliveries.ahead_of(alone) is None
        earlier = await uow.deliveries.get(first)
        assert earlier is not None
        earlier.succeeded(NOW, 200, 12)
        following = await uow.deliveries.next_of_subject(earlier)
        assert following is not None and following.id == second
        await uow.commit()
        assert await uow.deliveries.ahead_of(later) is None
        due = [d.id for d in await uow.deliveries.due(NOW, 10)]
        assert due == [other, second]
        listed = [d.id for d in await uow.deliveries.of_endpoint(hook, 10)]
        assert listed == [second, other, first]


async def test_a_delivery_is_claimed_by_one_transaction_at_a_time(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite has one connection: one transaction at a time already")
    hook = await endpoint(uow_factory)
    (delivery_id,) = await add_deliveries(uow_factory, hook, "post:1")
    async with uow_factory() as one, uow_factory() as two:
        mine = await one.deliveries.get(delivery_id)
        theirs = await two.deliveries.get(delivery_id)
        assert mine is not None and theirs is not None
        mine.claim(NOW, timedelta(minutes=2))
        await one.commit()
        theirs.claim(NOW, timedelta(minutes=2))
        with pytest.raises(ConcurrentUpdate):
            await two.commit()


async def test_a_disabled_endpoints_deliveries_are_not_due_and_go_with_it(
    uow_factory: UowFactory,
) -> None:
    hook = await endpoint(uow_factory)
    await add_deliveries(uow_factory, hook, "post:1")
    async with uow_factory() as uow:
        stored = await uow.webhooks.get(hook)
        assert stored is not None and stored.events == ["a.b"]
        stored.change(now=NOW, enabled=False)
        await uow.commit()
        assert await uow.deliveries.due(NOW, 10) == []
        assert await uow.webhooks.enabled() == []
        await uow.webhooks.delete(stored)
        await uow.commit()
        assert await uow.deliveries.of_endpoint(hook, 10) == []
    assert DeliveryStatus.PENDING.value == "pending"
