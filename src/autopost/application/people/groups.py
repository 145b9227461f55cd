"""The groups: the four roles, which everyone may read."""

from __future__ import annotations

from collections.abc import Sequence

from autopost.application.access import Actor, authorize
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.errors import NotFound
from autopost.domain.user import Group


class ListGroups:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor) -> Sequence[Group]:
        authorize(actor, Action.VIEW, Resource.GROUP)
        async with self._uow as uow:
            return await uow.groups.list()


class GetGroup:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, group_id: int) -> Group:
        authorize(actor, Action.VIEW, Resource.GROUP)
        async with self._uow as uow:
            group = await uow.groups.get(group_id)
            if group is None:
                raise NotFound("group", group_id)
            return group
