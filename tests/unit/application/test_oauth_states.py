"""The OAuth ``state`` every flow shares: issued as a digest, spent once, before it expires,
only by a callback that takes its provider."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.application.oauth.states import (
    STATE_LIFETIME,
    issue_state,
    spend_state,
    state_digest,
)
from autopost.domain.oauth_state import OAuthState, StateRejected
from tests.fakes import InMemoryUnitOfWork, Store
from tests.harness import NOON

pytestmark = pytest.mark.unit

META_LOGINS = frozenset({"facebook", "instagram"})


async def issued(
    store: Store,
    provider: str = "pinterest",
    lifetime: timedelta = STATE_LIFETIME,
    user_id: int | None = None,
    code_verifier: str | None = None,
) -> str:
    async with InMemoryUnitOfWork(store) as uow:
        state = await issue_state(uow, provider, NOON, lifetime, user_id, code_verifier)
        await uow.commit()
    return state


async def spend(
    store: Store, state: str | None, providers: frozenset[str], after: timedelta = timedelta(0)
) -> OAuthState:
    async with InMemoryUnitOfWork(store) as uow:
        used = await spend_state(uow, state, providers, NOON + after)
        await uow.commit()
    return used


async def test_only_the_digest_of_an_issued_state_is_kept() -> None:
    store = Store()
    state = await issued(store, user_id=7, code_verifier="v" * 43)
    [row] = store.rows["oauth_states"].values()
    assert row.digest == state_digest(state) != state
    assert (row.provider, row.user_id, row.code_verifier) == ("pinterest", 7, "v" * 43)
    assert row.expires_at == NOON + STATE_LIFETIME


async def test_a_state_is_spent_once_and_says_who_started_it() -> None:
    store = Store()
    state = await issued(store, user_id=7)
    used = await spend(store, state, frozenset({"pinterest"}))
    assert used.user_id == 7
    assert used.used_at == NOON
    with pytest.raises(StateRejected, match="already used"):
        await spend(store, state, frozenset({"pinterest"}))


async def test_a_callback_taking_several_providers_spends_a_state_of_any_of_them() -> None:
    store = Store()
    state = await issued(store, "instagram")
    assert (await spend(store, state, META_LOGINS)).provider == "instagram"


async def test_a_state_of_another_provider_is_not_spent_by_this_callback() -> None:
    store = Store()
    state = await issued(store, "google")
    with pytest.raises(StateRejected, match="not issued here"):
        await spend(store, state, META_LOGINS)
    assert (await spend(store, state, frozenset({"google"}))).provider == "google"


async def test_a_state_past_its_lifetime_has_expired() -> None:
    store = Store()
    state = await issued(store, lifetime=timedelta(minutes=2))
    with pytest.raises(StateRejected, match="has expired"):
        await spend(store, state, frozenset({"pinterest"}), after=timedelta(minutes=2))


@pytest.mark.parametrize(
    ("state", "why"), [(None, "no state"), ("", "no state"), ("x", "not issued")]
)
async def test_a_missing_or_forged_state_is_refused(state: str | None, why: str) -> None:
    with pytest.raises(StateRejected, match=why):
        await spend(Store(), state, frozenset({"pinterest"}))
