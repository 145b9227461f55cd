"""The use cases ask who is acting before they read or change anything, and say it in the
audit log."""

from __future__ import annotations

import pytest

from autopost.application.access import Actor
from autopost.domain.access import Role
from autopost.domain.errors import PermissionDenied
from tests.fakes import FakeAuditLog
from tests.harness import Harness

pytestmark = pytest.mark.unit

OWNER, SOMEONE_ELSE = 7, 8


def as_role(world: Harness, role: Role, user_id: int = OWNER) -> None:
    world.actor = Actor.of(user_id, [role], False, f"user{user_id}")


def audit(world: Harness) -> list[tuple[str, str, int | None]]:
    entries = FakeAuditLog(world.uow(), "audit").entries()
    return [(e.action, e.resource, e.actor_id) for e in entries]


async def test_an_observer_cannot_schedule_a_post() -> None:
    world = Harness()
    as_role(world, Role.OBSERVERS)
    with pytest.raises(PermissionDenied):
        await world.schedule(token=None)
    assert world.store.rows["posts"] == {}


async def test_a_contributor_cannot_connect_an_account_by_sending_its_token() -> None:
    world = Harness()
    as_role(world, Role.CONTRIBUTORS)
    with pytest.raises(PermissionDenied):
        await world.schedule()
    assert world.store.rows["credentials"] == {}


async def test_a_contributor_changes_and_cancels_only_their_own_post() -> None:
    world = Harness()
    as_role(world, Role.PUBLISHERS, SOMEONE_ELSE)
    theirs = await world.schedule()
    as_role(world, Role.CONTRIBUTORS)
    mine = await world.schedule(token=None)
    await world.edit(mine.post.id, caption="changed")
    await world.cancel(mine.post.id)
    with pytest.raises(PermissionDenied):
        await world.edit(theirs.post.id, caption="changed")
    with pytest.raises(PermissionDenied):
        await world.cancel(theirs.post.id)
    assert (await world.get(theirs.post.id)).post.content.caption == "Hello"


async def test_scheduling_editing_and_cancelling_are_in_the_audit_log() -> None:
    world = Harness()
    as_role(world, Role.PUBLISHERS)
    view = await world.schedule()
    await world.edit(view.post.id, caption="changed")
    await world.cancel(view.post.id)
    assert audit(world) == [
        ("scheduled", "post", OWNER),
        ("changed", "post", OWNER),
        ("cancelled", "post", OWNER),
    ]


async def test_a_publication_is_in_the_audit_log_as_done_by_autopost() -> None:
    world = Harness()
    view = await world.schedule()
    world.clock.set(view.publication.publish_at)
    await world.publisher().execute(view.publication.id, view.publication.version)
    assert ("published", "post", None) in audit(world)
