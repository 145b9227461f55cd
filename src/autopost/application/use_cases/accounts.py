"""Signing in: the first administrator, API tokens, and who a token belongs to."""

from __future__ import annotations

import asyncio
import hashlib
import secrets

from attrs import frozen

from autopost.application.access import Actor
from autopost.application.ports.clock import Clock
from autopost.application.ports.password_hasher import PasswordHasher
from autopost.application.ports.unit_of_work import UnitOfWork
from autopost.domain.access import ROLE_IDS, Role
from autopost.domain.errors import AuthenticationFailed, Conflict, ValidationFailed
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
            raise ValidationFailed(errors)
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
    """The seed's ``api-token-auth``: a username (or email) and password for a new token."""

    def __init__(self, uow: UnitOfWork, hasher: PasswordHasher, clock: Clock) -> None:
        self._uow = uow
        self._hasher = hasher
        self._clock = clock

    async def execute(self, login: str, password: str) -> str:
        async with self._uow as uow:
            user = await uow.users.by_login(login)
            await uow.commit()  # no transaction open while the password is checked
            if user is None or not user.is_active:
                await asyncio.to_thread(self._hasher.hash, password)  # as slow as a check
                raise AuthenticationFailed("Unable to log in with provided credentials.")
            if not await asyncio.to_thread(self._hasher.verify, user.password_hash, password):
                raise AuthenticationFailed("Unable to log in with provided credentials.")
            assert user.id is not None
            token = secrets.token_hex(TOKEN_BYTES)
            now = self._clock.now()
            await uow.api_tokens.add(ApiToken(token_digest(token), user.id, now))
            user.last_login = now
            await uow.commit()
            return token


class AuthenticateToken:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, token: str) -> Principal:
        async with self._uow as uow:
            found = await uow.api_tokens.by_digest(token_digest(token))
            user = await uow.users.get(found.user_id) if found else None
            if found is None or user is None or not user.is_active:
                raise AuthenticationFailed("Invalid token.")
            return Principal(user, await actor_for(uow, user), token_id=found.id)
