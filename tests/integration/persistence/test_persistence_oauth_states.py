"""An OAuth state is used once: the first callback to use it wins, even when two race."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from persistence_builders import NOW, UowFactory

from autopost.domain.oauth_state import OAuthState

pytestmark = pytest.mark.integration

DIGEST = "5" * 64


async def store_state(uow_factory: UowFactory, **fields: Any) -> None:
    state = OAuthState(
        **{
            "provider": "pinterest",
            "digest": DIGEST,
            "created_at": NOW - timedelta(minutes=1),
            "expires_at": NOW + timedelta(minutes=9),
            **fields,
        }
    )
    async with uow_factory() as uow:
        await uow.oauth_states.add(state)
        await uow.commit()


async def use(uow_factory: UowFactory, provider: str = "pinterest") -> OAuthState | None:
    async with uow_factory() as uow:
        state = await uow.oauth_states.use(DIGEST, provider, NOW)
        await uow.commit()
    return state


async def used_at(uow_factory: UowFactory) -> object:
    async with uow_factory() as uow:
        state = await uow.oauth_states.by_digest(DIGEST)
    assert state is not None
    return state.used_at


async def test_use_marks_an_unused_unexpired_state_used_and_returns_it(
    uow_factory: UowFactory,
) -> None:
    await store_state(uow_factory, code_verifier="verifier")
    async with uow_factory() as uow:
        loaded = await uow.oauth_states.by_digest(DIGEST)
        state = await uow.oauth_states.use(DIGEST, "pinterest", NOW)
        await uow.commit()

    assert state is not None and state is loaded  # the loaded instance is brought up to date
    assert state.used_at == NOW and state.code_verifier == "verifier"
    assert await used_at(uow_factory) == NOW


async def test_a_used_state_cannot_be_used_again(uow_factory: UowFactory) -> None:
    await store_state(uow_factory, used_at=NOW - timedelta(seconds=5))
    assert await use(uow_factory) is None
    assert await used_at(uow_factory) == NOW - timedelta(seconds=5)


async def test_an_expired_state_cannot_be_used(uow_factory: UowFactory) -> None:
    await store_state(uow_factory, expires_at=NOW)
    assert await use(uow_factory) is None
    assert await used_at(uow_factory) is None


async def test_a_state_is_only_for_its_provider(uow_factory: UowFactory) -> None:
    await store_state(uow_factory)
    assert await use(uow_factory, provider="instagram") is None
    assert await used_at(uow_factory) is None
    assert await use(uow_factory, provider="pinterest") is not None


async def test_an_unknown_state_cannot_be_used(uow_factory: UowFactory) -> None:
    assert await use(uow_factory) is None


async def test_of_two_racing_callbacks_exactly_one_uses_the_state(uow_factory: UowFactory) -> None:
    await store_state(uow_factory)
    async with uow_factory() as first:
        won = await first.oauth_states.use(DIGEST, "pinterest", NOW)
        # The second UPDATE starts while the first transaction is open: PostgreSQL makes it
        # wait for the row lock, SQLite for the write lock (BEGIN IMMEDIATE, busy_timeout).
        # Each unit of work has its own task, so neither waits with the other's lock held.
        second = asyncio.create_task(use(uow_factory))
        await asyncio.sleep(0.05)
        assert not second.done()
        await first.commit()
    lost = await second

    assert won is not None and won.used_at == NOW
    assert lost is None
