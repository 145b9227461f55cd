"""The roles' permissions as the seed describes them, and the one rule that decides."""

from __future__ import annotations

import pytest

from autopost.domain.access import (
    CATALOGUE,
    ROLE_PERMISSIONS,
    Action,
    Resource,
    Role,
    allows,
    permissions_of,
)

pytestmark = pytest.mark.unit

PUBLISHING = (Resource.POST, Resource.CREDENTIAL, Resource.MEDIA, Resource.COMMENT)


def may(role: Role, action: Action, resource: Resource, owner: int | None = None) -> bool:
    return allows(permissions_of([role]), action, resource, actor_id=7, owner_id=owner)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("resource", PUBLISHING)
def test_every_role_reads_everything_published(role: Role, resource: Resource) -> None:
    assert may(role, Action.VIEW, resource)


@pytest.mark.parametrize("action", [Action.ADD, Action.CHANGE, Action.DELETE])
@pytest.mark.parametrize("resource", PUBLISHING)
def test_observers_change_nothing(action: Action, resource: Resource) -> None:
    assert not may(Role.OBSERVERS, action, resource, owner=7)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("resource", PUBLISHING)
def test_publishers_have_full_control_of_publishing(action: Action, resource: Resource) -> None:
    assert may(Role.PUBLISHERS, action, resource, owner=99)


def test_contributors_write_posts_and_change_only_their_own() -> None:
    assert may(Role.CONTRIBUTORS, Action.ADD, Resource.POST)
    assert may(Role.CONTRIBUTORS, Action.CHANGE, Resource.POST, owner=7)
    assert may(Role.CONTRIBUTORS, Action.DELETE, Resource.POST, owner=7)
    assert not may(Role.CONTRIBUTORS, Action.CHANGE, Resource.POST, owner=99)
    assert not may(Role.CONTRIBUTORS, Action.CHANGE, Resource.POST, owner=None)
    assert not may(Role.CONTRIBUTORS, Action.ADD, Resource.CREDENTIAL)


def test_only_administrators_manage_users_and_read_the_audit_log() -> None:
    for role in Role:
        expected = role is Role.ADMINISTRATORS
        assert may(role, Action.ADD, Resource.USER) is expected
        assert may(role, Action.VIEW, Resource.AUDIT_ENTRY) is expected


@pytest.mark.parametrize("role", list(Role))
def test_everyone_sees_and_edits_their_own_profile(role: Role) -> None:
    assert may(role, Action.VIEW, Resource.USER, owner=7)
    assert may(role, Action.CHANGE, Resource.USER, owner=7)
    assert role is Role.ADMINISTRATORS or not may(role, Action.CHANGE, Resource.USER, owner=8)


def test_a_superuser_may_do_everything_in_no_group() -> None:
    assert permissions_of([], is_superuser=True) == frozenset(CATALOGUE)
    assert permissions_of([]) == frozenset()


def test_permissions_have_unique_codenames_and_stable_ids() -> None:
    codenames = [p.codename for p in CATALOGUE]
    assert len(set(codenames)) == len(codenames)
    assert [p.id for p in CATALOGUE] == list(range(1, len(CATALOGUE) + 1))
    assert "change_own_post" in codenames and "view_auditentry" in codenames
    assert ROLE_PERMISSIONS[Role.ADMINISTRATORS] == frozenset(CATALOGUE)
