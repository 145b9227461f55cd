"""Creating and changing people, and giving them roles.

Administrators create users, change anyone and assign groups; everyone may change their own
record, but not whether they are active, staff or superuser, nor their groups."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

from attrs import field, frozen

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.messages import WEAK_PASSWORD, Message
from autopost.application.people.accounts import put_in_role
from autopost.application.people.errors import (
    InvalidUserDetails,
    PasswordsDiffer,
    PasswordTooWeak,
    UnknownGroups,
)
from autopost.application.people.user_secrets import save_secrets, secret_problems
from autopost.application.people.users import UserView, load_user, view_of
from autopost.application.ports.clock import Clock
from autopost.application.ports.password_hasher import PasswordHasher
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource, Role
from autopost.domain.password_rules import attributes_of, password_problems
from autopost.domain.user import Group, User
from autopost.domain.user_fields import field_problems

PROFILE_FIELDS = frozenset(
    {
        "username",
        "email",
        "first_name",
        "last_name",
        "telegram_username",
        "active_system",
        "interviewer_calendar_url",
        "is_observer_active",
        "huntflow_prod_url",
        "huntflow_sandbox_url",
    }
)
# Only an administrator may change these (and the groups).
ADMIN_FIELDS = frozenset({"is_active", "is_staff", "is_superuser"})


@frozen
class UserChanges:
    """The fields to set, by name (the ones not named stay as they are); the groups, when
    given; and integration keys to store (an empty one removes the key)."""

    fields: Mapping[str, str | bool] = field(factory=dict)
    group_ids: Sequence[int] | None = None
    secrets: Mapping[str, str] = field(factory=dict, repr=False)

    def __attrs_post_init__(self) -> None:
        unknown = set(self.fields) - PROFILE_FIELDS - ADMIN_FIELDS
        if unknown:
            raise ValueError(f"not fields of a user: {sorted(unknown)}")


@frozen
class NewUser:
    """``None`` is a field that was not sent."""

    password: str | None = field(repr=False)
    password_confirm: str | None = field(repr=False)
    changes: UserChanges = UserChanges()


async def _taken(uow: UnitOfWork, user: User, fields: Mapping[str, object]) -> dict[str, list[str]]:
    """Username (ignoring case) and email are each one person's."""
    problems: dict[str, list[str]] = {}
    username, email = fields.get("username"), fields.get("email")
    if isinstance(username, str) and username:
        other = await uow.users.by_login(username)
        if other is not None and other.id != user.id and other.username.lower() == username.lower():
            problems["username"] = [Message.USERNAME_TAKEN]
    if isinstance(email, str) and email:
        other = await uow.users.by_email(email)
        if other is not None and other.id != user.id:
            problems["email"] = [Message.EMAIL_TAKEN]
    return problems


async def checked_groups(uow: UnitOfWork, group_ids: Sequence[int]) -> list[Group]:
    known = {g.id: g for g in await uow.groups.list()}
    unknown = [g for g in dict.fromkeys(group_ids) if g not in known]
    if unknown:
        raise UnknownGroups(unknown)
    return sorted((known[g] for g in set(group_ids)), key=lambda g: g.name)


def missing(**values: object) -> dict[str, list[str]]:
    """The "field is required" message for each of ``values`` that was not sent (is None)."""
    return {name: [Message.FIELD_REQUIRED] for name, value in values.items() if value is None}


def weaknesses(password: str, user: User) -> list[str]:
    """Why ``password`` is too weak for ``user``, in the catalogue's words; empty if it is not."""
    return [WEAK_PASSWORD[p] for p in password_problems(password, attributes_of(user))]


def _apply(user: User, fields: Mapping[str, object]) -> list[str]:
    """Set the fields; the names of those whose value changed."""
    changed = [name for name, value in fields.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, fields[name])
    return sorted(changed)


class CreateUser:
    def __init__(
        self, uow: UnitOfWork, hasher: PasswordHasher, box: SecretBox, clock: Clock
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._box = box
        self._clock = clock

    async def execute(self, actor: Actor, new: NewUser) -> UserView:
        """Every new user is an Observer until an administrator gives them another role."""
        authorize(actor, Action.ADD, Resource.USER)
        fields = new.changes.fields
        now = self._clock.now()
        user = User(username="", email="", password_hash="", date_joined=now)
        async with self._uow as uow:
            problems = missing(
                username=fields.get("username"),
                email=fields.get("email"),
                password=new.password,
                password_confirm=new.password_confirm,
            )
            problems |= field_problems(fields) | secret_problems(new.changes.secrets)
            problems = (await _taken(uow, user, fields)) | problems
            if problems:
                raise InvalidUserDetails(problems)
            assert new.password is not None
            if new.password != new.password_confirm:
                raise PasswordsDiffer()
            _apply(user, fields)
            weak = weaknesses(new.password, user)
            if weak:
                raise PasswordTooWeak(*weak)
            user.password_hash = await asyncio.to_thread(self._hasher.hash, new.password)
            await uow.users.add(user)
            assert user.id is not None
            await put_in_role(uow, user, Role.OBSERVERS)
            await save_secrets(
                uow, self._box, user.id, {k: v for k, v in new.changes.secrets.items() if v}, now
            )
            await record(uow, actor, "created", Resource.USER, user.id, now, user.username)
            view = await view_of(uow, user)
            await uow.commit()
            return view


class UpdateUser:
    def __init__(self, uow: UnitOfWork, box: SecretBox, clock: Clock) -> None:
        self._uow = uow
        self._box = box
        self._clock = clock

    async def execute(self, actor: Actor, user_id: int, changes: UserChanges) -> UserView:
        """Only the fields given change. Sending an administrator's field with the value it
        already has is no change, and is allowed."""
        authorize(actor, Action.CHANGE, Resource.USER, owner_id=user_id)
        now = self._clock.now()
        async with self._uow as uow:
            user = await load_user(uow, user_id)
            current = await view_of(uow, user)
            group_ids = changes.group_ids
            regrouped = group_ids is not None and set(group_ids) != {g.id for g in current.groups}
            if regrouped or any(
                getattr(user, name) != value
                for name, value in changes.fields.items()
                if name in ADMIN_FIELDS
            ):
                authorize(actor, Action.CHANGE, Resource.USER)
            problems = field_problems(changes.fields) | secret_problems(changes.secrets)
            problems = (await _taken(uow, user, changes.fields)) | problems
            if problems:
                raise InvalidUserDetails(problems)
            changed = _apply(user, changes.fields)
            if regrouped:
                assert group_ids is not None
                await checked_groups(uow, group_ids)
                await uow.groups.set_for_user(user_id, group_ids)
                changed.append("groups")
            changed += await save_secrets(uow, self._box, user_id, changes.secrets, now)
            if changed:
                summary = ", ".join(changed)
                await record(uow, actor, "changed", Resource.USER, user_id, now, summary)
            view = await view_of(uow, user)
            await uow.commit()
            return view


class AssignGroups:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, actor: Actor, user_id: int, group_ids: Sequence[int]) -> None:
        """Make these the user's groups, in place of the ones they had."""
        authorize(actor, Action.CHANGE, Resource.USER)
        async with self._uow as uow:
            await load_user(uow, user_id)
            groups = await checked_groups(uow, group_ids)
            await uow.groups.set_for_user(user_id, [g.id for g in groups if g.id is not None])
            summary = ", ".join(g.name for g in groups)
            await record(
                uow, actor, "groups_assigned", Resource.USER, user_id, self._clock.now(), summary
            )
            await uow.commit()
