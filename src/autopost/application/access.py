"""The one place the application decides whether the acting user may do something.

Every use case a person can start takes the ``Actor`` who starts it and asks ``authorize``
before it reads or changes anything; the HTTP edge, the web pages and the CLI only say who is
acting. Work Autopost does on its own behalf (publishing at the due time, renewing tokens, the
periodic sync) acts as ``SYSTEM``.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import field, frozen

from autopost.domain.access import Action, Permission, Resource, Role, allows, permissions_of
from autopost.domain.errors import PermissionDenied


@frozen
class Actor:
    user_id: int | None
    roles: frozenset[Role] = frozenset()
    is_superuser: bool = False
    username: str = ""
    permissions: frozenset[Permission] = field(init=False)

    @permissions.default
    def _granted(self) -> frozenset[Permission]:
        return permissions_of(self.roles, self.is_superuser)

    @classmethod
    def of(
        cls, user_id: int | None, roles: Iterable[Role], is_superuser: bool, username: str = ""
    ) -> Actor:
        return cls(user_id, frozenset(roles), is_superuser, username)

    def may(self, action: Action, resource: Resource, owner_id: int | None = None) -> bool:
        return allows(self.permissions, action, resource, actor_id=self.user_id, owner_id=owner_id)

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or Role.ADMINISTRATORS in self.roles


# Autopost itself: the worker, the sweep, the periodic jobs and the operator's CLI.
SYSTEM = Actor(None, frozenset(), is_superuser=True, username="system")


def authorize(
    actor: Actor, action: Action, resource: Resource, owner_id: int | None = None
) -> None:
    """Raises ``PermissionDenied`` unless ``actor`` may do ``action`` on ``resource`` (one
    created by ``owner_id``, when it is about one record)."""
    if not actor.may(action, resource, owner_id):
        raise PermissionDenied()
