"""What each person does for themselves: their settings and integration keys, their password.

Keys are write-only: what comes back is which of them are set, never their values."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from attrs import field, frozen

from autopost.application.access import Actor, authorize
from autopost.application.audit import record
from autopost.application.people.errors import (
    InvalidUserDetails,
    PasswordsDiffer,
    PasswordTooWeak,
    WrongOldPassword,
)
from autopost.application.people.user_changes import missing, weaknesses
from autopost.application.people.user_secrets import (
    save_secrets,
    secret_names,
    secret_problems,
)
from autopost.application.people.users import load_user
from autopost.application.ports.clock import Clock
from autopost.application.ports.password_hasher import PasswordHasher
from autopost.application.ports.secret_box import SecretBox
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import Action, Resource
from autopost.domain.errors import PermissionDenied
from autopost.domain.user import User
from autopost.domain.user_fields import field_problems

SETTINGS_FIELDS = frozenset(
    {
        "huntflow_prod_url",
        "huntflow_sandbox_url",
        "active_system",
        "interviewer_calendar_url",
        "is_observer_active",
        "time_zone",
    }
)


@frozen
class SettingsView:
    user: User
    secrets_set: frozenset[str]


@frozen
class SettingsChanges:
    """The settings to set, by name, and keys to store (an empty one removes the key)."""

    fields: Mapping[str, str | bool] = field(factory=dict)
    secrets: Mapping[str, str] = field(factory=dict, repr=False)

    def __attrs_post_init__(self) -> None:
        unknown = set(self.fields) - SETTINGS_FIELDS
        if unknown:
            raise ValueError(f"not settings: {sorted(unknown)}")


@frozen
class PasswordChange:
    """``None`` is a field that was not sent. The session or API token the request came
    with stays signed in; every other one of the user's ends."""

    old_password: str | None = field(repr=False)
    new_password: str | None = field(repr=False)
    new_password_confirm: str | None = field(repr=False)
    session_id: int | None = None
    token_id: int | None = None


def own_id(actor: Actor, action: Action) -> int:
    if actor.user_id is None:
        raise PermissionDenied()
    authorize(actor, action, Resource.USER, owner_id=actor.user_id)
    return actor.user_id


class GetUserSettings:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, actor: Actor) -> SettingsView:
        user_id = own_id(actor, Action.VIEW)
        async with self._uow as uow:
            return SettingsView(await load_user(uow, user_id), await secret_names(uow, user_id))


class UpdateUserSettings:
    def __init__(self, uow: UnitOfWork, box: SecretBox, clock: Clock) -> None:
        self._uow = uow
        self._box = box
        self._clock = clock

    async def execute(self, actor: Actor, changes: SettingsChanges) -> SettingsView:
        user_id = own_id(actor, Action.CHANGE)
        problems = field_problems(changes.fields) | secret_problems(changes.secrets)
        if problems:
            raise InvalidUserDetails(problems)
        now = self._clock.now()
        async with self._uow as uow:
            user = await load_user(uow, user_id)
            changed = [n for n, v in changes.fields.items() if getattr(user, n) != v]
            for name in changed:
                setattr(user, name, changes.fields[name])
            changed += await save_secrets(uow, self._box, user_id, changes.secrets, now)
            if changed:
                summary = ", ".join(sorted(changed))
                await record(uow, actor, "settings_changed", Resource.USER, user_id, now, summary)
            view = SettingsView(user, await secret_names(uow, user_id))
            await uow.commit()
            return view


class ChangePassword:
    def __init__(self, uow: UnitOfWork, hasher: PasswordHasher, clock: Clock) -> None:
        self._uow = uow
        self._hasher = hasher
        self._clock = clock

    async def execute(self, actor: Actor, change: PasswordChange) -> None:
        user_id = own_id(actor, Action.CHANGE)
        problems = missing(
            old_password=change.old_password,
            new_password=change.new_password,
            new_password_confirm=change.new_password_confirm,
        )
        if problems:
            raise InvalidUserDetails(problems)
        assert change.old_password is not None and change.new_password is not None
        async with self._uow as uow:
            user = await load_user(uow, user_id)
            await uow.commit()  # argon2 takes tens of ms: no transaction open meanwhile
            verify = self._hasher.verify
            if not await asyncio.to_thread(verify, user.password_hash, change.old_password):
                raise WrongOldPassword()
            if change.new_password != change.new_password_confirm:
                raise PasswordsDiffer()
            weak = weaknesses(change.new_password, user)
            if weak:
                raise PasswordTooWeak(*weak)
            user.password_hash = await asyncio.to_thread(self._hasher.hash, change.new_password)
            await uow.sessions.delete_for_user(user_id, keep_id=change.session_id)
            await uow.api_tokens.delete_for_user(user_id, keep_id=change.token_id)
            await record(uow, actor, "password_changed", Resource.USER, user_id, self._clock.now())
            await uow.commit()
