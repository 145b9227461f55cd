"""Accounts connected through Pinterest's and Meta's consent pages leave an audit entry, in the
name of whoever started the connect, and never with a token."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autopost.application.access import Actor
from autopost.application.people.accounts import put_in_role
from autopost.application.ports.instagram_login_gateway import ConnectedInstagram, InstagramLogin
from autopost.application.ports.platform_errors import PlatformError
from autopost.domain.access import Role
from autopost.domain.audit import AuditEntry
from autopost.domain.user import User
from tests.harness import NOON, Harness, pinterest_world

DAYS_60 = 60 * 24 * 3600


@pytest.fixture
def world() -> Harness:
    return pinterest_world()


async def publisher(world: Harness, username: str) -> Actor:
    async with world.uow() as uow:
        user = User(username, f"{username}@example.com", "x", NOON - timedelta(days=9))
        await uow.users.add(user)
        await uow.commit()
        await put_in_role(uow, user, Role.PUBLISHERS)
        await uow.commit()
    assert user.id is not None
    return Actor.of(user.id, [Role.PUBLISHERS], False, username)


def audit(world: Harness) -> list[AuditEntry]:
    return sorted(world.store.rows["audit"].values(), key=lambda e: e.id)


def secrets_of(world: Harness) -> list[str]:
    tokens = ["pina-access-1", "pinr-refresh-1", "the-code"]
    return tokens + [a.access_token for a in world.meta.accounts]


async def test_a_pinterest_account_connected_by_consent_is_audited_as_who_started_it(
    world: Harness,
) -> None:
    ann = await publisher(world, "ann")
    state = await world.start_pinterest_connect(ann.user_id)
    credential = await world.finish_pinterest_connect(state)
    [entry] = audit(world)
    assert (entry.action, entry.resource, entry.resource_id) == (
        "connected",
        "credential",
        str(credential.id),
    )
    assert (entry.actor_id, entry.actor_name, entry.at) == (ann.user_id, "ann", world.clock.now())
    assert all(secret not in repr(entry) for secret in secrets_of(world))


async def test_connecting_the_same_pinterest_account_again_is_a_reconnect(
    world: Harness,
) -> None:
    await world.connect_pinterest()
    await world.connect_pinterest()
    assert [e.action for e in audit(world)] == ["connected", "reconnected"]


async def test_a_connect_autopost_started_itself_is_audited_as_the_system(
    world: Harness,
) -> None:
    await world.connect_pinterest()
    [entry] = audit(world)
    assert (entry.actor_id, entry.actor_name) == (None, "system")


async def test_each_instagram_account_connected_by_consent_is_audited(world: Harness) -> None:
    world.actor = await publisher(world, "olga")
    world.meta.accounts = [
        ConnectedInstagram("17841400000000011", "quiz_one", "EAAG-token-one", DAYS_60),
        ConnectedInstagram("17841400000000012", "quiz_two", "EAAG-token-two", DAYS_60),
    ]
    state = await world.start_instagram_connect(InstagramLogin.FACEBOOK)
    credentials = await world.finish_instagram_connect(state)
    entries = audit(world)
    assert [(e.action, e.resource, e.resource_id) for e in entries] == [
        ("connected", "credential", str(c.id)) for c in credentials
    ]
    assert {(e.actor_id, e.actor_name) for e in entries} == {(world.actor.user_id, "olga")}
    assert all(secret not in repr(entries) for secret in secrets_of(world))
    again = await world.start_instagram_connect(InstagramLogin.FACEBOOK)
    await world.finish_instagram_connect(again)
    assert [e.action for e in audit(world)[2:]] == ["reconnected", "reconnected"]


async def test_a_refused_connect_is_not_audited(world: Harness) -> None:
    state = await world.start_instagram_connect(InstagramLogin.INSTAGRAM)
    with pytest.raises(PlatformError, match="did not grant access"):
        await world.finish_instagram_connect(state, code=None, error="access_denied")
    assert audit(world) == []
