"""``Authorization: Token <key>`` on every ``/api/`` call."""

from __future__ import annotations

from starlette.authentication import (
    AuthCredentials,
    AuthenticationBackend,
    AuthenticationError,
    BaseUser,
)
from starlette.requests import HTTPConnection

from autopost.adapters.http.services import Services
from autopost.domain.errors import AuthenticationFailed
from autopost.domain.user import User


class AuthenticatedUser(BaseUser):
    def __init__(self, user: User) -> None:
        self.user = user

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def display_name(self) -> str:
        return self.user.username

    @property
    def identity(self) -> str:
        return str(self.user.id)


class TokenAuthBackend(AuthenticationBackend):
    def __init__(self, services: Services) -> None:
        self._services = services

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, BaseUser] | None:
        header = conn.headers.get("authorization")
        if not header:
            return None
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "token" or not key.strip():
            raise AuthenticationError("Invalid token header.")
        try:
            user = await self._services.authenticate_token().execute(key.strip())
        except AuthenticationFailed as failed:
            raise AuthenticationError(str(failed)) from None
        return AuthCredentials(["authenticated"]), AuthenticatedUser(user)
