"""``add_or_find``: connecting an account is an upsert, so that two transactions connecting
the same account at once both end with the one row."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from persistence_builders import NOW, Seed, UowFactory
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from autopost.domain.credential import Credential, CredentialStatus

pytestmark = pytest.mark.integration

ACCOUNT = "17841400000000077"


def account(access_token: str) -> Credential:
    return Credential(
        "instagram",
        ACCOUNT,
        access_token,
        NOW,
        username="quiz",
        expires_at=NOW + timedelta(days=60),
        status=CredentialStatus.ACTIVE,
    )


async def test_a_new_account_is_added_and_what_changes_on_it_next_is_saved(
    uow_factory: UowFactory,
) -> None:
    new = account("first")
    async with uow_factory() as uow:
        stored = await uow.credentials.add_or_find(new)
        assert stored is new and new.id is not None
        new.needs_reconnect("renewal refused")
        await uow.commit()

    async with uow_factory() as uow:
        [reloaded] = await uow.credentials.list()
    assert (reloaded.id, reloaded.account_id, reloaded.access_token) == (new.id, ACCOUNT, "first")
    assert reloaded.expires_at == NOW + timedelta(days=60) and reloaded.created_at == NOW
    assert reloaded.status is CredentialStatus.NEEDS_RECONNECT


async def test_a_stored_account_is_found_and_left_as_it_was(
    uow_factory: UowFactory, seed: Seed
) -> None:
    stored_id = await seed.credential(account_id=ACCOUNT)
    async with uow_factory() as uow:
        found = await uow.credentials.add_or_find(account("second"))
        assert (found.id, found.access_token) == (stored_id, "ciphertext")
        await uow.commit()
        assert [c.id for c in await uow.credentials.list()] == [stored_id]


async def wait_for_a_blocked_statement(engine: AsyncEngine) -> None:
    """Until another session of this database waits for a lock. PostgreSQL has no event to
    await for that; it is asked every few milliseconds."""
    deadline = time.monotonic() + 10
    async with engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = await connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            )
            if waiting:
                return
            # pg_stat_activity is read once per transaction: end it to see the next state.
            await connection.rollback()
            await asyncio.sleep(0.005)
    raise AssertionError("the second transaction never waited for the first")


async def test_an_account_a_racing_transaction_adds_is_waited_for_and_found(
    uow_factory: UowFactory, engine: AsyncEngine
) -> None:
    """On PostgreSQL the second insert really waits for the first transaction; on SQLite
    the second transaction waits for its turn (one writer at a time)."""
    first_account = account("first")
    async with uow_factory() as first:
        await first.credentials.add_or_find(first_account)

        async def connect_again() -> Credential:
            async with uow_factory() as second:
                found = await second.credentials.add_or_find(account("second"))
                await second.commit()
                return found

        racing = asyncio.create_task(connect_again())
        if engine.dialect.name == "postgresql":
            await wait_for_a_blocked_statement(engine)
        await first.commit()
    found = await racing
    assert (found.id, found.access_token) == (first_account.id, "first")
    async with uow_factory() as uow:
        assert [c.id for c in await uow.credentials.list()] == [first_account.id]
