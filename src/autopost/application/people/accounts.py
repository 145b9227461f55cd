"""Signing in: the first administrator, API tokens, and who a token belongs to."""

from __future__ import annotations

import hashlib
import secrets

from attrs import frozen

from autopost.application.access import SYSTEM, Actor
from autopost.application.audit import record
from autopost.application.messages import Message
from autopost.application.people.errors import InvalidUserDetails
from autopost.application.people.password_check import (
    PasswordCheck,
    SignInRefused,
    SignInThrottled,
)
from autopost.application.ports.clock import Clock
from autopost.application.ports.password_hasher import PasswordHasher
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import ROLE_IDS, Resource, Role, role_of_group
from autopost.domain.errors import AuthenticationFailed, Conflict
from autopost.domain.user import ApiToken, User

TOKEN_BYTES = 20


@frozen
class Principal:
    """Who a request acts as, and how it signed in: ``token_id`` or ``session_id`` names the
    API token or session it came with (kept when a password change ends all the others)."""

    user: User
    actor: Actor
    token_id: int | None = None
    session_id: int | None = None


async def actor_for(uow: UnitOfWork, user: User) -> Actor:
    assert user.id is not None
    groups = (await uow.groups.of_users([user.id])).get(user.id, ())
    roles = [g.role for g in groups if g.role is not None]
    return Actor.of(user.id, roles, user.is_superuser, user.username)


async def actor_by_id(uow: UnitOfWork, user_id: int | None) -> Actor:
    """Who acts for ``user_id`` when they are not there to say (an OAuth callback acts for
    whoever started the connect): ``SYSTEM`` when Autopost started it, or the user is gone."""
    user = await uow.users.get(user_id) if user_id is not None else None
    return await actor_for(uow, user) if user is not None else SYSTEM


async def put_in_role(uow: UnitOfWork, user: User, *roles: Role) -> None:
    assert user.id is not None
    await uow.groups.set_for_user(user.id, [ROLE_IDS[r] for r in roles])


def token_digest(token: str) -> str:
    # API tokens are long random strings, so a fast hash is enough to keep them safe at rest.
    return hashlib.sha256(token.encode()).hexdigest()


class CreateSuperuser:
    def __init__(self, uow: UnitOfWork, hasher: PasswordHasher, clock: Clock) -> None:
        self._uow = uow
        self._hasher = hasher
        self._clock = clock

    async def execute(self, username: str, email: str, password: str) -> User:
        errors: dict[str, list[str]] = {}
        if not username.strip():
            errors["username"] = ["This field may not be blank."]
        if "@" not in email:
            errors["email"] = ["Enter a valid email address."]
        if len(password) < 8:
            errors["password"] = ["This password is too short: at least 8 characters."]
        if errors:
            raise InvalidUserDetails(errors)
        async with self._uow as uow:
            if await uow.users.by_login(username) is not None:
                raise Conflict(f"a user named {username!r} already exists")
            user = User(
                username=username,
                email=email,
                password_hash=self._hasher.hash(password),
                date_joined=self._clock.now(),
                is_staff=True,
                is_superuser=True,
            )
            await uow.users.add(user)
            await put_in_role(uow, user, Role.ADMINISTRATORS)
            await uow.commit()
            return user


class IssueApiToken:
    """The earlier API's ``api-token-auth``: a username (or email) and password for a new token,
    checked and throttled as signing in is (``password_check``): failures here count for
    signing in, and the other way round."""

    def __init__(self, uow: UnitOfWork, check: PasswordCheck, clock: Clock) -> None:
        self._uow = uow
        self._check = check
        self._clock = clock

    async def execute(self, login: str, password: str, ip: str) -> str:
        """``ip`` is the client's address. Raises ``SignInThrottled`` when the attempt is
        refused unchecked, else ``SignInRefused``, which does not say whether the name or the
        password was wrong."""
        async with self._uow as uow:
            try:
                user = await self._check.user(uow, login, password, ip)
            except SignInThrottled:
                raise
            except SignInRefused:
                raise SignInRefused(Message.TOKEN_REFUSED) from None
            now = self._clock.now()  # after the check, which may have waited
            assert user.id is not None
            token = secrets.token_hex(TOKEN_BYTES)
            await uow.api_tokens.add(ApiToken(token_digest(token), user.id, now))
            user.last_login = now
            actor = await actor_for(uow, user)
            await record(uow, actor, "token_issued", Resource.USER, user.id, now, "with a password")
            await uow.commit()
            return token


class AuthenticateToken:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, token: str) -> Principal:
        async with self._uow as uow:
            found = await uow.api_tokens.with_holder(token_digest(token))
            if found is None or not found.user.is_active:
                raise AuthenticationFailed("Invalid token.")
            user = found.user
            assert user.id is not None
            roles = [r for r in map(role_of_group, found.group_names) if r is not None]
            actor = Actor.of(user.id, roles, user.is_superuser, user.username)
            return Principal(user, actor, token_id=found.token_id)
