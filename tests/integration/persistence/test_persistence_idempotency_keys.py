"""Idempotency-Keys on SQLite and PostgreSQL: a key is claimed once per user, even by two
transactions at once; its answer is kept; expired keys are removed."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from persistence_builders import NOW, UowFactory

from autopost.domain.idempotency import IdempotencyKey, KeyTaken, StoredAnswer
from autopost.domain.user import User

pytestmark = pytest.mark.integration

DIGEST = "d" * 64


async def new_user(uow_factory: UowFactory, username: str = "client") -> int:
    async with uow_factory() as uow:
        user = User(username, f"{username}@example.com", "!", NOW)
        await uow.users.add(user)
        await uow.commit()
    assert user.id is not None
    return user.id


def key(user_id: int, name: str = "retry-1", at: timedelta = timedelta()) -> IdempotencyKey:
    return IdempotencyKey.claimed(user_id, name, DIGEST, NOW + at)


async def claim(uow_factory: UowFactory, claimed: IdempotencyKey) -> None:
    async with uow_factory() as uow:
        await uow.idempotency_keys.claim(claimed)
        await uow.commit()


async def test_a_claimed_key_keeps_its_request_and_then_its_answer(
    uow_factory: UowFactory,
) -> None:
    user_id = await new_user(uow_factory)
    await claim(uow_factory, key(user_id))
    async with uow_factory() as uow:
        held = await uow.idempotency_keys.get(user_id, "retry-1")
        assert held is not None and held.answer_status is None
        assert held.expires_at == NOW + timedelta(hours=24)
        held.keep(StoredAnswer(201, '{"id": 1, "caption": "Привет"}'))
        await uow.commit()
    async with uow_factory() as uow:
        held = await uow.idempotency_keys.get(user_id, "retry-1")
    assert held is not None
    assert held.answer_for(DIGEST) == StoredAnswer(201, '{"id": 1, "caption": "Привет"}')


async def test_a_second_claim_of_a_key_is_refused_and_keeps_nothing(
    uow_factory: UowFactory,
) -> None:
    user_id = await new_user(uow_factory)
    await claim(uow_factory, key(user_id))
    async with uow_factory() as uow:
        with pytest.raises(KeyTaken):
            await uow.idempotency_keys.claim(key(user_id))
        # The transaction is over; the unit of work can start another.
        assert await uow.idempotency_keys.get(user_id, "retry-1") is not None


async def test_each_user_has_keys_of_their_own(uow_factory: UowFactory) -> None:
    first, second = await new_user(uow_factory, "first"), await new_user(uow_factory, "second")
    await claim(uow_factory, key(first))
    await claim(uow_factory, key(second))
    async with uow_factory() as uow:
        assert await uow.idempotency_keys.get(second, "retry-1") is not None


async def test_a_removed_key_can_be_claimed_again(uow_factory: UowFactory) -> None:
    user_id = await new_user(uow_factory)
    await claim(uow_factory, key(user_id))
    async with uow_factory() as uow:
        held = await uow.idempotency_keys.get(user_id, "retry-1")
        assert held is not None
        await uow.idempotency_keys.remove(held)
        await uow.commit()
    await claim(uow_factory, key(user_id))


async def test_expired_keys_are_removed(uow_factory: UowFactory) -> None:
    user_id = await new_user(uow_factory)
    await claim(uow_factory, key(user_id, "old", at=-timedelta(hours=25)))
    await claim(uow_factory, key(user_id, "just-expired", at=-timedelta(hours=24)))
    await claim(uow_factory, key(user_id, "young", at=-timedelta(hours=23)))
    async with uow_factory() as uow:
        assert await uow.idempotency_keys.remove_expired(NOW) == 2
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.idempotency_keys.get(user_id, "old") is None
        assert await uow.idempotency_keys.get(user_id, "just-expired") is None
        assert await uow.idempotency_keys.get(user_id, "young") is not None


async def test_two_claims_at_once_one_wins(uow_factory: UowFactory) -> None:
    """On PostgreSQL the second INSERT waits for the first transaction, then fails; on SQLite
    the two transactions take turns."""
    user_id = await new_user(uow_factory)
    first_claimed = asyncio.Event()

    async def first() -> str:
        async with uow_factory() as uow:
            await uow.idempotency_keys.claim(key(user_id))
            first_claimed.set()
            await asyncio.sleep(0.2)  # the other claim is made meanwhile
            await uow.commit()
        return "claimed"

    async def second() -> str:
        await first_claimed.wait()
        try:
            await claim(uow_factory, key(user_id))
        except KeyTaken:
            return "taken"
        return "claimed"

    assert await asyncio.gather(first(), second()) == ["claimed", "taken"]


async def test_a_claim_waiting_on_one_rolled_back_gets_the_key(uow_factory: UowFactory) -> None:
    user_id = await new_user(uow_factory)
    first_claimed = asyncio.Event()

    async def first() -> None:
        async with uow_factory() as uow:
            await uow.idempotency_keys.claim(key(user_id))
            first_claimed.set()
            await asyncio.sleep(0.2)
            await uow.rollback()

    async def second() -> None:
        await first_claimed.wait()
        await claim(uow_factory, key(user_id))

    await asyncio.gather(first(), second())
    async with uow_factory() as uow:
        assert await uow.idempotency_keys.get(user_id, "retry-1") is not None


async def test_a_users_keys_go_with_the_user(uow_factory: UowFactory) -> None:
    user_id = await new_user(uow_factory)
    await claim(uow_factory, key(user_id))
    async with uow_factory() as uow:
        user = await uow.users.get(user_id)
        assert user is not None
        await uow.users.delete(user)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.idempotency_keys.get(user_id, "retry-1") is None
