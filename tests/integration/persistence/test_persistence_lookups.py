"""Finding users, posts and accounts the way the use cases ask for them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from persistence_builders import NOW, Seed, UowFactory

from autopost.application.integrations.errors import AccountStillUsed
from autopost.domain.credential import Credential, CredentialStatus
from autopost.domain.user import User

pytestmark = pytest.mark.integration


async def store_users(uow_factory: UowFactory, *pairs: tuple[str, str]) -> dict[str, int]:
    ids = {}
    async with uow_factory() as uow:
        for username, email in pairs:
            user = User(username, email, "hash", NOW)
            await uow.users.add(user)
            ids[username] = user.id or 0
        await uow.commit()
    return ids


async def login(uow_factory: UowFactory, value: str) -> str | None:
    async with uow_factory() as uow:
        user = await uow.users.by_login(value)
    return None if user is None else user.username


async def test_by_login_matches_a_username_ignoring_case(uow_factory: UowFactory) -> None:
    await store_users(uow_factory, ("Alice", "alice@example.com"))
    assert await login(uow_factory, "alice") == "Alice"
    assert await login(uow_factory, "ALICE") == "Alice"
    assert await login(uow_factory, "alicia") is None


async def test_by_login_falls_back_to_the_email_ignoring_case(uow_factory: UowFactory) -> None:
    await store_users(uow_factory, ("alice", "Alice@Example.com"))
    assert await login(uow_factory, "alice@example.COM") == "alice"


async def test_by_login_prefers_a_username_to_someone_elses_email(
    uow_factory: UowFactory,
) -> None:
    await store_users(
        uow_factory, ("frank", "eve@example.com"), ("eve@example.com", "eve@other.example")
    )
    assert await login(uow_factory, "Eve@example.com") == "eve@example.com"


async def test_by_login_prefers_the_exact_username_among_case_variants(
    uow_factory: UowFactory,
) -> None:
    await store_users(uow_factory, ("Dave", "d1@example.com"), ("dave", "d2@example.com"))
    assert await login(uow_factory, "dave") == "dave"
    assert await login(uow_factory, "Dave") == "Dave"
    assert await login(uow_factory, "DAVE") is None  # two people could be meant


async def test_by_login_with_an_email_shared_by_several_users_finds_nobody(
    uow_factory: UowFactory,
) -> None:
    await store_users(uow_factory, ("bob", "team@example.com"), ("carol", "team@example.com"))
    assert await login(uow_factory, "team@example.com") is None
    assert await login(uow_factory, "carol") == "carol"


async def test_posts_are_listed_by_id_a_page_at_a_time(uow_factory: UowFactory, seed: Seed) -> None:
    ids = [await seed.post(caption=str(n)) for n in range(5)]
    async with uow_factory() as uow:
        first = await uow.posts.list(limit=2, offset=0)
        last = await uow.posts.list(limit=2, offset=4)
        missing = await uow.posts.get(999)
    assert [p.id for p in first] == ids[:2]
    assert [p.id for p in last] == ids[4:]
    assert missing is None


async def test_credentials_are_found_listed_and_deleted(
    uow_factory: UowFactory, seed: Seed
) -> None:
    first = await seed.credential(platform="instagram", account_id="1")
    second = await seed.credential(platform="pinterest", account_id="1")
    async with uow_factory() as uow:
        found = await uow.credentials.find("pinterest", "1")
        assert found is not None and found.id == second
        assert await uow.credentials.find("pinterest", "2") is None
        assert [c.id for c in await uow.credentials.list()] == [first, second]
        await uow.credentials.delete(found)
        await uow.commit()

    async with uow_factory() as uow:
        assert [c.id for c in await uow.credentials.list()] == [first]
        assert await uow.credentials.get(second) is None


async def test_an_account_with_publications_cannot_be_deleted(
    uow_factory: UowFactory, seed: Seed
) -> None:
    credential_id = await seed.credential()
    await seed.publication(credential_id=credential_id)
    async with uow_factory() as uow:
        credential = await uow.credentials.get(credential_id)
        assert credential is not None
        with pytest.raises(AccountStillUsed):
            await uow.credentials.delete(credential)

    async with uow_factory() as uow:
        assert await uow.credentials.get(credential_id) is not None


async def test_expiring_finds_active_refreshable_accounts_of_the_platform_soonest_first(
    uow_factory: UowFactory, seed: Seed
) -> None:
    before = NOW + timedelta(days=1)

    async def pinterest(**fields: object) -> int:
        return await seed.credential(
            **{"platform": "pinterest", "refresh_token": "sealed", **fields}
        )

    later = await pinterest(expires_at=NOW + timedelta(hours=3))
    already_expired = await pinterest(expires_at=NOW - timedelta(hours=1))
    await pinterest(expires_at=before)  # not before ``before``
    await pinterest(expires_at=NOW + timedelta(days=2))
    await pinterest(expires_at=None)
    await pinterest(expires_at=NOW, refresh_token=None)
    await pinterest(expires_at=NOW, status=CredentialStatus.NEEDS_RECONNECT)
    await pinterest(expires_at=NOW, platform="instagram")

    async with uow_factory() as uow:
        found = await uow.credentials.expiring("pinterest", before)
        none = await uow.credentials.expiring("tiktok", before)

    assert [c.id for c in found] == [already_expired, later]
    assert none == []


async def test_only_one_worker_at_a_time_may_renew_an_accounts_tokens(
    uow_factory: UowFactory,
) -> None:
    now = NOW
    async with uow_factory() as uow:
        credential = Credential("pinterest", "acct", "sealed", created_at=now)
        await uow.credentials.add(credential)
        await uow.commit()
        assert credential.id is not None
        assert await uow.credentials.claim_renewal(credential.id, now, now + timedelta(minutes=1))
        await uow.commit()
    async with uow_factory() as uow:
        later = now + timedelta(seconds=30)
        assert not await uow.credentials.claim_renewal(credential.id, later, later)
        after = now + timedelta(minutes=1)
        assert await uow.credentials.claim_renewal(credential.id, after, after + timedelta(1))
        await uow.commit()
