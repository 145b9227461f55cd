"""``Authorization: Token <key>`` on every ``/api/`` call."""

from __future__ import annotations

from typing import Protocol

from starlette.authentication import (
    AuthCredentials,
    AuthenticationBackend,
    AuthenticationError,
    BaseUser,
)
from starlette.requests import HTTPConnection

from autopost.application.access import Actor
from autopost.application.people.accounts import AuthenticateToken, Principal
from autopost.domain.errors import AuthenticationFailed


class AuthenticatedUser(BaseUser):
    def __init__(self, principal: Principal) -> None:
        self.principal = principal
        self.user = principal.user
        self.actor = principal.actor

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def display_name(self) -> str:
        return self.user.username

    @property
    def identity(self) -> str:
        return str(self.user.id)


class TokenAuthServices(Protocol):
    def authenticate_token(self) -> AuthenticateToken: ...


class TokenAuthBackend(AuthenticationBackend):
    def __init__(self, services: TokenAuthServices) -> None:
        self._services = services

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, BaseUser] | None:
        header = conn.headers.get("authorization")
        if not header:
            return None
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "token" or not key.strip():
            raise AuthenticationError("Invalid token header.")
        try:
            principal = await self._services.authenticate_token().execute(key.strip())
        except AuthenticationFailed as failed:
            raise AuthenticationError(str(failed)) from None
        return AuthCredentials(["authenticated"]), AuthenticatedUser(principal)


def acting(request: HTTPConnection) -> Actor:
    """Who the request acts as. Only called behind ``RequireAuthentication``."""
    user = request.user
    if not isinstance(user, AuthenticatedUser):
        raise AuthenticationError("Authentication credentials were not provided.")
    return user.actor
