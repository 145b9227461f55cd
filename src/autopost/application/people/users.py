"""Reading people: the list, one user, the totals; and deleting one.

Only administrators see other people; everyone sees themselves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from attrs import frozen

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.people.errors import CannotDeleteYourself
from autopost.application.ports.clock import Clock
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.application.ports.user_repository import UserQuery
from autopost.domain.access import Action, Resource
from autopost.domain.errors import NotFound
from autopost.domain.user import Group, User


@frozen
class UserView:
    """A user with their groups, as every answer about a user shows them."""

    user: User
    groups: Sequence[Group]


@frozen
class UserStatistics:
    total_users: int
    active_users: int
    staff_users: int
    groups_stats: Mapping[str, int]


async def load_user(uow: UnitOfWork, user_id: int) -> User:
    user = await uow.users.get(user_id)
    if user is None:
        raise NotFound("user", user_id)
    return user


async def view_of(uow: UnitOfWork, user: User) -> UserView:
    assert user.id is not None
    return UserView(user, (await uow.groups.of_users([user.id])).get(user.id, ()))


class ListUsers:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, query: UserQuery) -> tuple[int, Sequence[UserView]]:
        """How many users match, and the page of them ``query`` asks for."""
        authorize(actor, Action.VIEW, Resource.USER)
        async with self._uow as uow:
            total, users = await uow.users.search(query)
            groups = await uow.groups.of_users([u.id for u in users if u.id is not None])
            return total, [UserView(u, groups.get(u.id or 0, ())) for u in users]


class GetUser:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor, user_id: int) -> UserView:
        authorize(actor, Action.VIEW, Resource.USER, owner_id=user_id)
        async with self._uow as uow:
            return await view_of(uow, await load_user(uow, user_id))


class DeleteUser:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, user_id: int) -> None:
        authorize(actor, Action.DELETE, Resource.USER, owner_id=user_id)
        if user_id == actor.user_id:
            raise CannotDeleteYourself()
        async with self._uow as uow:
            user = await load_user(uow, user_id)
            await uow.users.delete(user)
            await record(
                uow, actor, "deleted", Resource.USER, user_id, self._clock.now(), user.username
            )
            await uow.commit()


class UserStats:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor) -> UserStatistics:
        authorize(actor, Action.VIEW, Resource.USER)
        async with self._uow as uow:
            total, active, staff = await uow.users.counts()
            return UserStatistics(total, active, staff, dict(await uow.groups.member_counts()))
