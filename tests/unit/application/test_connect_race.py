"""Connecting an account that another request connects at the same moment: the request that
loses the race changes the account the winner stored, as a reconnect would, and is judged by
the right to change it."""

from __future__ import annotations

import pytest
from attrs import frozen

from autopost.application.access import Actor
from autopost.application.integrations.credentials import ConnectAccount, SaveCredential
from autopost.domain.access import Action, Resource, Role
from autopost.domain.credential import Credential
from autopost.domain.errors import PermissionDenied
from autopost.domain.post import Platform
from tests.harness import ACCOUNT, NOON, TOKEN, Harness

pytestmark = pytest.mark.unit

ME, RIVAL = 7, 8
RIVALS_CIPHERTEXT = "sealed:rival"


@frozen
class MayAddButNotChangeAccounts(Actor):
    """No role grants this today; the rule must hold the day one does."""

    def may(self, action: Action, resource: Resource, owner_id: int | None = None) -> bool:
        if resource is Resource.CREDENTIAL and action is Action.CHANGE:
            return False
        return super().may(action, resource, owner_id)


def connected_meanwhile(world: Harness, platform: Platform = Platform.INSTAGRAM) -> Credential:
    rival = Credential(platform.value, ACCOUNT, RIVALS_CIPHERTEXT, NOON, owner_id=RIVAL)
    world.store.connected_meanwhile.append(rival)
    return rival


def stored_accounts(world: Harness) -> list[Credential]:
    return list(world.store.rows["credentials"].values())


async def test_a_post_that_loses_the_race_to_connect_its_account_uses_the_winners() -> None:
    world = Harness()
    world.actor = Actor.of(ME, [Role.PUBLISHERS], False, "me")
    rival = connected_meanwhile(world)
    view = await world.schedule()
    [account] = stored_accounts(world)
    assert view.publication.credential_id == account.id == rival.id
    assert world.box.open(account.access_token) == TOKEN, "the newer token, as a reconnect"
    assert account.owner_id == RIVAL, "still the account of whoever connected it"


async def test_losing_the_race_to_connect_an_account_needs_the_right_to_change_it() -> None:
    world = Harness()
    world.actor = MayAddButNotChangeAccounts(ME, frozenset({Role.PUBLISHERS}))
    connected_meanwhile(world)
    with pytest.raises(PermissionDenied):
        await world.schedule()
    [account] = stored_accounts(world)
    assert account.access_token == RIVALS_CIPHERTEXT
    assert world.store.rows["posts"] == {}


async def test_an_account_saved_by_two_at_once_is_connected_once_and_reconnected_once() -> None:
    world = Harness()
    actor = Actor.of(ME, [Role.PUBLISHERS], False, "me")
    rival = connected_meanwhile(world)
    save = SaveCredential(world.uow(), world.box, world.clock, world.pinterest_policy)
    saved = await save.execute(actor, ConnectAccount(Platform.INSTAGRAM, ACCOUNT, TOKEN))
    assert saved.id == rival.id
    assert [a.id for a in stored_accounts(world)] == [rival.id]
    [entry] = world.store.rows["audit"].values()
    assert (entry.action, entry.actor_id) == ("reconnected", ME)
