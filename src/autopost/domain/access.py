"""Who may do what: the four roles, the permissions they grant, and the one rule that decides.

Roles are groups a user belongs to, with the earlier API's four meanings: Administrators may do
everything; Publishers have full control of posts, their schedules, accounts, media and
comments; Contributors read everything and change only what they created themselves;
Observers only read (every new user is one). A superuser is an administrator whatever their
groups. Everyone may read and change their own profile and settings.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

from attrs import frozen


class Role(enum.StrEnum):
    ADMINISTRATORS = "Administrators"
    PUBLISHERS = "Publishers"
    CONTRIBUTORS = "Contributors"
    OBSERVERS = "Observers"


# Stable ids: the groups are created with these ids by the migration that adds them.
ROLE_IDS: Mapping[Role, int] = {
    Role.ADMINISTRATORS: 1,
    Role.PUBLISHERS: 2,
    Role.CONTRIBUTORS: 3,
    Role.OBSERVERS: 4,
}

DEFAULT_ROLE = Role.OBSERVERS


class Action(enum.StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"


class Resource(enum.StrEnum):
    """What a permission is about; ``app_label`` groups them as the earlier API did."""

    POST = "post"
    CREDENTIAL = "credential"
    MEDIA = "media"
    COMMENT = "comment"
    USER = "user"
    GROUP = "group"
    AUDIT_ENTRY = "auditentry"

    @property
    def app_label(self) -> str:
        return "accounts" if self in _ACCOUNTS_RESOURCES else "publishing"

    @property
    def content_type_id(self) -> int:
        return list(Resource).index(self) + 1


_ACCOUNTS_RESOURCES = frozenset({Resource.USER, Resource.GROUP, Resource.AUDIT_ENTRY})

_NAMES = {Resource.AUDIT_ENTRY: "audit entry"}


@frozen
class Permission:
    """``own`` limits the permission to records the user created (or, for users, themselves)."""

    action: Action
    resource: Resource
    own: bool = False

    @property
    def codename(self) -> str:
        return (
            f"{self.action}_own_{self.resource}" if self.own else f"{self.action}_{self.resource}"
        )

    @property
    def name(self) -> str:
        noun = _NAMES.get(self.resource, self.resource.value)
        return f"Can {self.action} own {noun}" if self.own else f"Can {self.action} {noun}"

    @property
    def id(self) -> int:
        return CATALOGUE.index(self) + 1


def _every(*resources: Resource, own: bool = False) -> tuple[Permission, ...]:
    return tuple(Permission(a, r, own) for r in resources for a in Action)


# Every permission there is, in a stable order (their ids are their places here).
CATALOGUE: tuple[Permission, ...] = (
    *_every(*Resource),
    *_every(Resource.POST, Resource.COMMENT, Resource.USER, own=True),
)

_SELF_SERVICE = frozenset(
    {
        Permission(Action.VIEW, Resource.USER, own=True),
        Permission(Action.CHANGE, Resource.USER, own=True),
    }
)
_READ_ONLY = frozenset(
    Permission(Action.VIEW, r)
    for r in (Resource.POST, Resource.CREDENTIAL, Resource.MEDIA, Resource.COMMENT, Resource.GROUP)
)

ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.ADMINISTRATORS: frozenset(CATALOGUE),
    Role.PUBLISHERS: _READ_ONLY
    | _SELF_SERVICE
    | frozenset(_every(Resource.POST, Resource.CREDENTIAL, Resource.MEDIA, Resource.COMMENT)),
    Role.CONTRIBUTORS: _READ_ONLY
    | _SELF_SERVICE
    | frozenset(
        {
            Permission(Action.ADD, Resource.POST),
            Permission(Action.ADD, Resource.COMMENT),
            *(
                Permission(a, r, own=True)
                for r in (Resource.POST, Resource.COMMENT)
                for a in (Action.CHANGE, Action.DELETE)
            ),
        }
    ),
    Role.OBSERVERS: _READ_ONLY | _SELF_SERVICE,
}


def permissions_of(roles: Iterable[Role], is_superuser: bool = False) -> frozenset[Permission]:
    if is_superuser:
        return frozenset(CATALOGUE)
    granted: frozenset[Permission] = frozenset()
    for role in roles:
        granted |= ROLE_PERMISSIONS[role]
    return granted


def allows(
    granted: frozenset[Permission],
    action: Action,
    resource: Resource,
    *,
    actor_id: int | None,
    owner_id: int | None = None,
) -> bool:
    """May someone with ``granted`` do ``action`` on ``resource``? ``owner_id`` is who created
    the record (for a user record, the user itself); None when there is no record yet or the
    question is about the kind of record as a whole."""
    if Permission(action, resource) in granted:
        return True
    return (
        Permission(action, resource, own=True) in granted
        and actor_id is not None
        and owner_id == actor_id
    )


def role_of_group(name: str) -> Role | None:
    try:
        return Role(name)
    except ValueError:
        return None
